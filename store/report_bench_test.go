package store

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// benchReviewers is the reviewer count of the benchmark stores. It is the
// same at every size, so the report has the same rows (3 credentials, 2
// stacks, ~16 months, 200 reviewers, 9 criteria) and only the attempts grow.
const benchReviewers = 200

// benchHistory builds a store at path holding generated applications with
// at least attempts attempts, all imported in batches of 20,000 records. It
// returns the store and the applications.
func benchHistory(b *testing.B, path string, attempts int) (*Store, []genApp) {
	b.Helper()
	start := time.Now()
	s, err := Open(path, Options{Rand: rand.NewChaCha8([32]byte{3})})
	if err != nil {
		b.Fatal(err)
	}
	rs := genRubrics()
	for _, r := range rs {
		if _, err := s.AddRubric(r); err != nil {
			b.Fatal(err)
		}
	}
	r := rand.New(rand.NewPCG(uint64(attempts), 1))
	var apps []genApp
	for n := 0; n < attempts; {
		a := genOne(r, len(apps), rs, benchReviewers, 0)
		apps = append(apps, a)
		n += len(a.attempts)
	}
	evs := events(apps)
	for i := 0; i < len(evs); i += 20_000 {
		recs := make([]review.Record, 0, 20_000)
		for j, ev := range evs[i:min(i+20_000, len(evs))] {
			ev.rec.Line = j + 1
			recs = append(recs, ev.rec)
		}
		if _, err := s.Import("bench.jsonl", recs); err != nil {
			b.Fatal(err)
		}
	}
	c, _ := s.Counts()
	b.Logf("built %s: %d applications, %d attempts (%d pending) in %v", filepath.Base(path), c.Applications, c.Attempts, c.Pending, time.Since(start).Round(time.Millisecond))
	return s, apps
}

// BenchmarkReport measures the unfiltered report, read from the running
// tallies, at two store sizes with the same report rows: it should cost
// about the same at both. The "month" cases filter to one month and
// recompute from raw records, for comparison. Each store is built once per
// run, when a case first needs it.
func BenchmarkReport(b *testing.B) {
	dir := b.TempDir()
	for _, size := range []int{10_000, 200_000} {
		var s *Store
		store := func(sb *testing.B) *Store {
			if s == nil {
				s, _ = benchHistory(sb, filepath.Join(dir, fmt.Sprintf("report-%d.db", size)), size)
				b.Cleanup(func() { s.Close() })
			}
			return s
		}
		b.Run(fmt.Sprintf("tallies/attempts=%d", size), func(b *testing.B) {
			s := store(b)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Report(time.Time{}, time.Time{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("month/attempts=%d", size), func(b *testing.B) {
			s := store(b)
			since := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := s.Report(since, since.AddDate(0, 1, 0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecideWithTallies decides pending attempts, each one transaction
// that also updates the running tallies and turnaround index, on a store
// that already holds 10,000 attempts. Compare with BenchmarkBarePutCommit
// on the same disk for the commit overhead.
func BenchmarkDecideWithTallies(b *testing.B) {
	s, _ := benchHistory(b, filepath.Join(b.TempDir(), "decide.db"), 10_000)
	defer s.Close()
	clock := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	s.clk.now = func() time.Time { return clock }
	pending := func(from int) []review.AttemptKey {
		var recs []review.Record
		var keys []review.AttemptKey
		at := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
		for i := from; i < from+5_000; i++ {
			id := fmt.Sprintf("P-%07d", i)
			recs = append(recs, review.Record{Line: len(recs) + 1, Submission: &review.Submission{
				Application: id, Credential: "descriptive-feedback", Attempt: 1, SubmittedAt: at.Add(time.Duration(i) * time.Minute),
				Parts: []review.EvidencePart{{Title: "Part 1: Overview questions", Text: "My students set goals."}},
			}})
			keys = append(keys, review.AttemptKey{Application: id, Attempt: 1})
		}
		if _, err := s.Import("pending.jsonl", recs); err != nil {
			b.Fatal(err)
		}
		return keys
	}
	keys, next := pending(0), 5_000
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(keys) == 0 {
			b.StopTimer()
			keys, next = pending(next), next+5_000
			b.StartTimer()
		}
		clock = clock.Add(37 * time.Second)
		if _, err := s.Decide(fmt.Sprintf("rev-%04d", i%benchReviewers), keys[0], allMeets, nil); err != nil {
			b.Fatal(err)
		}
		keys = keys[1:]
	}
}

// BenchmarkBarePutCommit is the floor for BenchmarkDecideWithTallies: one
// bbolt transaction putting one 1 KiB value, with the same file sync.
func BenchmarkBarePutCommit(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := make([]byte, 1024)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := barePut(db, i, value); err != nil {
			b.Fatal(err)
		}
	}
}

// barePut puts value under key i in bucket "b" in one transaction: the
// floor that BenchmarkBarePutCommit and the scale benchmark's "put" measure.
func barePut(db *bolt.DB, i int, value []byte) error {
	return db.Update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists([]byte("b"))
		if err != nil {
			return err
		}
		return bk.Put(binary.BigEndian.AppendUint64(nil, uint64(i)), value)
	})
}

// BenchmarkCheck runs the full consistency check on a store of 10,000
// attempts; its cost grows with the store, unlike Report's.
func BenchmarkCheck(b *testing.B) {
	s, _ := benchHistory(b, filepath.Join(b.TempDir(), "check.db"), 10_000)
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		problems, err := s.Check()
		if err != nil || len(problems) > 0 {
			b.Fatal(problems, err)
		}
	}
}
