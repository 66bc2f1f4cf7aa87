package store

// Floors: commits that no code in this package can go below, measured
// beside the benchmarks they bound (docs/PERFORMANCE.md, "Floors").

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// BenchmarkImportFloor measures what bbolt alone costs to store what an
// import of gen's program stores, in this layout on this disk. Per op, one
// chunk of 1,000 applications is imported, untimed, into a fresh scratch
// store; the timed part copies every key and value of that store, bucket by
// bucket in key order (the cheapest order for bbolt) and with the fill
// factors Import uses, into one growing plain bbolt file, in one
// transaction. Nothing is validated, encoded or scanned, so the rate it
// reports bounds BenchmarkImportRate and gen from above.
func BenchmarkImportFloor(b *testing.B) {
	rs := bundledRubrics(b)
	dir := b.TempDir()
	// Mapped ahead as gen maps a large build (cli/gen.go, genMapSize).
	dst, err := bolt.Open(filepath.Join(dir, "floor.db"), 0o600, &bolt.Options{InitialMmapSize: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	defer dst.Close()
	attempts, i := 0, 0
	for b.Loop() {
		b.StopTimer()
		src, err := Open(filepath.Join(dir, "chunk.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		addRubrics(b, src, rs)
		st, err := src.Import("bench.jsonl", genBenchChunk(rs, i))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		err = src.db.View(func(from *bolt.Tx) error {
			// The source stays open until the copy commits: bbolt keeps
			// the key and value slices it is given until then.
			return dst.Update(func(to *bolt.Tx) error { return copyStore(from, to) })
		})
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if err := src.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Remove(filepath.Join(dir, "chunk.db")); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		attempts += st.Submissions
		i++
	}
	b.ReportMetric(float64(attempts)/b.Elapsed().Seconds(), "attempts/s")
}

// copyStore puts every key and value of from into to, bucket by bucket in
// key order, with Import's fill factors.
func copyStore(from, to *bolt.Tx) error {
	err := from.ForEach(func(name []byte, _ *bolt.Bucket) error {
		_, err := to.CreateBucketIfNotExists(name)
		return err
	})
	if err != nil {
		return err
	}
	(&txn{tx: to}).fillAppendOnly()
	return from.ForEach(func(name []byte, src *bolt.Bucket) error {
		return copyBucket(src, to.Bucket(name))
	})
}

func copyBucket(src, dst *bolt.Bucket) error {
	c := src.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v != nil {
			if err := dst.Put(k, v); err != nil {
				return err
			}
			continue
		}
		child, err := dst.CreateBucketIfNotExists(k)
		if err != nil {
			return err
		}
		if err := copyBucket(src.Bucket(k), child); err != nil {
			return err
		}
	}
	return nil
}

// rewriteDecision puts attempt k's decision record back unchanged and
// commits: the floor of BenchmarkDecideVsBare. The stored bytes are the
// same afterwards, so the store stays as Decide left it.
func rewriteDecision(s *Store, k review.AttemptKey) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketDecisions))
		if v := b.Get(attemptKey(k)); v == nil {
			return fmt.Errorf("no decision stored for %v", k)
		}
		return putBack(b, attemptKey(k))
	})
}

// putBack puts the value stored at k back unchanged: bbolt still rewrites
// the leaf and its path to the root.
func putBack(b *bolt.Bucket, k []byte) error {
	return b.Put(bytes.Clone(k), bytes.Clone(b.Get(k)))
}

// decisionTrees are the trees Decide writes when it passes an attempt that
// nobody claimed or drafted, as the benchmark's are (an absent lease or
// draft is deleted without touching a page).
var decisionTrees = []string{
	bucketDecisions, bucketHistory, bucketApplications, bucketQueue, bucketQueueByCredential,
	bucketTallies, bucketTurnaroundHist, bucketTurnaroundFine, bucketStackPasses, bucketMeta,
}

// rewriteWriteSet puts the first key of each of decisionTrees (of the first
// credential's queue, for the nested queues) back unchanged and commits:
// the second floor of BenchmarkDecideVsBare. The store's content is the
// same afterwards.
func rewriteWriteSet(s *Store) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range decisionTrees {
			b := tx.Bucket([]byte(name))
			if b == nil {
				return fmt.Errorf("no bucket %s", name)
			}
			k, v := b.Cursor().First()
			if k != nil && v == nil { // a nested bucket
				b = b.Bucket(k)
				k, _ = b.Cursor().First()
			}
			if k == nil {
				return fmt.Errorf("bucket %s is empty", name)
			}
			if err := putBack(b, k); err != nil {
				return err
			}
		}
		return nil
	})
}
