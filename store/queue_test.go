package store

import (
	"errors"
	"testing"
	"time"

	"assessor/review"
)

// queueFixture holds five pending attempts over two credentials, imported
// out of order; oldest first they are B-1, A-2, C-1, A-1#2, D-1.
func queueFixture(t *testing.T) *fixture {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-0", "2024-02-02T10:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-20T10:00:00Z"),
		submission("D-1", "classroom-discourse", 1, "2024-02-25T10:00:00Z").
			with("candidate", map[string]string{"name": "Kai Akana", "district": "Kona", "state": "HI"}),
		submission("C-1", "classroom-discourse", 1, "2024-02-10T10:00:00Z").
			with("candidate", map[string]string{"name": "Ana Lee", "district": "Boise", "state": "ID"}),
		submission("B-1", "descriptive-feedback", 1, "2024-02-03T10:00:00Z").
			with("candidate", map[string]string{"name": "Bo Chen", "district": "Nampa", "state": "ID"}),
		submission("A-2", "descriptive-feedback", 1, "2024-02-05T10:00:00Z").
			with("candidate", map[string]string{"name": "Al Diaz", "district": "Kona", "state": "HI"}),
	)
	return f
}

func handles(items []review.QueueItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Key().String())
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestQueueOldestFirst(t *testing.T) {
	f := queueFixture(t)
	tests := []struct {
		credential string
		limit      int
		want       []string
	}{
		{"", 0, []string{"B-1#1", "A-2#1", "C-1#1", "A-1#2", "D-1#1"}},
		{"", 2, []string{"B-1#1", "A-2#1"}},
		{"descriptive-feedback", 0, []string{"B-1#1", "A-2#1", "A-1#2"}},
		{"classroom-discourse", 10, []string{"C-1#1", "D-1#1"}},
		{"unknown", 10, nil},
	}
	for _, tt := range tests {
		q, err := f.Queue("rev-1", tt.credential, tt.limit)
		if err != nil {
			t.Fatal(err)
		}
		if got := handles(q); !equal(got, tt.want) {
			t.Errorf("Queue(%q, %d) = %v, want %v", tt.credential, tt.limit, got, tt.want)
		}
	}
	q, _ := f.Queue("rev-1", "", 1)
	if it := q[0]; it.Pseudonym == "" || it.Credential != "descriptive-feedback" || it.SubmittedAt.Format("2006-01-02") != "2024-02-03" || it.Claimed {
		t.Errorf("item %+v", it)
	}
}

// TestPendingBefore counts the pending attempts submitted before a time,
// the decided one (A-1#1) aside; the time itself is not before.
func TestPendingBefore(t *testing.T) {
	f := queueFixture(t)
	for at, want := range map[string]int64{
		"2024-01-01T00:00:00Z": 0,
		"2024-02-03T10:00:00Z": 0, // B-1 at that very time
		"2024-02-03T10:00:01Z": 1,
		"2024-02-15T00:00:00Z": 3, // B-1, A-2, C-1
		"2030-01-01T00:00:00Z": 5,
	} {
		tm, _ := time.Parse(time.RFC3339, at)
		if n, err := f.PendingBefore(tm); err != nil || n != want {
			t.Errorf("PendingBefore(%s) = %d, %v; want %d", at, n, err, want)
		}
	}
}

func TestConflictOfInterestHidesAttempts(t *testing.T) {
	f := queueFixture(t)
	// Dana Ruiz is in Hilo, HI; the Kona candidates are in HI too.
	if err := f.AddReviewer(review.Reviewer{ID: "rev-hi", ConflictStates: []string{" hi "}}); err != nil {
		t.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-nampa", ConflictDistricts: []string{"NAMPA"}}); err != nil {
		t.Fatal(err)
	}
	for reviewer, want := range map[string][]string{
		"rev-hi":    {"B-1#1", "C-1#1"},
		"rev-nampa": {"A-2#1", "C-1#1", "A-1#2", "D-1#1"},
		"rev-none":  {"B-1#1", "A-2#1", "C-1#1", "A-1#2", "D-1#1"},
	} {
		q, err := f.Queue(reviewer, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := handles(q); !equal(got, want) {
			t.Errorf("%s sees %v, want %v", reviewer, got, want)
		}
	}
	if _, err := f.Claim("rev-nampa", key("B-1", 1)); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("Claim with a conflict: %v, want ErrNotPending", err)
	}
	if err := f.SaveDraft("rev-nampa", key("B-1", 1), review.Draft{}); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("SaveDraft with a conflict: %v, want ErrNotPending", err)
	}
	if _, err := f.Decide("rev-nampa", key("B-1", 1), allMeets, nil); !errors.Is(err, review.ErrNotPending) {
		t.Errorf("Decide with a conflict: %v, want ErrNotPending", err)
	}
	var got []string
	for {
		as, err := f.Next("rev-hi", "")
		if errors.Is(err, review.ErrQueueEmpty) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		got = append(got, as.Attempt.Key().String())
		if _, err := f.Decide("rev-hi", as.Attempt.Key(), passing(as.Rubric), nil); err != nil {
			t.Fatal(err)
		}
	}
	if want := []string{"B-1#1", "C-1#1"}; !equal(got, want) {
		t.Errorf("Next gave rev-hi %v, want %v", got, want)
	}
}

// TestDeclaredConflictReleasesClaims: a conflict declared while the
// reviewer holds a claim of that candidate's attempt releases it, in the
// same change, for others to take; their other claims stay.
func TestDeclaredConflictReleasesClaims(t *testing.T) {
	f := queueFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "rev-1"}); err != nil {
		t.Fatal(err)
	}
	// Dana Ruiz is in Hilo; B-1's candidate is not.
	for _, k := range []review.AttemptKey{key("A-1", 2), key("B-1", 1)} {
		if _, err := f.Claim("rev-1", k); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-1", ConflictDistricts: []string{"Hilo"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Claim("rev-2", key("A-1", 2)); err != nil {
		t.Errorf("the conflicted reviewer's claim kept A-1#2 from others: %v", err)
	}
	if _, err := f.Claim("rev-2", key("B-1", 1)); !errors.Is(err, review.ErrClaimed) {
		t.Errorf("the reviewer's other claim: %v, want ErrClaimed", err)
	}
}
