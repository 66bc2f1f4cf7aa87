// Tests of the counts a running import adds to, each with the import's
// share journaled so others see and change the count without it: turnaround
// fine keys, minute histograms and stack passes (import_journal.go).

package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// TestImportShares: while an import runs, a count it added to (a
// turnaround fine key) shows others the count without its share, and
// their writes keep the share: a Put adds it, a Delete leaves it; a key
// the import created is missing, and another writer's Put of it takes it
// from the import (out of the journal, the conflict flagged). A rollback
// takes the share back out and leaves the other writer's key.
func TestImportShares(t *testing.T) {
	s, err := Open(t.TempDir()+"/s.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count, created := []byte("count-key"), []byte("created-key")
	raw := func(bucket string, k []byte) []byte {
		var out []byte
		_ = s.db.View(func(tx *bolt.Tx) error {
			if v := tx.Bucket([]byte(bucket)).Get(k); v != nil {
				out, _ = unseal(k, v)
				out = bytes.Clone(out)
			}
			return nil
		})
		return out
	}
	seen := func() (get []byte, walked []string) {
		_ = s.view(func(tx *txn) error {
			b := tx.rawBucket(bucketTurnaroundFine)
			get = bytes.Clone(b.Get(count))
			c := b.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				walked = append(walked, fmt.Sprintf("%s=%d", k, decodeCounter(v)))
			}
			return nil
		})
		return get, walked
	}
	write := func(fn func(b *bucket) error) {
		t.Helper()
		if err := s.update(func(tx *txn) error { return fn(tx.rawBucket(bucketTurnaroundFine)) }); err != nil {
			t.Fatal(err)
		}
	}
	write(func(b *bucket) error { return b.Put(count, counterValue(5)) })
	// The import: its marker, 3 added to the count, a key of its own.
	s.importing.Store(true) // as startChunks does
	err = s.update(func(tx *txn) error {
		tx.importer = true
		b, j := tx.rawBucket(bucketTurnaroundFine), tx.rawBucket(bucketImportJournal)
		return errors.Join(
			tx.rawBucket(bucketImportPending).Put([]byte(keyImportMarker), []byte(`{"file":"f"}`)),
			b.Put(count, counterValue(8)), j.Put(journalKey(bucketTurnaroundFine, count), counterValue(3)),
			b.Put(created, counterValue(1)), j.Put(journalKey(bucketTurnaroundFine, created), nil))
	})
	if err != nil {
		t.Fatal(err)
	}
	if get, walked := seen(); decodeCounter(get) != 5 || strings.Join(walked, " ") != "count-key=5" {
		t.Fatalf("during the import: Get %d, cursor %v; want 5 and the count alone", decodeCounter(get), walked)
	}
	write(func(b *bucket) error { return b.Put(count, counterValue(decodeCounter(b.Get(count))+1)) })
	if v := decodeCounter(raw(bucketTurnaroundFine, count)); v != 9 {
		t.Errorf("a reviewer's +1: stored %d, want 9 (6 and the import's 3)", v)
	}
	write(func(b *bucket) error { return b.Delete(count) })
	if get, walked := seen(); get != nil || len(walked) != 0 || decodeCounter(raw(bucketTurnaroundFine, count)) != 3 {
		t.Errorf("after a Delete: Get %v, cursor %v, stored %d; want missing, stored 3", get, walked, decodeCounter(raw(bucketTurnaroundFine, count)))
	}
	write(func(b *bucket) error { return b.Put(count, counterValue(2)) })
	write(func(b *bucket) error {
		if b.Get(created) != nil {
			t.Error("the import's key is visible")
		}
		return b.Put(created, counterValue(7))
	})
	if raw(bucketImportPending, []byte(keyImportConflict)) == nil {
		t.Error("a Put of the import's key did not flag the conflict")
	}
	if err := s.rollBackImport(); err != nil {
		t.Fatal(err)
	}
	if c, k := decodeCounter(raw(bucketTurnaroundFine, count)), decodeCounter(raw(bucketTurnaroundFine, created)); c != 2 || k != 7 {
		t.Errorf("after the rollback: count %d, want 2; the reviewer's key %d, want 7", c, k)
	}
	if raw(bucketImportPending, []byte(keyImportMarker)) != nil || len(journaled(t, s.db)) != 0 {
		t.Error("the rollback left its marker or journal")
	}
}

// TestStackCompletedBetweenChunks: the file's first chunk passes a
// candidate in every credential of a stack but one, and between chunks a
// reviewer passes the candidate's pending attempt in that one. Neither
// completes the stack alone, as each sees the counts (the reviewer
// without the import's shares); together they do. The store ends as
// "decide, then import": the stack's completion counted once, check clean.
func TestStackCompletedBetweenChunks(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	rubric := map[string]review.Rubric{}
	stacks := map[string][]string{}
	for _, r := range rs {
		rubric[r.ID] = r
		if r.Stack != "" {
			stacks[r.Stack] = append(stacks[r.Stack], r.ID)
		}
	}
	first, second := firstFile(rs, now), secondFile(rs, now)
	build := func(concurrent bool) (string, string) {
		s := snapshotStore(t, rs, now)
		// A pending attempt in a stack of more than one credential.
		q, err := s.Queue("", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		var k review.AttemptKey
		var sub *review.Submission
		for _, it := range q {
			if cred := rubric[it.Credential]; len(stacks[cred.Stack]) > 1 && sub == nil {
				k = review.AttemptKey{Application: it.Application, Attempt: it.Attempt}
				for _, r := range first {
					if r.Submission != nil && r.Submission.Application == k.Application && r.Submission.Candidate != nil {
						sub = r.Submission
					}
				}
			}
		}
		if sub == nil {
			t.Fatal("no pending attempt of a candidate in a stack of several credentials")
		}
		// The file passes the candidate in every other credential of it.
		var recs []review.Record
		for _, other := range stacks[rubric[sub.Credential].Stack] {
			if other == sub.Credential {
				continue
			}
			var like *review.Submission
			for _, r := range second {
				if r.Submission != nil && r.Submission.Credential == other && like == nil {
					like = r.Submission
				}
			}
			if like == nil {
				t.Fatalf("the second file has no submission of %s", other)
			}
			ns := *like
			ns.Application, ns.Attempt, ns.Candidate = "A-STK-"+other, 1, sub.Candidate
			d := review.Decision{Application: ns.Application, Attempt: 1, Reviewer: "rev-z",
				DecidedAt: ns.SubmittedAt.Add(time.Hour), Outcome: review.Pass, Levels: passing(rubric[other])}
			recs = append(recs, review.Record{Line: 1<<20 + len(recs), Submission: &ns}, review.Record{Line: 1<<20 + len(recs) + 1, Decision: &d})
		}
		recs = append(recs, second...)
		as, err := s.Claim("rev-x", k)
		if err != nil {
			t.Fatal(err)
		}
		decide := func() error { _, err := s.Decide("rev-x", k, passing(as.Rubric), nil); return err }
		decideAtChunk(t, 1, concurrent, decide)
		importAfterDecision(t, s, recs, k, snapshotFallbacks.Load())
		return dumpNoHistoryKeys(t, s.db), storeFigures(t, s)
	}
	seqStore, seqFigures := build(false)
	conStore, conFigures := build(true)
	sameStores(t, "decided, then imported", seqStore, "decided between chunks", conStore)
	if seqFigures != conFigures {
		t.Errorf("figures differ:\n%s\nagainst\n%s", conFigures, seqFigures)
	}
}

// TestImportMinuteShares: while an import runs, a minute histogram it
// added to shows others the histogram without its share; their Put keeps
// the share (their view plus it), a Delete leaves the share alone, and a
// rollback takes the share back out and leaves theirs.
func TestImportMinuteShares(t *testing.T) {
	s, err := Open(t.TempDir()+"/s.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	key := finePrefix([]byte("subject"), 3)
	if !isMinuteKey(key) {
		t.Fatal("not a minute histogram's key")
	}
	hist := func(bins ...int64) []byte { // minute, count, minute, count…
		var h minutes
		for i := 0; i < len(bins); i += 2 {
			h.add(bins[i], bins[i+1])
		}
		return h.encode()
	}
	stored := func() []byte {
		var out []byte
		_ = s.db.View(func(tx *bolt.Tx) error {
			out, _ = unseal(key, tx.Bucket([]byte(bucketTurnaroundFine)).Get(key))
			out = bytes.Clone(out)
			return nil
		})
		return out
	}
	seen := func() (out []byte) {
		_ = s.view(func(tx *txn) error { out = bytes.Clone(tx.rawBucket(bucketTurnaroundFine).Get(key)); return nil })
		return out
	}
	write := func(fn func(b *bucket) error) {
		t.Helper()
		if err := s.update(func(tx *txn) error { return fn(tx.rawBucket(bucketTurnaroundFine)) }); err != nil {
			t.Fatal(err)
		}
	}
	write(func(b *bucket) error { return b.Put(key, hist(10, 2)) })
	// The import: its marker, and 10:1, 20:4 added, journaled as its share.
	s.importing.Store(true) // as startChunks does
	err = s.update(func(tx *txn) error {
		tx.importer = true
		return errors.Join(
			tx.rawBucket(bucketImportPending).Put([]byte(keyImportMarker), []byte(`{"file":"f"}`)),
			addShared(tx.rawBucket(bucketTurnaroundFine), tx.rawBucket(bucketImportJournal), key, hist(10, 1, 20, 4)))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := seen(); !bytes.Equal(got, hist(10, 2)) {
		t.Fatalf("during the import others see %v, want the histogram without the share", got)
	}
	write(func(b *bucket) error { return b.Put(key, hist(10, 2, 30, 1)) }) // a reviewer's decision
	if got, want := stored(), hist(10, 3, 20, 4, 30, 1); !bytes.Equal(got, want) {
		t.Errorf("a reviewer's Put: stored %v, want %v (theirs and the import's share)", got, want)
	}
	if got := seen(); !bytes.Equal(got, hist(10, 2, 30, 1)) {
		t.Errorf("after their Put others see %v", got)
	}
	write(func(b *bucket) error { return b.Delete(key) })
	if got := stored(); seen() != nil || !bytes.Equal(got, hist(10, 1, 20, 4)) {
		t.Errorf("after a Delete: seen %v, stored %v; want missing, the share stored", seen(), got)
	}
	write(func(b *bucket) error { return b.Put(key, hist(40, 5)) })
	if err := s.rollBackImport(); err != nil {
		t.Fatal(err)
	}
	if got := stored(); !bytes.Equal(got, hist(40, 5)) {
		t.Errorf("after the rollback: stored %v, want the reviewer's histogram alone", got)
	}
}
