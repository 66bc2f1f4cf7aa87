package scoring

import (
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

func testSheet() Sheet {
	r := uitest.Rubrics()[0]
	rows := append(CriterionRows(r), review.OverallKey)
	return NewSheet(styles.New(uitest.TrueColorRenderer(), true), r, rows, map[string]string{"C1": "meets"}, nil)
}

func TestSheetMovesAndSetsLevels(t *testing.T) {
	s := testSheet()
	s.Move(-1)
	if s.Row() != "C1" {
		t.Fatalf("row %q after moving up from the top, want C1", s.Row())
	}
	if s.SetLevel("meets") {
		t.Error("setting C1's level to what it is reported a change")
	}
	s.Move(1)
	if !s.SetLevel("not-yet") || s.Levels["C2"] != "not-yet" {
		t.Errorf("C2 level %q, want not-yet", s.Levels["C2"])
	}
	s.Move(10)
	if s.Row() != review.OverallKey || s.SetLevel("meets") {
		t.Errorf("row %q: the overall row is last and takes no level", s.Row())
	}
	if got := s.Unscored(); !slices.Equal(got, []string{"C3", "C4"}) {
		t.Errorf("Unscored = %q", got)
	}
	if got := s.MissingFeedback(); !slices.Equal(got, []string{"C2"}) {
		t.Errorf("MissingFeedback = %q", got)
	}
}

func TestSheetCopiesTypedText(t *testing.T) {
	s := testSheet()
	s.Move(1)
	s.StartEditing(s.Row())
	cmd, changed := s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	_ = cmd
	if !changed || s.Feedback["C2"] != "x" || !s.Editing() || s.EditingID() != "C2" {
		t.Fatalf("after typing: changed %v, feedback %q", changed, s.Feedback["C2"])
	}
	s.StopEditing()
	if _, changed := s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")}); changed || s.Feedback["C2"] != "x" {
		t.Errorf("a key after editing stopped changed the feedback to %q", s.Feedback["C2"])
	}
}

// TestSheetSameTextSizeCostsNothing: sizing the textarea again to the size
// it has (the panel does so after every message) leaves it as it is,
// without setting its text afresh (bubbles' Reset allocates 240 KB), and a
// new size still applies.
func TestSheetSameTextSizeCostsNothing(t *testing.T) {
	s := testSheet()
	s.SetTextSize(40, 6)
	s.StartEditing("C2")
	for _, r := range "names the next step" {
		s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if allocs := testing.AllocsPerRun(20, func() { s.SetTextSize(40, 6) }); allocs != 0 {
		t.Errorf("sizing the textarea to its own size allocated %v times", allocs)
	}
	s.SetTextSize(30, 8)
	if s.ed.ta.Width() != 30-2 || s.ed.ta.Height() != 8 {
		t.Errorf("textarea %dx%d after sizing to 30x8 (less its prompt of 2)", s.ed.ta.Width(), s.ed.ta.Height())
	}
	if s.Text() != "names the next step" {
		t.Errorf("text %q after resizing", s.Text())
	}
}

// TestTextViewKeptUntilTextareaChanges: drawing the textarea again without
// a change in between costs nothing, and after every kind of change
// (typing, moving the cursor, resizing, leaving, starting again) the
// drawing is the textarea's own, as it is then.
func TestTextViewKeptUntilTextareaChanges(t *testing.T) {
	s := testSheet()
	s.SetTextSize(30, 4)
	s.StartEditing("C2")
	check := func(step string) {
		t.Helper()
		if got, want := s.TextView(), s.ed.ta.View(); got != want {
			t.Fatalf("after %s: TextView\n%s\nwant\n%s", step, got, want)
		}
	}
	check("start")
	if allocs := testing.AllocsPerRun(20, func() { s.TextView() }); allocs != 0 {
		t.Errorf("drawing an unchanged textarea again allocated %v times", allocs)
	}
	for _, r := range "a first line that wraps past the width" {
		s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		check("typing " + string(r))
	}
	s.UpdateText(tea.KeyMsg{Type: tea.KeyEnter})
	check("enter")
	for range 3 {
		s.UpdateText(tea.KeyMsg{Type: tea.KeyUp})
		check("up")
	}
	s.UpdateText(tea.KeyMsg{Type: tea.KeyLeft})
	check("left")
	s.SetTextSize(20, 3)
	check("resize")
	s.StopEditing()
	check("stop")
	s.StartEditing("C1")
	check("start on another criterion")
	s.Feedback["C2"] = "set from outside"
	s.StartEditing("C2")
	check("start again")
}

// TestSheetMakesTextareaWhenWriting: a sheet makes no textarea (240 KB in
// bubbles) until feedback is written, and the one it makes then has the
// size given before.
func TestSheetMakesTextareaWhenWriting(t *testing.T) {
	s := testSheet()
	s.SetTextSize(30, 8)
	s.Move(1)
	s.StopEditing()
	if s.ed.ta != nil || s.Text() != "" {
		t.Fatal("the textarea was made before any feedback was written")
	}
	alloc := uitest.Allocated(func() {
		s.StartEditing("C2")
	})
	if s.ed.ta == nil || s.ed.ta.Width() != 30-2 || s.ed.ta.Height() != 8 || !s.ed.ta.Focused() {
		t.Fatalf("writing: textarea %v, want 28x8 and focused", s.ed.ta)
	}
	// bubbles' textarea allocates 240 KB when made and again when reset;
	// a first feedback, empty, needs only the first.
	if alloc > 360<<10 {
		t.Errorf("starting to write an empty feedback allocated %d KB, want one textarea's (about 240 KB)", alloc>>10)
	}
	s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("ok")})
	s.StopEditing()
	s.StartEditing("C1")
	s.StartEditing("C2")
	if s.Text() != "ok" {
		t.Errorf("back on C2 the textarea holds %q, want ok", s.Text())
	}
}
