package evidence

import (
	"testing"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestSearchFindsHindi: evidence in Hindi is found by the words a
// reviewer types, Hindi too: the word joiners the pane draws the text
// with (common.Drawable) are no part of what was written or typed.
func TestSearchFindsHindi(t *testing.T) {
	a := uitest.DiffAssignment()
	a.Attempt.Parts[0].Text = "मेरा लक्ष्य ऊर्जा हस्तांतरण समझाना है। हिन्दी में पाठ योजना"
	p := NewPane(styles.New(uitest.TrueColorRenderer(), true), a, uitest.Clock).SetSize(60, 10)
	for _, q := range []string{"हिन्दी", "लक्ष्य", "योजना", "पाठ"} {
		if got := p.Find(q, 1).FindStatus(); got != "/"+q+": match 1 of 1 · n next, N previous" {
			t.Errorf("searching %q in the Hindi evidence: %q", q, got)
		}
	}
}
