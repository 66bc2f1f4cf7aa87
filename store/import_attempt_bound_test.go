package store

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestImportRefusesAttemptPastBound: an attempt key holds the number in 4
// bytes, so attempt 2^32+1 would be stored as attempt 1. A record built
// without ParseLine (which refuses it too) is refused by the import, and
// attempt 1 keeps no decision.
func TestImportRefusesAttemptPastBound(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if strconv.IntSize < 64 {
		t.Skip("an int of 32 bits cannot hold attempt 2^32+1")
	}
	var wide int64 = 1<<32 + 1
	huge := int(wide)
	d := records(t, decision("A-1", 1, "rev-9", "2024-02-12T09:00:00Z", "meets", "meets", "meets"))[0]
	d.Decision.Attempt = huge
	s := records(t, submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))[0]
	s.Submission.Attempt = huge
	s.Submission.SubmittedAt = time.Date(2024, 2, 20, 0, 0, 0, 0, time.UTC)
	for _, rec := range []review.Record{d, s} {
		st, err := f.Import("h.jsonl", []review.Record{rec})
		if err == nil || !strings.HasPrefix(err.Error(), "h.jsonl:1: attempt: 4294967297 is over 1000") {
			t.Errorf("a record of attempt %d: stats %+v, err %v; want it refused", huge, st, err)
		}
	}
	err := f.view(func(tx *txn) error {
		_, ok, err := tx.decision(review.AttemptKey{Application: "A-1", Attempt: 1})
		if ok {
			t.Errorf("attempt 1 has a decision of record, taken from the record of attempt %d", huge)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if c := f.counts(); c.Attempts != 1 || c.Pending != 1 {
		t.Errorf("counts %+v, want the one attempt, pending", c)
	}
}
