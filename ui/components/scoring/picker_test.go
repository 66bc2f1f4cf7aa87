package scoring

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

const (
	sharedSnippet = uitest.SharedSnippet
	ownSnippet    = uitest.OwnSnippet
)

func TestMain(m *testing.M) { uitest.Main(m) }

// update is the picker's Update for a test that holds a pickerModel.
func update(p pickerModel, msg tea.Msg) (pickerModel, tea.Cmd) {
	m, cmd := p.Update(msg)
	return m.(pickerModel), cmd
}

func TestAppendSnippet(t *testing.T) {
	for _, tc := range []struct{ feedback, text, want string }{
		{"", "Snippet.", "Snippet."},
		{"  \n", " Snippet.\n", "Snippet."},
		{"Mine.", "Snippet.", "Mine.\n\nSnippet."},
		{"Mine.\n\n\n", "Snippet.", "Mine.\n\nSnippet."},
	} {
		if got := appendSnippet(tc.feedback, tc.text); got != tc.want {
			t.Errorf("appendSnippet(%q, %q) = %q, want %q", tc.feedback, tc.text, got, tc.want)
		}
	}
}

// TestSnippetPickerNoColor checks that the picker draws with the session's
// renderer (the global one is pinned to no colour in TestMain) and that
// NoColor leaves no colour in it.
func TestSnippetPickerNoColor(t *testing.T) {
	bank := []review.Snippet{{Criterion: "C2", Text: sharedSnippet}, {Criterion: "C2", Owner: "rev-1", Text: ownSnippet}}
	view := func(noColor bool) string {
		p := newPicker(styles.New(uitest.TrueColorRenderer(), noColor), "C2", "Specific", 60, 20)
		p, _ = p.setSnippets(bank, nil)
		p, _ = update(p, tea.KeyMsg{Type: tea.KeyDown})
		return p.View()
	}
	if v := view(true); strings.Contains(v, "38;") || strings.Contains(v, "48;") {
		t.Errorf("NoColor picker carries a colour:\n%q", v)
	}
	if v := view(false); !strings.Contains(v, "38;") {
		t.Errorf("colour picker carries no colour, so not the session's renderer:\n%q", v)
	}
}

// TestSnippetPickerDropsStaleFilterResults delivers the filter results of
// two keystrokes in the wrong order: the list must end up filtered by the
// text in the filter, not by the result that came last.
func TestSnippetPickerDropsStaleFilterResults(t *testing.T) {
	bank := []review.Snippet{{Criterion: "C2", Text: sharedSnippet}, {Criterion: "C2", Owner: "rev-1", Text: ownSnippet}}
	p := newPicker(styles.New(uitest.TrueColorRenderer(), true), "C2", "Specific", 60, 20)
	p, _ = p.setSnippets(bank, nil)
	typed := func(r rune) tea.Cmd {
		var cmd tea.Cmd
		p, cmd = update(p, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		return cmd
	}
	p, _ = update(p, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'/'}})
	r, ru := typed('r'), typed('u') // "r" matches both, "ru" only the own one
	for _, cmd := range []tea.Cmd{ru, r} {
		for _, msg := range pickerMsgs(cmd) {
			p, _ = p.receive(msg)
		}
	}
	if got := len(p.list.VisibleItems()); got != 1 {
		t.Errorf("after the late result for %q: %d snippets shown, want 1", "r", got)
	}
	p, _ = p.receive(pickerMsg{criterion: "C3", filter: "ru", msg: list.FilterMatchesMsg(nil)})
	if got := len(p.list.VisibleItems()); got != 1 {
		t.Errorf("after a result for another criterion's picker: %d snippets shown, want 1", got)
	}
}

// pickerMsgs runs cmd, and the commands of any batch it returns, and
// collects the pickerMsgs.
func pickerMsgs(cmd tea.Cmd) []pickerMsg {
	if cmd == nil {
		return nil
	}
	switch msg := cmd().(type) {
	case pickerMsg:
		return []pickerMsg{msg}
	case tea.BatchMsg:
		var out []pickerMsg
		for _, c := range msg {
			out = append(out, pickerMsgs(c)...)
		}
		return out
	}
	return nil
}
