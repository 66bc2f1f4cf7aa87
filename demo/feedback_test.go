package demo

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestFeedback: not-yet feedback is 20–60 words, names its criterion and
// raises no review.FeedbackWarnings; every decision has overall feedback;
// no feedback carries identity.
func TestFeedback(t *testing.T) {
	rs := testRubrics()
	byID := rubricByID(rs)
	ids, apps := byApp(Records(rs, Options{Seed: 5, Applications: 2000, Now: testNow}))
	names := append(append([]string{}, firstNames[:]...), lastNames[:]...)
	texts := map[string]int{}
	notYetTexts := 0
	for _, id := range ids {
		a := apps[id]
		r := byID[a.subs[0].Credential]
		c := a.subs[0].Candidate
		for _, d := range a.decs {
			if ws := review.FeedbackWarnings(r, d.Levels, d.Feedback); len(ws) > 0 {
				t.Errorf("%s#%d: warnings %v", id, d.Attempt, ws)
			}
			if strings.TrimSpace(d.Feedback[review.OverallKey]) == "" {
				t.Errorf("%s#%d: no overall feedback", id, d.Attempt)
			}
			for _, cid := range review.NotYet(r, d.Levels) {
				f := d.Feedback[cid]
				crit, _ := r.Criterion(cid)
				if n := review.WordCount(f); n < 20 || n > 60 {
					t.Errorf("%s#%d %s: %d words: %q", id, d.Attempt, cid, n, f)
				}
				if !strings.Contains(strings.ToLower(f), strings.ToLower(crit.Name)) {
					t.Errorf("%s#%d %s: feedback does not name %q: %q", id, d.Attempt, cid, crit.Name, f)
				}
				texts[f]++
				notYetTexts++
			}
			for k, f := range d.Feedback {
				if strings.Contains(f, c.Email) || strings.Contains(f, "@") {
					t.Errorf("%s#%d %s: feedback contains an e-mail", id, d.Attempt, k)
				}
				for _, w := range strings.Fields(f) {
					w = strings.Trim(w, ".,;:()")
					for _, n := range names {
						if w == n {
							t.Errorf("%s#%d %s: feedback contains the name %q", id, d.Attempt, k, n)
						}
					}
				}
			}
		}
	}
	// Variety: most not-yet texts are unique across the whole history.
	if f := float64(len(texts)) / float64(notYetTexts); f < 0.5 {
		t.Errorf("only %d distinct texts among %d not-yet feedbacks", len(texts), notYetTexts)
	}
}

func TestNumberWord(t *testing.T) {
	for _, tc := range []struct {
		n    int
		cap  bool
		want string
	}{{3, true, "Three"}, {4, false, "four"}, {0, false, "zero"}, {12, true, "12"}} {
		if got := numberWord(tc.n, tc.cap); got != tc.want {
			t.Errorf("numberWord(%d, %v) = %q, want %q", tc.n, tc.cap, got, tc.want)
		}
	}
}
