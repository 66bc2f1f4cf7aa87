package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/demo"
	"assessor/rubrics"
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
	rs, err := rubrics.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	// Mapped ahead as gen maps a large build (cli/gen.go, genMapSize).
	dst, err := bolt.Open(filepath.Join(dir, "floor.db"), 0o600, &bolt.Options{InitialMmapSize: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	defer dst.Close()
	const chunk = 1000
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	attempts, i := 0, 0
	for b.Loop() {
		b.StopTimer()
		src, err := Open(filepath.Join(dir, "chunk.db"), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rs {
			if _, err := src.AddRubric(r); err != nil {
				b.Fatal(err)
			}
		}
		recs := demo.Records(rs, demo.Options{Seed: int64(i + 1), Applications: chunk, Now: now, Reviewers: 200, IDOffset: i * chunk})
		st, err := src.Import("bench.jsonl", recs)
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
	return from.ForEach(func(name []byte, src *bolt.Bucket) error {
		dst, err := to.CreateBucketIfNotExists(name)
		if err != nil {
			return err
		}
		(&txn{tx: to}).fillAppendOnly()
		return copyBucket(src, dst)
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
