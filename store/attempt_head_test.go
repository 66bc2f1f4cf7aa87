package store

import (
	"errors"
	"testing"
	"time"

	"assessor/review"
)

// TestAttemptHeadStopsAtTheEvidence: the writer's reads of an attempt
// (claims, decisions) decode its head and leave the evidence unread, so
// evidence the JSON decoder could not even parse does not stop them; a
// head that cannot be read is still damage.
func TestAttemptHeadStopsAtTheEvidence(t *testing.T) {
	f := newFixture(t)
	at := time.Date(2024, 1, 2, 10, 0, 0, 0, time.UTC)
	k := review.AttemptKey{Application: "A-1", Attempt: 2}
	put := func(v string) {
		t.Helper()
		if err := f.update(func(t *txn) error { return t.putRaw(bucketAttempts, attemptKey(k), []byte(v)) }); err != nil {
			t.Fatal(err)
		}
	}
	read := func() (review.Attempt, bool, error) {
		var a review.Attempt
		var ok bool
		err := f.view(func(t *txn) (err error) {
			a, ok, err = t.attemptHead(k)
			return err
		})
		return a, ok, err
	}

	put(`{"application":"A-1","pseudonym":"DF-7KQ2","credential":"df","rubric_version":2,"attempt":2,"submitted_at":"2024-01-02T10:00:00Z","parts":[{"title":` + "\x00not json")
	a, ok, err := read()
	want := review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "df", RubricVersion: 2, Number: 2, SubmittedAt: at}
	if err != nil || !ok || a.Application != want.Application || a.Pseudonym != want.Pseudonym || a.Credential != want.Credential ||
		a.RubricVersion != want.RubricVersion || a.Number != want.Number || !a.SubmittedAt.Equal(at) || a.Parts != nil {
		t.Errorf("attemptHead = %+v, %v, %v; want %+v", a, ok, err, want)
	}

	put(`{"application":"A-1","pseudonym":`)
	if _, _, err := read(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a cut head: %v, want ErrCorrupt", err)
	}
}
