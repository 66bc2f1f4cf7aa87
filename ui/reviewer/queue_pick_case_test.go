package reviewer

import (
	"testing"

	"github.com/charmbracelet/bubbles/textinput"

	"assessor/review"
)

// TestFindExactIDFirst: ids are case-sensitive (docs/formats.md), so
// "math-1" and "Math-1" are two credentials. Typing one's id exactly and
// pressing enter (which takes the first row) must filter by that one, not
// by the other that only matches without case.
func TestFindExactIDFirst(t *testing.T) {
	creds := []review.Rubric{
		{ID: "Math-1", Title: "Algebra for Middle Grades"},
		{ID: "math-1", Title: "Number Sense in Early Grades"},
	}
	for _, typed := range []string{"math-1", "Math-1"} {
		p := credPick{in: textinput.New(), creds: creds}
		p.in.SetValue(typed)
		p.narrow()
		if len(p.shown) == 0 || creds[p.shown[0]].ID != typed {
			first := "nothing"
			if len(p.shown) > 0 {
				first = creds[p.shown[0]].ID
			}
			t.Errorf("typed %q: enter would filter by %s", typed, first)
		}
	}
}
