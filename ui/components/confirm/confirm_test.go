package confirm

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/components/overlay"
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

// TestConfirmTallerThanItsRoom: a dialog taller than its height (the
// warnings of a resubmit at 50×16) shows what fits and says more is below;
// y records nothing until j has shown the end, so nothing is confirmed
// unseen; then y records.
func TestConfirmTallerThanItsRoom(t *testing.T) {
	warn := []review.Warning{
		{Criterion: "C2", Message: "feedback is 2 words; aim for 15 or more"},
		{Criterion: "C3", Message: "feedback is 3 words; aim for 15 or more"},
	}
	yes := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")}
	j := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
	var m overlay.Model = New(styles.New(uitest.TrueColorRenderer(), true), "DF-7KQ2#2", review.Resubmit, warn).SetSize(30, 9)
	v := m.View()
	uitest.RequireFits(t, v, 30, 9)
	if !strings.Contains(v, "more below") || strings.Contains(v, "C3: feedback") {
		t.Fatalf("the top of a tall dialog:\n%s", v)
	}
	m, _ = m.Update(yes)
	if m.Closed() || !strings.Contains(m.View(), "Read on (j) first") {
		t.Fatalf("y before the end: closed %v\n%s", m.Closed(), m.View())
	}
	for range 30 {
		m, _ = m.Update(j)
	}
	v = m.View()
	uitest.RequireFits(t, v, 30, 9)
	if !strings.Contains(v, "C3: feedback") || !strings.Contains(v, "y record") || strings.Contains(v, "more below") {
		t.Fatalf("the end of a tall dialog:\n%s", v)
	}
	if m, _ = m.Update(yes); m.(Model).Answer() != Yes {
		t.Fatal("y after the end recorded nothing")
	}
}

// TestConfirmDoubleReview: for one of two blind reviews the dialog does
// not promise the candidate feedback now: the decision of record waits
// for the other review, and a lead settles a disagreement.
func TestConfirmDoubleReview(t *testing.T) {
	v := New(styles.New(uitest.TrueColorRenderer(), true), "DF-7KQ2#2", review.Resubmit, nil).ForDoubleReview().SetSize(100, 0).View()
	if !strings.Contains(v, "This attempt has two blind reviews") || strings.Contains(v, "The candidate gets your feedback") {
		t.Errorf("one of two reviews:\n%s", v)
	}
}
