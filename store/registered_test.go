package store

import (
	"errors"
	"testing"

	"assessor/review"
)

// TestRegisteredOnly: locally anyone may review under an id of their
// choosing, listed with keys or not; a store that serves only registered
// reviewers refuses a claim, draft or decision for an id it does not
// list, such as one an admin removed while the call was on its way, or
// lists with no key left, whose last key an admin removed: no one could
// sign in to go on with what it would claim.
func TestRegisteredOnly(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
		submission("A-3", "descriptive-feedback", 1, "2024-02-01T12:00:00Z"))
	if _, err := f.Claim("rev-local", key("A-1", 1)); err != nil {
		t.Fatalf("an unlisted reviewer locally: %v", err)
	}
	for _, r := range []review.Reviewer{
		{ID: "rev-listed", Role: review.RoleReviewer, Keys: []string{"key-1"}},
		{ID: "rev-keyless", Role: review.RoleReviewer},
	} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Claim("rev-keyless", key("A-3", 1)); err != nil {
		t.Fatalf("a listed reviewer with no key locally: %v", err)
	}
	f.RegisteredOnly()
	if _, err := f.Claim("rev-listed", key("A-2", 1)); err != nil {
		t.Fatalf("a listed reviewer: %v", err)
	}
	if _, err := f.Claim("rev-gone", key("A-2", 1)); !errors.Is(err, ErrNotRegistered) {
		t.Errorf("claim by an unlisted reviewer: %v, want ErrNotRegistered", err)
	}
	if err := f.SaveDraft("rev-local", key("A-1", 1), review.Draft{Levels: map[string]string{"C1": "meets"}}); !errors.Is(err, ErrNotRegistered) {
		t.Errorf("draft by an unlisted reviewer: %v, want ErrNotRegistered", err)
	}
	if err := f.SaveDraft("rev-keyless", key("A-3", 1), review.Draft{Levels: map[string]string{"C1": "meets"}}); !errors.Is(err, ErrNotRegistered) {
		t.Errorf("draft by a reviewer with no key: %v, want ErrNotRegistered", err)
	}
}
