package store

import (
	"errors"
	"testing"

	"assessor/review"
)

// TestSaveDraftRefusesACopyOlderThanStored: one reviewer with an attempt
// open in two sessions. B read the draft before A's last save; B's save
// of its copy is refused and A's draft stays as A saved it. A's own saves,
// made from the copy A read first, are never refused.
func TestSaveDraftRefusesACopyOlderThanStored(t *testing.T) {
	f := queueFixture(t)
	k := key("A-1", 2)
	a, err := f.Claim("rev-a", k)
	if err != nil {
		t.Fatal(err)
	}
	fromA := func(fb string) review.Draft {
		return review.Draft{Feedback: map[string]string{review.OverallKey: fb}, Revision: a.Draft.Revision, Session: "A"}
	}
	if err := f.SaveDraft("rev-a", k, fromA("first")); err != nil {
		t.Fatal(err)
	}
	b, err := f.Claim("rev-a", k) // session B opens it
	if err != nil {
		t.Fatal(err)
	}
	if b.Draft.Revision != 1 || b.Draft.Feedback[review.OverallKey] != "first" {
		t.Fatalf("B reads %+v, want revision 1", b.Draft)
	}
	if err := f.SaveDraft("rev-a", k, fromA("second")); err != nil {
		t.Fatalf("A's second save, over its own first: %v", err)
	}
	fromB := b.Draft
	fromB.Session, fromB.Levels = "B", map[string]string{"C1": "meets"}
	err = f.SaveDraft("rev-a", k, fromB)
	if !errors.Is(err, review.ErrDraftChanged) || err.Error() != "your draft of "+b.Attempt.Handle()+" was changed in another session" {
		t.Errorf("B's save of its older copy: %v, want ErrDraftChanged", err)
	}
	d, _, err := f.Draft("rev-a", k)
	if err != nil || d.Feedback[review.OverallKey] != "second" || d.Levels != nil || d.Revision != 2 || d.Session != "A" {
		t.Errorf("stored draft %+v (%v), want A's second save", d, err)
	}
	// Reopened, B's copy is the stored one and saves.
	if b, err = f.Claim("rev-a", k); err != nil {
		t.Fatal(err)
	}
	fromB = b.Draft
	fromB.Session = "B2"
	if err := f.SaveDraft("rev-a", k, fromB); err != nil {
		t.Errorf("B's save after reopening: %v", err)
	}
}

// TestSaveDraftOverADraftWithoutRevision: a draft stored before drafts
// kept a revision reads as revision 0, and a copy of it saves.
func TestSaveDraftOverADraftWithoutRevision(t *testing.T) {
	f := queueFixture(t)
	k := key("A-1", 2)
	if _, err := f.Claim("rev-a", k); err != nil {
		t.Fatal(err)
	}
	err := f.update(func(t *txn) error {
		return t.putRaw(bucketDrafts, draftKey(k, "rev-a"), []byte(`{"levels":{"C1":"meets"},"saved_at":"2024-03-01T09:00:00Z"}`))
	})
	if err != nil {
		t.Fatal(err)
	}
	as, err := f.Claim("rev-a", k)
	if err != nil || as.Draft.Revision != 0 || as.Draft.Levels["C1"] != "meets" {
		t.Fatalf("old draft read as %+v (%v)", as.Draft, err)
	}
	as.Draft.Session = "A"
	if err := f.SaveDraft("rev-a", k, as.Draft); err != nil {
		t.Fatal(err)
	}
	if d, _, err := f.Draft("rev-a", k); err != nil || d.Revision != 1 {
		t.Errorf("saved over it: %+v (%v)", d, err)
	}
}

// TestDecideDraftRefusesACopyOlderThanStored: a decision from a copy of
// the draft read before another session's save would drop what it saved:
// it is refused and records nothing. From a current copy, or one whose
// own session saved since, it records.
func TestDecideDraftRefusesACopyOlderThanStored(t *testing.T) {
	f := queueFixture(t)
	k := key("A-1", 2)
	b, err := f.Claim("rev-a", k) // session B reads the draft (none yet)
	if err != nil {
		t.Fatal(err)
	}
	a := review.Draft{Feedback: map[string]string{review.OverallKey: "saved in A"}, Session: "A"}
	if err := f.SaveDraft("rev-a", k, a); err != nil {
		t.Fatal(err)
	}
	fromB := b.Draft
	fromB.Session, fromB.Levels = "B", allMeets
	if _, err := f.DecideDraft("rev-a", k, fromB); !errors.Is(err, review.ErrDraftChanged) {
		t.Fatalf("B decides from its older copy: %v, want ErrDraftChanged", err)
	}
	if d, ok, err := f.Draft("rev-a", k); err != nil || !ok || d.Feedback[review.OverallKey] != "saved in A" {
		t.Fatalf("A's draft after B's refused decision: %+v %v %v", d, ok, err)
	}
	a.Levels = allMeets
	if d, err := f.DecideDraft("rev-a", k, a); err != nil || d.Outcome != review.Pass {
		t.Fatalf("A decides from its own copy: %+v, %v", d, err)
	}
}

// TestCalibrationDraftRefusesACopyOlderThanStored: calibration drafts,
// kept apart from live ones, are saved and decided from the same review
// screen, and refuse a copy older than the stored one alike.
func TestCalibrationDraftRefusesACopyOlderThanStored(t *testing.T) {
	f := calibrationFixture(t)
	c := f.Calibration()
	k := key("E-1", 1)
	b, err := c.Claim("rev-1", k) // session B reads the draft (none yet)
	if err != nil {
		t.Fatal(err)
	}
	a := review.Draft{Feedback: map[string]string{review.OverallKey: "saved in A"}, Session: "A"}
	if err := c.SaveDraft("rev-1", k, a); err != nil {
		t.Fatal(err)
	}
	if err := c.SaveDraft("rev-1", k, a); err != nil {
		t.Fatalf("A saves again over its own: %v", err)
	}
	fromB := b.Draft
	fromB.Session, fromB.Levels = "B", allMeets
	if err := c.SaveDraft("rev-1", k, fromB); !errors.Is(err, review.ErrDraftChanged) {
		t.Errorf("B saves its older copy: %v, want ErrDraftChanged", err)
	}
	if _, err := c.DecideDraft("rev-1", k, fromB); !errors.Is(err, review.ErrDraftChanged) {
		t.Errorf("B decides from its older copy: %v, want ErrDraftChanged", err)
	}
	got, err := c.Claim("rev-1", k)
	if err != nil || got.Draft.Feedback[review.OverallKey] != "saved in A" || got.Draft.Levels != nil || got.Draft.Revision != 2 {
		t.Errorf("stored calibration draft %+v (%v), want A's", got.Draft, err)
	}
}
