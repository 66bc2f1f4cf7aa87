package store

import (
	"testing"
	"time"

	"assessor/review"
)

// TestReleaseIdleClaims: as serve starts, a live claim with nothing stored
// on it (the attempt opened for a reviewer after a decision, left by a
// crashed server) goes back to the queue; one with a draft stays to its
// time, and so does the draft of a claim released.
func TestReleaseIdleClaims(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"),
		submission("A-3", "descriptive-feedback", 1, "2024-02-03T10:00:00Z"))
	idle, drafted, old := key("A-1", 1), key("A-2", 1), key("A-3", 1)
	if _, err := f.Claim("rev-1", old); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(review.LeaseDuration + time.Second) // old's claim has run out
	if _, err := f.Claim("rev-1", idle); err != nil {
		t.Fatal(err)
	}
	f.claimWithDraft("rev-2", drafted)

	if n, err := f.ReleaseIdleClaims(); err != nil || n != 1 {
		t.Fatalf("ReleaseIdleClaims = %d, %v; want 1 (the live claim without a draft)", n, err)
	}
	if _, err := f.Claim("rev-3", idle); err != nil {
		t.Errorf("the idle claim is still held: %v", err)
	}
	if _, err := f.Claim("rev-3", drafted); err == nil {
		t.Error("the claim with a draft was released")
	}
	if n, err := f.ReleaseIdleClaims(); err != nil || n != 1 {
		t.Errorf("again = %d, %v; want 1 (rev-3's new claim on A-1)", n, err)
	}
}
