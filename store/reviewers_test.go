package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"assessor/review"
)

func TestReviewers(t *testing.T) {
	f := newFixture(t)
	for _, r := range []review.Reviewer{
		{ID: "rev-b"},
		{ID: "lead-1", Role: review.RoleLead},
		{ID: "rev-a", ConflictStates: []string{"HI"}},
		{ID: "rev-b", ConflictDistricts: []string{"Hilo"}},
	} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	rs, err := f.Reviewers()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].ID != "lead-1" || rs[1].ID != "rev-a" || rs[2].ID != "rev-b" {
		t.Fatalf("Reviewers = %+v", rs)
	}
	if rs[2].Role != review.RoleReviewer || len(rs[2].ConflictDistricts) != 1 {
		t.Errorf("updated reviewer %+v", rs[2])
	}
	if _, err := f.Reviewer("nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown reviewer: %v", err)
	}
	for _, bad := range []review.Reviewer{{ID: ""}, {ID: "has space"}, {ID: "x", Role: "boss"}} {
		if err := f.AddReviewer(bad); !errors.Is(err, ErrInvalid) {
			t.Errorf("AddReviewer(%+v): %v, want ErrInvalid", bad, err)
		}
	}
}

// TestChangeReviewerKeepsOthersChanges: an admin's change to a reviewer
// (here their conflicts, as `reviewers add` makes it) while another admin
// removes the reviewer's keys one by one stores neither over the other:
// every removed key stays removed.
func TestChangeReviewerKeepsOthersChanges(t *testing.T) {
	f := newFixture(t)
	if err := f.AddReviewer(review.Reviewer{ID: "adm", Role: review.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := range 20 {
		keys = append(keys, fmt.Sprintf("key-%02d", i))
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-1", Keys: keys}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for _, k := range keys {
			if _, err := f.RemoveReviewerKey("adm", "rev-1", k, func(l string) bool { return l == k }, "lost laptop"); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for i := 0; ; i++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			r, err := f.Reviewer("rev-1")
			if err != nil || len(r.Keys) != 0 {
				t.Fatalf("after removing every key: %v %v", r.Keys, err)
			}
			return
		default:
		}
		state := []string{"HI", "CA"}[i%2]
		if _, err := f.ChangeReviewer("adm", "rev-1", func(r *review.Reviewer, _ bool, _ []review.Reviewer) error {
			r.ConflictStates = []string{state}
			return nil
		}, nil); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRemovedReviewerStaysWithheld: a reviewer removed after a lead
// amended away their only decision is in no tally any more, yet their id
// stays among those candidates' texts withhold (ReviewerIDs): removal
// records it (keepFormer), not only the upgrade to schema 17.
func TestRemovedReviewerStaysWithheld(t *testing.T) {
	f := amendFixture(t)
	for _, r := range []review.Reviewer{{ID: "rev-2"}, {ID: "admin-1", Role: review.RoleAdmin}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Amend("lead-1", key("A-2", 1), map[string]string{"C3": "not-yet"},
		map[string]string{"C3": "Show the next step each student took after reading your feedback."}, "appeal review found C3 unmet"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.RemoveReviewer("admin-1", "rev-2", "left the program"); err != nil {
		t.Fatal(err)
	}
	ids, err := f.ReviewerIDs()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(ids, "rev-2") {
		t.Errorf("ids withheld after removing rev-2: %v, want rev-2 among them", ids)
	}
}
