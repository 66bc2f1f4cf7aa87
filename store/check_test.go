package store

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// corrupt closes the fixture's store, changes its file with raw bbolt, and
// opens it again. The records fn writes get their checksums (record.go):
// it damages what the records say, which check must find past the sums.
func (f *fixture) corrupt(fn func(tx *bolt.Tx) error) {
	f.t.Helper()
	if err := f.Store.Close(); err != nil {
		f.t.Fatal(err)
	}
	db, err := bolt.Open(f.path, 0o600, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return reseal(b) })
	}); err != nil {
		f.t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		f.t.Fatal(err)
	}
	f.Store = nil
	f.reopen()
}

func TestCheckFindsCorruption(t *testing.T) {
	a5 := attemptKey(key("A5", 3))
	tests := []struct {
		name  string
		fn    func(tx *bolt.Tx) error
		wants []string
	}{
		{"tally", func(tx *bolt.Tx) error {
			b := tx.Bucket([]byte(bucketTallies))
			tl, _ := decodeGroupTally(b.Get([]byte{subjectOverall}))
			tl.Applications++
			return b.Put([]byte{subjectOverall}, encodeGroupTally(tl))
		}, []string{"overall: applications is 6 in the running tally, 5 recomputed"}},
		{"damaged tally", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketTallies)).Put(reviewerSubject("rev-a"), []byte{0x80})
		}, []string{"running tallies:", "bad tally"}},
		{"median", func(tx *bolt.Tx) error {
			// The overall median is A5#3's 4 days: move it 100 s and
			// make it count 5 in the fine keys only.
			b := tx.Bucket([]byte(bucketTurnaroundFine))
			if err := b.Delete(fineKey([]byte{subjectOverall}, (4*86400)*int64(time.Second))); err != nil {
				return err
			}
			return b.Put(fineKey([]byte{subjectOverall}, (4*86400+100)*int64(time.Second)), counterValue(5))
		}, []string{"overall: median turnaround is 345700s in the index, 345600s recomputed", `turnaround index of "o": bucket 40 counts 1, its fine keys 5`}},
		{"fine key outside the histogram", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketTurnaroundFine)).Put(fineKey([]byte{subjectOverall}, (300*86400)*int64(time.Second)), counterValue(1))
		}, []string{`turnaround index of "o": 1 fine key in bucket `}},
		{"fine key in whole seconds", func(tx *bolt.Tx) error {
			// A1#1's 3 days at a key as schemas before 19 wrote it, without
			// the nanoseconds: same count, same minute, same median (4 days).
			b := tx.Bucket([]byte(bucketTurnaroundFine))
			k := fineKey([]byte{subjectOverall}, (3*86400)*int64(time.Second))
			v, _ := unseal(k, b.Get(k))
			v = bytes.Clone(v)
			if err := b.Delete(k); err != nil {
				return err
			}
			return b.Put(k[:len(k)-4], v)
		}, []string{`turnaround index: bad fine key "\x00\x01o\x00\x1e`}},
		{"queue entry", func(tx *bolt.Tx) error {
			return deleteFirst(tx.Bucket([]byte(bucketQueue)))
		}, []string{"pending but missing from the queue", "queue of lt: entry"}},
		{"credential queue entry", func(tx *bolt.Tx) error {
			return deleteFirst(tx.Bucket([]byte(bucketQueueByCredential)).Bucket([]byte("lt")))
		}, []string{"pending but missing from the queue of lt"}},
		{"vault entry", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketVault)).Delete([]byte("A1"))
		}, []string{"application A1: its identity vault entry is missing"}},
		{"orphan vault entry", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketVault)).Put([]byte("A9"), []byte(`{}`))
		}, []string{"vault entry A9: no such application"}},
		{"records of no attempt", func(tx *bolt.Tx) error {
			// What an attempt leaves beside it, left by one the store
			// does not hold (A9#1), and a draft of a real one (kept).
			gone := key("A9", 1)
			for _, r := range []struct {
				bucket string
				key    []byte
			}{
				{bucketLeases, attemptKey(gone)}, {bucketDrafts, draftKey(gone, "rev-1")},
				{bucketDrafts, draftKey(key("A5", 3), "rev-1")}, {bucketLeakIndex, attemptKey(gone)},
				{bucketSubmitted, attemptKey(gone)}, {bucketFlagActions, attemptKey(gone)},
				{bucketActivity, attemptKey(gone)}, {bucketReviewTimes, reviewTimeKey(gone, "rev-1")},
				{bucketSecondReview, attemptKey(gone)}, {bucketDoubleReviews, attemptKey(gone)},
				{bucketDisputes, queueKey(time.Unix(1e9, 0), gone)}, {bucketDisputes, []byte("short")},
			} {
				if err := tx.Bucket([]byte(r.bucket)).Put(r.key, []byte("{}")); err != nil {
					return err
				}
			}
			return nil
		}, []string{
			"claim of A9#1: no such attempt", "draft of A9#1: no such attempt", "leak index entry of A9#1: no such attempt",
			"evidence as submitted of A9#1: no such attempt", "flag work of A9#1: no such attempt",
			"running review time of A9#1: no such attempt", "review time of A9#1: no such attempt",
			"second review of A9#1: no such attempt", "double review of A9#1: no such attempt",
			"dispute of A9#1: no such attempt", `dispute "short": bad key`,
		}},
		{"decision", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketDecisions)).Delete(a5)
		}, []string{"attempt A5#3: pending but missing from the queue", `application A5: last outcome "pass"`, "counter count.decided is 7, but the store holds 6"}},
		{"attempt", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketAttempts)).Delete(attemptKey(key("A5", 2)))
		}, []string{"application A5: records 3 attempts, has 2", "attempt numbers are not 1..n", "decision on A5#2: its attempt is missing"}},
		{"attempt count", func(tx *bolt.Tx) error {
			t := &txn{tx: tx}
			app, _, err := t.application("A5")
			if err != nil {
				return err
			}
			app.Attempts = 1 // the count agrees with its word: "1 attempt"
			return t.put(bucketApplications, []byte("A5"), app)
		}, []string{"application A5: records 1 attempt, has 3"}},
		{"counter", func(tx *bolt.Tx) error {
			return tx.Bucket([]byte(bucketMeta)).Put([]byte(keyPending), counterValue(9))
		}, []string{"counter count.pending is 9, but the store holds 2"}},
		{"first-submitted index", func(tx *bolt.Tx) error {
			return deleteFirst(tx.Bucket([]byte(bucketFirstSubmitted)))
		}, []string{"application A1: not in the first-submitted index"}},
		{"pseudonym index entry", func(tx *bolt.Tx) error {
			// A1's handle no longer leads to A1: lookups by handle fail.
			b := tx.Bucket([]byte(bucketPseudonyms))
			var p []byte
			_ = b.ForEach(func(k, v []byte) error {
				if d, ok := unseal(k, v); ok && string(d) == "A1" {
					p = append([]byte{}, k...)
				}
				return nil
			})
			return b.Delete(p)
		}, []string{"application A1: pseudonym"}},
		{"report facts stack", func(tx *bolt.Tx) error {
			return changeFacts(tx, "A1", func(f *appFacts) { f.Stack = "Another stack" })
		}, []string{`application A1: report facts say stack "Another stack"`}},
		{"report facts vault", func(tx *bolt.Tx) error {
			return changeFacts(tx, "A1", func(f *appFacts) { f.Vault = false })
		}, []string{"application A1: has a vault entry its report facts do not record"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, recs := knownFixture(t)
			if _, err := f.Import("history.jsonl", recs); err != nil {
				t.Fatal(err)
			}
			f.mustCheck()
			f.corrupt(tt.fn)
			problems, err := f.Check()
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(problems, "\n")
			for _, want := range tt.wants {
				if !strings.Contains(all, want) {
					t.Errorf("problems lack %q:\n%s", want, all)
				}
			}
			if strings.Contains(all, "A5#3: no such attempt") {
				t.Errorf("a record of a stored attempt is listed as of none:\n%s", all)
			}
			if strings.Contains(all, "Cand ") || strings.Contains(all, "@example.org") {
				t.Errorf("problems show vault data:\n%s", all)
			}
		})
	}
}

// changeFacts rewrites the report facts of application id with change.
func changeFacts(tx *bolt.Tx, id string, change func(*appFacts)) error {
	b := tx.Bucket([]byte(bucketAppFacts))
	d, _ := unseal([]byte(id), b.Get([]byte(id)))
	f, ok := decodeAppFacts(d)
	if !ok {
		return fmt.Errorf("report facts of %s do not decode", id)
	}
	change(&f)
	return b.Put([]byte(id), appFactsValue(f))
}

// deleteFirst deletes the first key of b.
func deleteFirst(b *bolt.Bucket) error {
	k, _ := b.Cursor().First()
	return b.Delete(k)
}

// TestOpenAddsTallyBuckets: a store from before the running tallies gets
// their buckets at Open, and counts from then on.
func TestOpenAddsTallyBuckets(t *testing.T) {
	f := emptyFixture(t, testRubric("descriptive-feedback", 1, 3))
	f.corrupt(func(tx *bolt.Tx) error {
		for _, name := range []string{bucketAppFacts, bucketFirstSubmitted, bucketTallies, bucketTurnaroundHist, bucketTurnaroundFine} {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return nil
	})
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if rep := f.mustReport(time.Time{}, time.Time{}); rep.Overall.Applications != 1 || rep.Overall.PendingAttempts != 1 {
		t.Errorf("overall %+v", rep.Overall)
	}
	f.mustCheck()
}

// reseal gives every value of b (nested buckets too) that fails its
// checksum a right one, for tests that write raw records.
func reseal(b *bolt.Bucket) error {
	return rewriteValues(b, func(k, v []byte) ([]byte, bool) {
		if _, ok := unseal(k, v); ok {
			return nil, false
		}
		return sealed(k, v), true
	})
}

// unsealAll takes the checksum off every value of b (nested buckets too),
// for tests that set a store back to a schema before checksums.
func unsealAll(b *bolt.Bucket) error {
	return rewriteValues(b, func(k, v []byte) ([]byte, bool) {
		d, ok := unseal(k, v)
		return append([]byte{}, d...), ok
	})
}

// rewriteValues puts fn(k, v) at each key of b and its nested buckets
// where fn says so.
func rewriteValues(b *bolt.Bucket, fn func(k, v []byte) ([]byte, bool)) error {
	type kv struct{ k, v []byte }
	var fix []kv
	var nested [][]byte
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			nested = append(nested, append([]byte(nil), k...))
		} else if nv, ok := fn(k, v); ok {
			fix = append(fix, kv{append([]byte(nil), k...), nv})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range fix {
		if err := b.Put(e.k, e.v); err != nil {
			return err
		}
	}
	for _, k := range nested {
		if err := rewriteValues(b.Bucket(k), fn); err != nil {
			return err
		}
	}
	return nil
}
