package server

import (
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestStaleSessionLeavesDecidedAttemptTruthfully: one reviewer has an
// attempt open in two sessions, the second's copy is stale, and the first
// decides it. Leaving, the second is told the attempt is no longer
// pending, not to reopen it for a draft that went with the decision.
func TestStaleSessionLeavesDecidedAttemptTruthfully(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 80)
	ka := addReviewer(t, st, "rev-a", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	a1 := connect(t, addr, ka)
	h := openNext(t, a1)
	a2 := connect(t, addr, ka)
	if got := openNext(t, a2); got != h {
		t.Fatalf("second session got %s, want %s", got, h)
	}
	typeFeedback(t, a1, h, "words saved by the first session of the reviewer")
	k, _, err := st.Resolve(h)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(wait)
	for { // until the first session's words are saved
		if d, ok, _ := st.Draft("rev-a", k); ok && len(d.Feedback) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first session's draft was never saved")
		}
		time.Sleep(25 * time.Millisecond)
	}
	if _, err := a2.do("s", wait, "Scoring "+h); err != nil {
		t.Fatal(err)
	}
	if _, err := a2.do("n", wait, "draft changed in another session"); err != nil {
		t.Fatal(err)
	}
	d, _, err := st.Draft("rev-a", k)
	if err != nil {
		t.Fatal(err)
	}
	as, err := st.Claim("rev-a", k)
	if err != nil {
		t.Fatal(err)
	}
	d.Levels, d.Feedback = map[string]string{}, nil
	for _, c := range as.Rubric.Criteria {
		d.Levels[c.ID] = as.Rubric.PassingLevel()
	}
	if _, err := st.DecideDraft("rev-a", k, d); err != nil { // the first session's c y
		t.Fatal(err)
	}
	m := a2.mark()
	a2.press("\x1b") // a stale copy's esc leaves the attempt
	if _, err := a2.waitFor(m, wait, h+" is no longer pending"); err != nil {
		t.Fatalf("leaving %s, decided meanwhile: %v", h, err)
	}
	if got, _ := a2.textAfter(m); strings.Contains(got, "reopen it for the draft") {
		t.Errorf("leaving %s, decided meanwhile, the stale session says to reopen it", h)
	}
}
