package adjudicate

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestEditingHelpOffersNoMovingKeys: while the lead writes a criterion's
// feedback (e), the textarea takes every letter and the arrows move its
// cursor, so the full help offers no "↑/k up" and "↓/j down", as it did:
// j and k go into the feedback, not between criteria.
func TestEditingHelpOffersNoMovingKeys(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := opened(b, 120, 30)
	m = drive(m, "enter", "?", "e", "j", "k")
	v := m.View()
	if !strings.Contains(v, "jk") {
		t.Fatalf("j and k were not typed into the feedback:\n%s", v)
	}
	if strings.Contains(v, "↑/k up") || strings.Contains(v, "↓/j down") {
		t.Errorf("the help while editing offers j/k as moving keys, yet they were typed:\n%s", v)
	}
}
