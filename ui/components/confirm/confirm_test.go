package confirm

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

func TestConfirmAnswers(t *testing.T) {
	for _, tc := range []struct {
		key  tea.KeyMsg
		want Result
	}{
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")}, Yes},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("n")}, No},
		{tea.KeyMsg{Type: tea.KeyEsc}, No},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")}, Pending},
	} {
		m := New(styles.New(uitest.TrueColorRenderer(), true), "DF-7KQ2#2", review.Resubmit, nil).SetSize(40, 10)
		got, _ := m.Update(tc.key)
		if a := got.(Model).Answer(); a != tc.want || got.Closed() != (tc.want != Pending) {
			t.Errorf("%s: answer %v closed %v, want %v", tc.key, a, got.Closed(), tc.want)
		}
	}
}

func TestConfirmFitsItsWidth(t *testing.T) {
	warn := []review.Warning{{Criterion: "C2", Message: strings.Repeat("thin feedback ", 10)}}
	v := New(styles.New(uitest.TrueColorRenderer(), true), "DF-7KQ2#2", review.Pass, warn).SetSize(40, 10).View()
	if !strings.Contains(v, "Record PASS for DF-7KQ2#2?") {
		t.Errorf("view lacks the question:\n%s", v)
	}
	uitest.RequireFits(t, v, 40, 100)
}
