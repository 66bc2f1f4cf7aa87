package evidence

import (
	"fmt"
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

// TestWordCountAtTheLimitIsWithinIt: "(max W words)" allows W words
// (docs/formats.md §1): a part of exactly its limit is not flagged "over the
// limit"; one word more is.
func TestWordCountAtTheLimitIsWithinIt(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	a := review.Assignment{Rubric: uitest.Rubrics()[0], Attempt: uitest.Attempts()[2]} // Reflection: max 12 words
	for _, n := range []int{12, 13} {
		a.Attempt.Parts = []review.EvidencePart{{Title: "Part 3: Reflection", Text: strings.TrimSpace(strings.Repeat("word ", n))}}
		text, _ := evidenceText(a, uitest.Now, 80, st, false)
		got := ansi.Strip(text)
		count := fmt.Sprintf("%d / 12 words", n)
		if !strings.Contains(got, count) {
			t.Fatalf("evidence lacks %q:\n%s", count, got)
		}
		if over := strings.Contains(got, count+" — over the limit"); over != (n > 12) {
			t.Errorf("%d words of a 12-word part: flagged over the limit = %v, want %v:\n%s", n, over, n > 12, got)
		}
	}
}
