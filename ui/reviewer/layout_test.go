package reviewer

import (
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/ui/common"
	"assessor/ui/styles"
)

// TestFitsIn80x24 drives each screen and state at 80×24 and checks that no
// line is wider than the terminal and nothing spills below it.
func TestFitsIn80x24(t *testing.T) {
	long := strings.Repeat("The sample shows a grade but no comment on the success criteria. ", 6)
	for _, tc := range []struct {
		name  string
		steps func(s *session)
		want  string
	}{
		{"queue", func(s *session) {}, "DF-B2C8#1"},
		{"queue help", func(s *session) { s.Do(keys("?"), "reload") }, "reload"},
		{"review", func(s *session) { s.Do(keys("enter"), "Attempt 1 feedback") }, "Rubric"},
		{"review help", func(s *session) {
			s.Do(keys("enter"), "Attempt 1 feedback")
			s.Do(keys("?"), "prev criterion")
		}, "prev criterion"},
		{"scoring editing", func(s *session) {
			s.Do(keys("enter"), "Attempt 1 feedback")
			s.Do(keys("s", "j", "n", "k", "enter", long), "Feedback on C2")
		}, "Feedback on C2"},
		{"confirm", func(s *session) {
			s.Do(keys("enter"), "Attempt 1 feedback")
			s.Do(keys("s", "m", "n", "m", "m", "k", "k", "enter", "Short.", "esc", "c"), "Record RESUBMIT")
		}, "Record RESUBMIT for DF-7KQ2#2?"},
		{"evil evidence", func(s *session) {
			s.Do(keys("down", "down", "down", "enter"), "Beforeafter")
		}, "Beforeafter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, newFake(), common.Options{}, 80, 24)
			s.WaitAfter(0, "DF-B2C8#1")
			tc.steps(s)
			s.Press("ctrl+c")
			view := s.final().View()
			if !strings.Contains(view, tc.want) {
				t.Fatalf("view lacks %q:\n%s", tc.want, view)
			}
			requireFits(t, view, 80, 24)
		})
	}
}

// TestNoColorHasNoColour checks that NoColor styles carry no colour even on
// a colour terminal, and that the rubric is rendered in the colourless
// style there (ui/components/markdown), in "notty" only where the terminal
// draws nothing but text.
func TestNoColorHasNoColour(t *testing.T) {
	st := styles.New(trueColorRenderer(), true)
	if st.GlamourStyle != styles.GlamourNoColor {
		t.Errorf("glamour style = %q, want %q", st.GlamourStyle, styles.GlamourNoColor)
	}
	plain := lipgloss.NewRenderer(io.Discard)
	plain.SetColorProfile(termenv.Ascii)
	if got := styles.New(plain, true).GlamourStyle; got != "notty" {
		t.Errorf("glamour style on a terminal without colour = %q, want notty", got)
	}
	for name, s := range map[string]string{
		"warn": st.Warn.Render("x"), "notYet": st.NotYet.Render("x"), "status": st.ErrStatus.Render("x"),
		"pane": st.PaneFocused.Render("x"), "appTitle": st.AppTitle.Render("x"),
	} {
		if strings.Contains(s, "38;") || strings.Contains(s, "48;") {
			t.Errorf("%s carries a colour: %q", name, s)
		}
	}
	colour := styles.New(trueColorRenderer(), false)
	if !strings.Contains(colour.Warn.Render("x"), "38;") {
		t.Error("colour styles carry no colour: the test above proves nothing")
	}
}
