package store

import (
	"testing"
	"time"

	"assessor/review"
)

// TestMigrateTurnaroundsToTheNanosecond: a store of schema 18 kept each
// turnaround in its index as whole seconds, truncated, so two decisions
// 431.6 s and 432.6 s after their submissions had a median of 431.5 s,
// 0.00 days. The upgrade builds the index again from the decisions: the
// median is 432.1 s, 0.01 days (docs/formats.md §3), and check is ok.
func TestMigrateTurnaroundsToTheNanosecond(t *testing.T) {
	f := turnaroundsAcrossAHalf(t)
	overall := []byte{subjectOverall}
	f.upgradeFrom(18, func(tx *txn) error {
		// The index as schema 18 wrote it: keys of whole seconds, truncated.
		for _, name := range []string{bucketTurnaroundHist, bucketTurnaroundFine} {
			if err := tx.deleteBucket(name); err != nil {
				return err
			}
			if _, err := tx.createBucket(name); err != nil {
				return err
			}
		}
		if err := tx.bucket(bucketMeta).Delete([]byte(keyTurnaroundExact)); err != nil {
			return err
		}
		err := tx.bucket(bucketDecisions).ForEach(func(k, _ []byte) error {
			key, _ := decodeAttemptKey(k)
			a, _, _ := tx.attempt(key)
			d, _, _ := tx.decision(key)
			facts, err := tx.facts(key.Application)
			if err != nil {
				return err
			}
			ns := int64(d.DecidedAt.Sub(a.SubmittedAt)/time.Second) * int64(time.Second)
			subjects := [][]byte{reviewerSubject(d.Reviewer)}
			for _, g := range facts.groups(a.Credential) {
				subjects = append(subjects, groupSubject(g))
			}
			for _, s := range subjects {
				k := fineKey(s, ns)
				if err := tx.moveTurnaroundAt(k[:len(k)-4], s, ns, 1); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		m, err := tx.medianTurnaround(overall, 2)
		if err != nil {
			return err
		}
		if m == nil || *review.Days(m) != 0 {
			t.Errorf("schema 18's index: median %v, want 431.5s (0.00 days)", m)
		}
		return nil
	})
	rep := f.mustReport(time.Time{}, time.Time{})
	if got := rep.Overall.MedianTurnaroundDays; got == nil || *got != 0.01 {
		t.Errorf("after the upgrade: median_turnaround_days %v, want 0.01 (432.1 s)", review.FormatFigure(got))
	}
	err := f.view(func(tx *txn) error {
		m, err := tx.medianTurnaround(overall, 2)
		if err == nil && (m == nil || m.String() != "432.1s") {
			t.Errorf("after the upgrade: median %v, want 432.1s", m)
		}
		if tx.bucket(bucketMeta).Get([]byte(keyTurnaroundExact)) == nil || tx.minuteBucket() == nil {
			t.Error("the rebuilt index is not marked exact with its minute level")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f.mustCheck()
}
