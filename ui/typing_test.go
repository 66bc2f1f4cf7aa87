package ui_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui"
)

// Typed text must reach a text field exactly as typed even when several
// characters arrive in one read (a slow SSH link, a paste without
// bracketed paste): Bubble Tea v1 then reports them as one KeyMsg whose
// String() may be "left" or "enter" (typing.go).

// boundKeyNames walks the key maps of every screen: the string literals
// given to key.WithKeys anywhere in ui/ outside tests.
func boundKeyNames(t *testing.T) []string {
	t.Helper()
	var names []string
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "WithKeys" {
				return true
			}
			for _, a := range call.Args {
				if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					names = append(names, s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 20 {
		t.Fatalf("found only %d bound keys in ui/: the walk is broken", len(names))
	}
	return names
}

// burstNames is every key name of more than one character that a binding
// could match: all Bubble Tea's key names (a binding matches a KeyMsg's
// String(), so it can match no other multi-character word) and every
// multi-character key bound in ui/, which must be among them.
func burstNames(t *testing.T) []string {
	t.Helper()
	var all []string
	for kt := -300; kt < 300; kt++ {
		if s := tea.KeyType(kt).String(); len(s) > 1 && !strings.Contains(s, " ") {
			all = append(all, s)
		}
	}
	for _, b := range boundKeyNames(t) {
		if len([]rune(b)) > 1 && !slices.Contains(all, b) {
			t.Errorf("ui/ binds %q, which is no Bubble Tea key name: add it to the burst", b)
		}
	}
	slices.Sort(all)
	return all
}

// burstText interleaves a capital letter with every name, as in
// "A backspace B ctrl+@ C …": text in which each name is a word.
func burstText(names []string) string {
	words := make([]string, 0, 2*len(names))
	for i, n := range names {
		words = append(words, string(rune('A'+i%26)), n)
	}
	return strings.Join(words, " ")
}

// shortBurst is the example, short enough for one-line fields.
const shortBurst = "A left B up C down D enter E tab F esc H right I"

// typeBursts sends text as a terminal read in chunks would deliver it:
// each word as one multi-rune KeyMsg, each space as a space key.
func typeBursts(p *frameOf, text string) {
	for i, w := range strings.Split(text, " ") {
		if i > 0 {
			p.TM.Send(tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}})
		}
		if w != "" {
			p.TM.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
		}
	}
}

// typedDraft opens the oldest attempt, opens a text field of the scoring
// panel with keys, types text in bursts, saves and quits with ctrl+c and
// returns the stored draft's text under field.
func typedDraft(t *testing.T, keys []string, shows string, text string, field func(review.Rubric) string) string {
	t.Helper()
	d := demoStore(t)
	it := d.queue(t)[0]
	p := startReviewer(t, d, 160, 48)
	p.Do([]string{"enter"}, it.Handle()+" · ")
	p.Do([]string{"s"}, "Scoring "+it.Handle())
	p.Do(keys, shows)
	typeBursts(p, text)
	p.Press("ctrl+c")
	p.Final()
	dr, ok, err := d.st.Draft(goldenReviewer, it.Key())
	if err != nil || !ok {
		t.Fatalf("no draft stored (ok=%v, err=%v)", ok, err)
	}
	return dr.Feedback[field(d.rubrics[it.Credential])]
}

func TestTypedBurstsReachFeedbackExactly(t *testing.T) {
	text := burstText(burstNames(t))
	got := typedDraft(t, []string{"e"}, "done editing", text, func(r review.Rubric) string { return r.Criteria[0].ID })
	if got != text {
		t.Errorf("feedback altered by bursts:\ngot  %q\nwant %q", got, text)
	}
}

func TestTypedBurstsReachOverallExactly(t *testing.T) {
	text := burstText(burstNames(t))
	got := typedDraft(t, []string{"o"}, "done editing", text, func(review.Rubric) string { return review.OverallKey })
	if got != text {
		t.Errorf("overall feedback altered by bursts:\ngot  %q\nwant %q", got, text)
	}
}

func TestTypedBurstsReachSnippetFilterExactly(t *testing.T) {
	d := demoStore(t)
	it := d.queue(t)[0]
	d.addSnippets(t, it.Credential, d.rubrics[it.Credential].Criteria[0].ID)
	p := startReviewer(t, d, 160, 48)
	p.Do([]string{"enter"}, it.Handle()+" · ")
	p.Do([]string{"s"}, "Scoring "+it.Handle())
	p.Do([]string{"b"}, "2 snippets")
	p.Press("/")
	typeBursts(p, shortBurst)
	requireContains(t, p.frame(), shortBurst)
}

func TestTypedBurstsReachAdjudicationExactly(t *testing.T) {
	p, _, ds := startAdjudicate(t, 160, 48)
	p.Do([]string{"enter"}, "Adjudicate "+ds[0].Attempt.Handle())
	p.Do([]string{"e"}, "done editing")
	typeBursts(p, shortBurst)
	requireContains(t, p.frame(), shortBurst)
}

// Outside text fields a burst is the keys it holds, one after another:
// "jjj" moves down three rows, and "up" is u then p, neither bound, so it
// does not move the cursor back up.
func TestTypedBurstIsSeparateKeysInQueue(t *testing.T) {
	d := demoStore(t)
	q := d.queue(t)
	p := startReviewer(t, d, 160, 48)
	typeBursts(p, "jjj up")
	p.Do([]string{"enter"}, q[3].Handle()+" · ")
}

// The burst splitting must not hide the reviewer program from a server
// that asks whether it shows the queue.
func TestShowsQueueSeesThroughTyping(t *testing.T) {
	d := demoStore(t)
	if !ui.ShowsQueue(ui.New(d.st, goldenReviewer, goldenOptions())) {
		t.Error("ShowsQueue is false for a fresh reviewer program")
	}
}
