package reviewer

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// The snippets of the comment bank tests, shared with the picker's.
const (
	sharedSnippet = uitest.SharedSnippet
	ownSnippet    = uitest.OwnSnippet
)

// bankFake is a fake whose C2 comment bank holds a shared snippet, one of
// rev-1's own, and one of another reviewer's that rev-1 must never see.
func bankFake() *fakeBackend {
	f := newFake()
	c2 := func(owner, text string) review.Snippet {
		return review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Owner: owner, Text: text}
	}
	f.bank = []review.Snippet{
		c2("rev-1", ownSnippet),
		c2("", sharedSnippet),
		c2("rev-2", "Private note of another reviewer."),
		{Credential: "descriptive-feedback", Criterion: "C3", Owner: "rev-1", Text: "C3 only."},
	}
	return f
}

func TestSnippetPickerFilterInsertsAndDraftSaves(t *testing.T) {
	f := bankFake()
	first := f.attempts[0].Key()
	f.drafts[first] = review.Draft{Feedback: map[string]string{"C2": "Good start. "}}
	s := openScoring(t, f, common.Options{DraftDelay: 50 * time.Millisecond}, 100, 30)

	s.Do(keys("j", "b"), "Comment bank · C2", "2 snippets",
		"Name the learning target in every comment.", "shared · 1 more line", "Use the rubric's words", "mine")
	s.Do(keys("/", "rubric"), "1 snippet", "1 filtered")
	// bubbles/list: enter while typing a filter applies it; a second enter
	// inserts the selected snippet.
	s.Do(keys("enter"), "“rubric” 1 snippet")
	m := s.Mark()
	s.Press("enter")
	s.WaitAfter(m, "Feedback on C2", "Inserted")
	want := "Good start.\n\n" + ownSnippet
	waitFor(t, "a debounced draft save with the inserted snippet", func() bool {
		d, _ := f.lastSave()
		return d.Feedback["C2"] == want
	})

	// The reviewer edits before leaving: the edit is saved too.
	s.Press("!")
	waitFor(t, "the edit after the insert", func() bool {
		d, _ := f.lastSave()
		return d.Feedback["C2"] == want+"!"
	})
	s.Press("esc")
	app := s.quit()
	if strings.Contains(s.Out.String(), "Private note") || strings.Contains(s.Out.String(), "C3 only") {
		t.Error("the picker showed another reviewer's or another criterion's snippet")
	}
	if got := app.review.scoring.Feedback()["C2"]; got != want+"!" {
		t.Errorf("C2 feedback = %q, want %q", got, want+"!")
	}
}

func TestSnippetPickerEnterWithoutFilterTakesSelected(t *testing.T) {
	f := bankFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "b"), "2 snippets")
	// Shared first: the second row is rev-1's own.
	s.Do(keys("j", "enter"), "Feedback on C2")
	s.Press("esc")
	if app := s.quit(); app.review.scoring.Feedback()["C2"] != ownSnippet {
		t.Errorf("C2 feedback = %q, want the selected snippet alone", app.review.scoring.Feedback()["C2"])
	}
	if d, _ := f.lastSave(); d.Feedback["C2"] != ownSnippet {
		t.Errorf("draft saved on quit has C2 = %q", d.Feedback["C2"])
	}
}

func TestSnippetPickerEscClearsFilterThenCloses(t *testing.T) {
	f := bankFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "b"), "2 snippets")
	// esc while typing a filter cancels it…
	s.Do(keys("/", "zzz"), "Nothing matched")
	s.Do(keys("esc"), "2 snippets")
	// …and esc on an applied filter clears it; only then does esc close.
	s.Do(keys("/", "rubric"), "1 filtered")
	s.Do(keys("enter"), "“rubric” 1 snippet")
	s.Do(keys("esc"), "2 snippets")
	s.Do(keys("esc"), "Outcome: incomplete")
	app := s.quit()
	if app.review.scoring.PickerOpen() || app.review.scoring.Feedback()["C2"] != "" {
		t.Errorf("after esc: picker open %v, C2 feedback %q; want closed and unchanged",
			app.review.scoring.PickerOpen(), app.review.scoring.Feedback()["C2"])
	}
	if _, n := f.lastSave(); n != 0 {
		t.Errorf("%d drafts saved though nothing was inserted", n)
	}
}

func TestSnippetPickerEmptyBank(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 100, 30)
	s.Do(keys("b"), "No snippets for C1 yet", "ctrl+b saves the text")
}

func TestCtrlBSavesPersonalSnippet(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "enter", "Say which step."), "Say which step.")
	m := s.Mark()
	s.TM.Send(tea.KeyMsg{Type: tea.KeyCtrlB})
	s.WaitAfter(m, "Saved to your comment bank")
	// ctrl+b did not reach the textarea (where it moves the cursor left).
	s.Do(keys("!"), "Say which step.!")

	got := f.gotSnippetSaves()
	want := review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: "Say which step.", Owner: "rev-1"}
	if len(got) != 1 || got[0] != want {
		t.Fatalf("SaveSnippet calls = %+v, want [%+v]", got, want)
	}
	// The saved snippet is in the bank next time.
	s.Do(keys("esc", "b"), "1 snippet", "Say which step.", "mine")
}

func TestCtrlBOnBlankFeedbackSavesNothing(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("enter"), "Feedback on C1")
	m := s.Mark()
	s.TM.Send(tea.KeyMsg{Type: tea.KeyCtrlB})
	s.WaitAfter(m, "Nothing to save yet")
	if n := len(f.gotSnippetSaves()); n != 0 {
		t.Errorf("SaveSnippet called %d times for blank feedback", n)
	}
}

// TestSnippetPickerFitsIn80x24 opens the picker with a filter applied at
// 80×24, where the scoring pane is narrowest.
func TestSnippetPickerFitsIn80x24(t *testing.T) {
	f := bankFake()
	f.bank = append(f.bank, review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Owner: "rev-1",
		Text: strings.Repeat("A long snippet that runs well past the width of the scoring pane. ", 4)})
	s := start(t, f, common.Options{}, 80, 24)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("s"), "Outcome: incomplete")
	s.Do(keys("j", "b"), "3 snippets")
	s.Do(keys("/", "snippet"), "1 snippet")
	s.Do(keys("enter"), "“snippet” 1 snippet")
	s.Press("ctrl+c")
	view := s.final().View()
	if !strings.Contains(view, "A long snippet") {
		t.Fatalf("view lacks the filtered snippet:\n%s", view)
	}
	requireFits(t, view, 80, 24)
}

// TestSnippetPickerHelp: ? over the comment bank shows all of its keys in
// the review screen's help, esc hides them before it closes the picker,
// and while a filter is typed ? is text.
func TestSnippetPickerHelp(t *testing.T) {
	f := bankFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	// bubbles' help: keys in a line, "esc close", or in aligned columns.
	s.Do(keys("j", "b"), "2 snippets", "? help", "esc close")
	s.Do(keys("?"), "esc    close")
	s.Do(keys("esc"), "esc close")
	s.Do(keys("/", "?"), "Nothing matched")
	s.Press("ctrl+c")
	app := s.final()
	if app.review.help.ShowAll || !app.review.scoring.PickerOpen() {
		t.Errorf("after ?, esc and a filter of ?: full help %v, picker open %v; want the picker open, its help short",
			app.review.help.ShowAll, app.review.scoring.PickerOpen())
	}
}
