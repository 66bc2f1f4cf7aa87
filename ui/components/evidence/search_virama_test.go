package evidence

import (
	"testing"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestSearchFindsQueryEndingInVirama: a query that ends in a virama (the
// start of a conjunct, as a reviewer types it key by key) is found where
// the evidence holds that virama before a zero-width joiner: Hindi's
// half forms (क्‍ष) and Malayalam's chillus as most Malayalam text still
// writes them (അവന്‍). Drawable writes a word joiner after a virama at
// the query's end, but none after one the evidence has before a joiner,
// so the query, drawn, was not in the text: "not found", though the
// evidence holds every character typed. Before 89e1274 it was found.
func TestSearchFindsQueryEndingInVirama(t *testing.T) {
	a := uitest.DiffAssignment()
	a.Attempt.Parts[0].Text = "क्\u200dष और അവന്\u200d"
	p := NewPane(styles.New(uitest.TrueColorRenderer(), true), a, uitest.Clock).SetSize(60, 10)
	for _, q := range []string{"क्", "അവന്"} {
		if got := p.Find(q, 1).FindStatus(); got != "/"+q+": match 1 of 1 · n next, N previous" {
			t.Errorf("searching %q in %q: %q", q, a.Attempt.Parts[0].Text, got)
		}
	}
}
