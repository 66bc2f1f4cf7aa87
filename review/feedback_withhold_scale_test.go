package review

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestWithheldCostFlatInReviewers: withholding reviewer ids from one
// feedback text costs about the same whether the program registered 200
// reviewers or the 5,000 the design is built for. Every decided attempt's
// feedback passes through Apply on export feedback --all (and earlier
// feedback on a claim), and a cost per registered id per text made the
// export seven times slower at 5,000.
func TestWithheldCostFlatInReviewers(t *testing.T) {
	text := strings.Repeat("The learning target is stated, and the evidence shows students using it to check their own work. ", 6)
	allocs := func(n int) float64 {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("rev-%04d", i+1)
		}
		w := NewWithheld([]string{"DF-A985"}, ids, []string{"rev-0001"})
		return testing.AllocsPerRun(5, func() { w.Apply(text) })
	}
	few, many := allocs(200), allocs(5000)
	if many > 2*few {
		t.Errorf("Apply of one %d-byte text allocated %.0f times with 200 registered reviewers and %.0f with 5,000: the cost grows with the program's reviewers", len(text), few, many)
	}
}

// TestApplyReviewersAsALoopWould: the index finds what a loop over every
// id, actors first, finds: ids inside others (rev-1, rev-10), ids that are
// the start of others, full-width and look-alike letters, the marker's own
// letters (an id "reviewer").
func TestApplyReviewersAsALoopWould(t *testing.T) {
	loop := func(w Withheld, text string) string {
		var reviewers []string
		for _, id := range w.registered.ids {
			if !slices.Contains(w.Actors, id) {
				reviewers = append(reviewers, id)
			}
		}
		var skel string
		for i, id := range append(slices.Clip(w.Actors), reviewers...) {
			want := idSkeleton(id)
			if want == "" {
				continue
			}
			if skel == "" {
				skel = idSkeleton(text)
			}
			if strings.Contains(skel, want) {
				text = replaceID(text, writtenID(id, i < len(w.Actors)), MarkReviewer)
				skel = idSkeleton(text)
			}
		}
		return text
	}
	ids := []string{"rev-1", "rev-10", "rev-100", "ana.k", "a.k", "lee2", "lead1", "rev.iewer", "re-v", "x-1", "rev-bob", "grace"}
	words := append(slices.Clone(ids), "Rev-1", "REV-10", "ＲＥＶ-１", "rеv-1", "ana k", "Ana.K.", "lead 1", "reviewer", "the", "target", "1", "-", ",", "rev", "bob", "Lee2!")
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 2000 {
		var b strings.Builder
		for range 3 + rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))])
			b.WriteString([]string{" ", "", ". ", "-", "\n"}[rng.IntN(5)])
		}
		actors := []string{ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]}
		w := NewWithheld(nil, ids, actors)
		if got, want := w.ApplyReviewers(b.String()), loop(w, b.String()); got != want {
			t.Fatalf("case %d, actors %q: ApplyReviewers(%q)\n = %q\nwant %q (a loop over every id)", n, actors, b.String(), got, want)
		}
	}
}
