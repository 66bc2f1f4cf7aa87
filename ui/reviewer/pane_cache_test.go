package reviewer

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unsafe"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/ui/common"
)

// TestPaneCacheNeverStale walks the review screen through keys that change
// one pane, the other, both or neither, at several terminal sizes, and
// after each key compares the frame with the frame of the same model drawn
// without a cache: reusing a drawing must never show an old one. Each
// screen takes what the screen before it kept (newReview's prev), as the
// next attempt's screen does, at the same size and at another.
func TestPaneCacheNeverStale(t *testing.T) {
	f := newFake()
	app := New(f, "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()}).(*appModel)
	steps := []string{"j", "j", "tab", "j", "]", "]", "[", "d", "j", "tab", "pgdown", "s", "down", "m", "n", "esc", "k", "?", "j", "?"}
	var prev *paneCache
	for n, size := range [][2]int{{160, 48}, {160, 48}, {100, 30}, {60, 20}, {100, 30}, {40, 12}} {
		asg := f.assignment(f.attempts[n%len(f.attempts)])
		r := newReview(app.c, asg, "", "", size[0], size[1], prev)
		fresh := newReview(app.c, asg, "", "", size[0], size[1], nil)
		if got, want := r.View(), fresh.View(); got != want {
			t.Fatalf("%dx%d: a screen with what the one before kept differs from a fresh one:\n%s\n---\n%s", size[0], size[1], got, want)
		}
		for i, k := range steps {
			r.Update(keyMsg(k))
			fresh := r
			fresh.panes = &paneCache{}
			if got, want := r.View(), fresh.View(); got != want {
				t.Fatalf("%dx%d after %v: cached frame differs from a fresh one:\n%s\n---\n%s", size[0], size[1], steps[:i+1], got, want)
			}
		}
		prev = r.panes
	}
}

// TestFastLayoutMatchesLipgloss: joinPanes and stack return what
// lipgloss's joins and fit return for the review screen's blocks.
func TestFastLayoutMatchesLipgloss(t *testing.T) {
	f := newFake()
	app := New(f, "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()}).(*appModel)
	for _, size := range [][2]int{{160, 48}, {100, 30}, {60, 20}, {47, 12}, {30, 8}} {
		r := newReview(app.c, f.assignment(f.attempts[0]), "", "", size[0], size[1], nil)
		left := r.pane("Evidence", r.evidence.View(), r.evidence.Width(), true)
		right := r.pane("Rubric", r.rubric.View(), r.rubric.Width, false)
		panes := sideBySide(left, right)
		if got, want := panes.String(), lipgloss.JoinHorizontal(lipgloss.Top, left, right); got != want {
			t.Fatalf("%v: sideBySide differs from lipgloss.JoinHorizontal", size)
		}
		paneW := r.evidence.Width() + r.rubric.Width + 8
		for _, status := range []string{"", "Draft saved", fmt.Sprintf("%*s", size[0]+5, "too wide")} {
			header, help := common.Spread("DF-7KQ2#2 · Descriptive", "draft saved", size[0]), r.help.View(r.keys)
			want := common.Fit(lipgloss.JoinVertical(lipgloss.Left, header, panes.String(), status, help), size[0], size[1])
			if got := stack(size[0], size[1], header, panes, paneW, status, help); got != want {
				t.Fatalf("%v status %q: stack differs from common.Fit(JoinVertical):\n%q\n%q", size, status, got, want)
			}
		}
	}
}

// keyMsg is the key a name stands for: a special key or one rune.
func keyMsg(k string) tea.KeyMsg {
	special := map[string]tea.KeyType{"tab": tea.KeyTab, "esc": tea.KeyEsc, "down": tea.KeyDown, "pgdown": tea.KeyPgDown, "enter": tea.KeyEnter}
	if kt, ok := special[k]; ok {
		return tea.KeyMsg{Type: kt}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// TestHelpKeptNeverStale: after every key of a session that changes the
// keys on offer (scoring, writing, an overlay, ?, the comment bank, a
// resize), the help kept from an earlier drawing is the help drawn afresh.
func TestHelpKeptNeverStale(t *testing.T) {
	f := newFake()
	app := New(f, "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()}).(*appModel)
	asg := f.assignment(f.attempts[0])
	steps := []string{
		"j", "s", "m", "enter", "esc", "o", "esc", // writing a criterion's feedback, then the overall (no snippet key)
		"?", "?", "b", "esc", "h", "enter", "esc", "esc", "tab", "f", "esc", "s", "c", "esc", "?", "x",
	}
	for _, size := range [][2]int{{160, 48}, {80, 24}, {50, 14}} {
		r := newReview(app.c, asg, "", "", size[0], size[1], nil)
		for i, k := range steps {
			if k == "x" {
				r.setSize(size[0]-7, size[1])
			} else {
				r.Update(keyMsg(k))
			}
			if got, want := r.helpView(), r.drawHelp(r.activeKeys()); got != want {
				t.Fatalf("%dx%d after %v: kept help\n%s\nfresh\n%s", size[0], size[1], steps[:i+1], got, want)
			}
			if r.helpText != r.drawHelp(r.activeKeys()) {
				t.Fatalf("%dx%d after %v: the help drawn by Update is not the state's", size[0], size[1], steps[:i+1])
			}
		}
	}
}

// TestHelpKeptForEachSetOfKeys: a reviewer goes round the same few sets of
// keys for every attempt (the rubric, scoring, writing, confirming); once
// each has been drawn, going round again, or on the next attempt's
// screen, draws none again.
func TestHelpKeptForEachSetOfKeys(t *testing.T) {
	f := newFake()
	app := New(f, "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()}).(*appModel)
	// Scoring every criterion (m on the last stays), writing, confirming.
	round := []string{"s", "m", "m", "m", "m", "m", "m", "enter", "esc", "c", "esc", "esc"}
	// Two first attempts of one credential: their keys read the same (a
	// resubmission's add d, the diff).
	r := newReview(app.c, f.assignment(f.attempts[2]), "", "", 160, 48, nil)
	for _, k := range round {
		r.Update(keyMsg(k))
	}
	drawn := slices.Sorted(maps.Keys(r.panes.help))
	if len(drawn) < 4 {
		t.Fatalf("%d help drawings after a round of scoring, writing and confirming, want one for each of the 4 sets of keys", len(drawn))
	}
	next := newReview(app.c, f.assignment(f.attempts[3]), "", "", 160, 48, r.panes)
	for _, k := range round {
		next.Update(keyMsg(k))
		if got := slices.Sorted(maps.Keys(next.panes.help)); !slices.Equal(got, drawn) {
			t.Fatalf("after %q on the next attempt the help was drawn again: %d drawings, had %d", k, len(got), len(drawn))
		}
	}
}

// TestDrawingsSharedBetweenSessions: two sessions of the same look share
// the help and the border pieces their review screens draw (the second
// draws none of them: the very same strings come back), and a session of
// another look gets its own: a NO_COLOR session never gets colour.
func TestDrawingsSharedBetweenSessions(t *testing.T) {
	f := newFake()
	open := func(opt common.Options) *reviewModel {
		opt.Now = testClock
		app := New(f, "rev-1", opt).(*appModel)
		r := newReview(app.c, f.assignment(f.attempts[2]), "", "", 160, 48, nil)
		for _, k := range []string{"", "s", "esc"} {
			if k != "" {
				r.Update(keyMsg(k))
			}
			r.View()
		}
		return &r
	}
	a := open(common.Options{Renderer: trueColorRenderer()})
	b := open(common.Options{Renderer: trueColorRenderer()})
	if a.c.Styles.Look == "" || a.c.Styles.Look != b.c.Styles.Look {
		t.Fatalf("looks %q and %q, want the same, not empty", a.c.Styles.Look, b.c.Styles.Look)
	}
	if len(a.panes.help) == 0 || len(b.panes.help) != len(a.panes.help) {
		t.Fatalf("%d and %d help drawings", len(a.panes.help), len(b.panes.help))
	}
	for k, text := range a.panes.help {
		if unsafe.StringData(b.panes.help[k]) != unsafe.StringData(text) {
			t.Errorf("the second session drew the help %q again", k)
		}
	}
	for i := range a.panes.edges {
		if !a.panes.edges[i].valid || unsafe.StringData(b.panes.edges[i].top) != unsafe.StringData(a.panes.edges[i].top) {
			t.Errorf("the second session cut border %d again", i)
		}
	}

	plain := open(common.Options{Renderer: trueColorRenderer(), NoColor: true})
	if plain.c.Styles.Look == a.c.Styles.Look {
		t.Fatalf("NO_COLOR has the colour session's look %q", a.c.Styles.Look)
	}
	for k, text := range plain.panes.help {
		if strings.Contains(text, "38;2;") {
			t.Errorf("the NO_COLOR session's help %q is not its own drawing: %q", k, text)
		}
	}
	for i, e := range plain.panes.edges {
		if strings.Contains(e.top, "38;2;") {
			t.Errorf("the NO_COLOR session's border %d is coloured: %q", i, e.top)
		}
	}
}
