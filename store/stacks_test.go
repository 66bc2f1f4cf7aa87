package store

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// as gives a submission line the candidate with this email.
func as(l line, email string) line {
	return l.with("candidate", map[string]string{"name": "Cand " + email, "email": email, "district": "Hilo", "state": "HI"})
}

// stacksCompleted is the by_stack completion figure of the unfiltered
// report, checked against the filtered (recomputed) one over everything.
func (f *fixture) stacksCompleted(stack string) int64 {
	f.t.Helper()
	all := reportJSON(f.t, f.mustReport(time.Unix(0, 0), time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC)))
	rep := f.mustReport(time.Time{}, time.Time{})
	if got := reportJSON(f.t, rep); !bytes.Equal(got, all) {
		f.t.Fatalf("running tallies\n%s\nrecomputed\n%s", got, all)
	}
	for _, s := range rep.ByStack {
		if s.Stack == stack {
			return s.StacksCompleted
		}
	}
	f.t.Fatalf("no by_stack row %q", stack)
	return 0
}

// TestStackCompletion: a candidate (by normalized email, across
// applications) completes a stack with a pass in each of its credentials;
// one missing is not enough; a rubric that adds or moves a credential
// recounts; taking a pass back undoes it. Check agrees at every step.
func TestStackCompletion(t *testing.T) {
	f := newFixture(t) // descriptive-feedback (3 criteria) and classroom-discourse (2), both Assessment Literacy
	const al = "Assessment Literacy"
	f.mustImport(
		as(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), "dana@example.org"),
		decision("A-1", 1, "rev-1", "2024-02-03T10:00:00Z", "meets", "meets", "meets"),
		as(submission("B-1", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"), "lee@example.org"),
		decision("B-1", 1, "rev-1", "2024-02-03T11:00:00Z", "meets", "meets", "meets"),
		as(submission("B-2", "classroom-discourse", 1, "2024-02-01T12:00:00Z"), "lee@example.org"),
		decision("B-2", 1, "rev-1", "2024-02-03T12:00:00Z", "meets", "not-yet"),
	)
	f.mustCheck()
	if n := f.stacksCompleted(al); n != 0 {
		t.Fatalf("one credential each: %d completed", n)
	}
	// Dana's second credential arrives through Decide, under another
	// spelling of her email.
	f.mustImport(as(submission("A-2", "classroom-discourse", 1, "2024-02-05T10:00:00Z"), "  Dana@Example.ORG"))
	f.clock.Set(time.Date(2024, 2, 6, 0, 0, 0, 0, time.UTC))
	if _, err := f.Claim("rev-2", key("A-2", 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Decide("rev-2", key("A-2", 1), map[string]string{"C1": "meets", "C2": "meets"}, nil); err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
	if n := f.stacksCompleted(al); n != 1 {
		t.Fatalf("dana holds both: %d completed, want 1", n)
	}

	// A third credential joins the stack: nobody holds it yet.
	if _, err := f.AddRubric(testRubric("learning-targets", 1, 2)); err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
	if n := f.stacksCompleted(al); n != 0 {
		t.Fatalf("a new member credential: %d completed, want 0", n)
	}
	// Its version 2 moves it to another stack: dana completes again.
	lt := testRubric("learning-targets", 2, 2)
	lt.Stack = "Other"
	if _, err := f.AddRubric(lt); err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
	if n := f.stacksCompleted(al); n != 1 {
		t.Fatalf("member moved out: %d completed, want 1", n)
	}

	// An amendment takes a pass back with sign −1, and may count it again.
	take := func(sign int) {
		t.Helper()
		if err := f.update(func(t *txn) error { return t.stackPassed("A-2", "classroom-discourse", sign) }); err != nil {
			t.Fatal(err)
		}
	}
	take(-1) // the decision still passes, so only the running tally moves
	if rep := f.mustReport(time.Time{}, time.Time{}); rep.ByStack[0].Stack != al || rep.ByStack[0].StacksCompleted != 0 {
		t.Fatalf("pass taken back: %+v, want 0 completed", rep.ByStack[0])
	}
	// ... which Check sees, in the tally and in the index.
	probs, err := f.Check()
	if err != nil || len(probs) != 2 || !strings.Contains(probs[0], `stack "Assessment Literacy": 0 candidates completed it in the running tally, 1 recomputed`) ||
		probs[1] != "stack index: passes of credential classroom-discourse differ from the passed applications on record" {
		t.Fatalf("check after taking back behind the decisions' back: %v %q", err, probs)
	}
	take(1)
	f.mustCheck()
	if n := f.stacksCompleted(al); n != 1 {
		t.Fatalf("pass counted again: %d completed, want 1", n)
	}
}

// TestStackIndexHoldsNoEmail: the index is keyed by a keyed hash of the
// normalized email, never the email or its plain hash.
func TestStackIndexHoldsNoEmail(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		as(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), "dana@example.org"),
		decision("A-1", 1, "rev-1", "2024-02-03T10:00:00Z", "meets", "meets", "meets"),
	)
	err := f.view(func(t *txn) error {
		n := 0
		return t.bucket(bucketStackPasses).ForEach(func(k, v []byte) error {
			if n++; bytes.Contains(bytes.ToLower(k), []byte("dana")) || bytes.Contains(k, review.CandidateKey(nil, "dana@example.org")) {
				return ErrCorrupt
			}
			if !strings.HasSuffix(string(k), "descriptive-feedback") || decodeCounter(v) != 1 || n != 1 {
				return ErrCorrupt
			}
			return nil
		})
	})
	if err != nil {
		t.Fatalf("stack index: %v", err)
	}
}

// TestStackIndexBuiltOnUpgrade: a store written before stacks were counted
// has passes but no index; Check says so, and the next write builds it.
func TestStackIndexBuiltOnUpgrade(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		as(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), "dana@example.org"),
		decision("A-1", 1, "rev-1", "2024-02-03T10:00:00Z", "meets", "meets", "meets"),
		as(submission("A-2", "classroom-discourse", 1, "2024-02-01T10:00:00Z"), "dana@example.org"),
		decision("A-2", 1, "rev-1", "2024-02-03T10:00:00Z", "meets", "meets"),
	)
	err := f.update(func(t *txn) error {
		for _, b := range []string{bucketStackPasses, bucketStackMembers} {
			if err := t.tx.DeleteBucket([]byte(b)); err != nil {
				return err
			}
			// Schema 2 creates every bucket: an index not built yet is
			// an empty bucket without its marker.
			if _, err := t.tx.CreateBucket([]byte(b)); err != nil {
				return err
			}
		}
		return t.bucket(bucketTallies).Delete(stackCompletedSubject("Assessment Literacy"))
	})
	if err != nil {
		t.Fatal(err)
	}
	probs, err := f.Check()
	if err != nil || len(probs) != 1 || !strings.Contains(probs[0], "no stack index yet") {
		t.Fatalf("check before the build: %v %q", err, probs)
	}
	// Any write that touches stacks builds the index, then counts nothing twice.
	f.mustImport(
		as(submission("A-3", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"), "lee@example.org"),
		decision("A-3", 1, "rev-1", "2024-02-03T10:00:00Z", "meets", "meets", "meets"),
	)
	f.mustCheck()
	if n := f.stacksCompleted("Assessment Literacy"); n != 1 {
		t.Fatalf("after the build: %d completed, want 1", n)
	}
}
