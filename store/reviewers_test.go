package store

import (
	"errors"
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
