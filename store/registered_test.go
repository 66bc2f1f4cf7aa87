package store

import (
	"errors"
	"testing"

	"assessor/review"
)

// TestRegisteredOnly: locally anyone may review under an id of their
// choosing; a store that serves only registered reviewers refuses a
// claim, draft or decision for an id it does not list, such as one an
// admin removed while the call was on its way.
func TestRegisteredOnly(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"))
	if _, err := f.Claim("rev-local", key("A-1", 1)); err != nil {
		t.Fatalf("an unlisted reviewer locally: %v", err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "rev-listed", Role: review.RoleReviewer}); err != nil {
		t.Fatal(err)
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
}
