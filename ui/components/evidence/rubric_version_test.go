package evidence

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestPreviousFeedbackUnderItsOwnVersion: attempt 1's feedback is shown
// under its criteria as the rubric version it was scored against named
// them, with a line saying the versions differ, not under the names of
// the version attempt 2 is scored against.
func TestPreviousFeedbackUnderItsOwnVersion(t *testing.T) {
	a := leakyAssignment()
	v1 := a.Rubric
	v1.Criteria = slices.Clone(v1.Criteria)
	v1.Criteria[1].Name = "The name in version 1"
	a.Rubric.Version, v1.Version = 2, 1
	a.Previous[0].Rubric = v1
	text, _ := evidenceText(a, uitest.Now, 100, styles.New(uitest.TrueColorRenderer(), true), false)
	text = ansi.Strip(text)
	for _, want := range []string{"Scored against version 1 of the rubric; this attempt is scored against version 2.", "C2 not-yet · The name in version 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("evidence lacks %q:\n%s", want, text)
		}
	}
	if name := a.Rubric.Criteria[1].Name; strings.Contains(text, "C2 not-yet · "+name) {
		t.Errorf("attempt 1's C2 shown under version 2's name %q", name)
	}
}
