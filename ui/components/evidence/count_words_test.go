package evidence

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestWordCountsAgree: a count of one says "word", not "words", in the
// part's count and in the diff's totals and part lines.
func TestWordCountsAgree(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	a := uitest.DiffAssignment()
	a.Attempt.Parts = []review.EvidencePart{
		{Title: "Part 1: Overview questions", Text: "Energy."},
		{Title: "Part 4: Appendix", Text: "Appendix."},
	}
	a.Previous[0].Attempt.Parts = []review.EvidencePart{
		{Title: "Part 1: Overview questions", Text: "Energy."},
		{Title: "Part 3: Reflection", Text: "Well."},
	}
	plain, _ := evidenceText(a, uitest.Now, 60, st, false)
	diff, _ := evidenceText(a, uitest.Now, 60, st, true)
	got := ansi.Strip(plain + "\n" + diff)
	for _, want := range []string{"1 / 450 words", "diff vs attempt 1 · +1 word −1 word",
		"new in attempt 2 · +1 word\n", "removed in attempt 2 · −1 word\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("evidence lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, " 1 words") {
		t.Errorf("evidence says \"1 words\":\n%s", got)
	}
}
