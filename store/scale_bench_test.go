package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/demo"
	"assessor/review"
)

// The scale benchmarks compare a store of about 10,000 attempts with one of
// about 1,000,000, both built by `assessor gen` (docs/PERFORMANCE.md) and
// named by environment variables so that `go test ./...` stays fast; a size
// whose variable is unset is skipped. Report opens the stores read-only;
// the decide benchmark decides some of their pending attempts for real.

// scaleStores are the sizes compared, smallest first.
var scaleStores = []struct{ name, env string }{
	{"attempts=10k", "ASSESSOR_BENCH_DB_10K"},
	{"attempts=1M", "ASSESSOR_BENCH_DB_1M"},
}

// scaleStore returns the store file of a size, skipping when it is unset.
func scaleStore(b *testing.B, env string) string {
	b.Helper()
	path := os.Getenv(env)
	if path == "" {
		b.Skipf("set %s to a store built with `assessor gen` (docs/PERFORMANCE.md)", env)
	}
	return path
}

// BenchmarkReportScale measures the unfiltered lead report, which reads the
// running tallies only: its cost should not grow with the attempts.
func BenchmarkReportScale(b *testing.B) {
	for _, size := range scaleStores {
		b.Run(size.name, func(b *testing.B) {
			s, err := Open(scaleStore(b, size.env), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Report(time.Time{}, time.Time{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N), "ms/report")
		})
	}
}

// BenchmarkDecideVsBare makes one decision of record and one bare bbolt
// put+commit per op, on the same disk and interleaved so both see the same
// conditions, and reports each one's mean latency and their ratio: the
// design wants a decision to cost about one commit at any store size. The
// "fresh" case needs no prepared store: 10,000 pending attempts in a temp
// dir, as BenchmarkDecide.
//
// Each op also measures two floors, on the same store:
//   - floor: the decision record just stored, put back unchanged into the
//     decisions bucket, and committed. One put into one tree, no index and
//     no tally: no design that keeps decisions in this store commits one
//     for less. floor/bare is what the store's size, freelist and disk
//     alone cost.
//   - writeset: one key of each tree a decision writes (decisionTrees),
//     put back unchanged, in one commit. The pages a decision must write,
//     without its logic: writeset/bare is what the design's layout costs.
func BenchmarkDecideVsBare(b *testing.B) {
	b.Run("attempts=fresh", func(b *testing.B) {
		f := newFixture(b)
		keys := f.addPending(0, benchPending)
		levels := func(review.AttemptKey) map[string]string { return allMeets }
		decideVsBare(b, f.Store, filepath.Dir(f.path), keys, levels)
	})
	for _, size := range scaleStores {
		b.Run(size.name, func(b *testing.B) {
			path := scaleStore(b, size.env)
			s, err := Open(path, Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			keys, levels := pendingToPass(b, s, 20_000)
			decideVsBare(b, s, filepath.Dir(path), keys, levels)
		})
	}
}

// pendingToPass lists up to n pending attempts and, per attempt, the levels
// that pass it (every criterion at its rubric's passing level).
func pendingToPass(b *testing.B, s *Store, n int) ([]review.AttemptKey, func(review.AttemptKey) map[string]string) {
	b.Helper()
	items, err := s.Queue("rev-bench-decide", "", n)
	if err != nil {
		b.Fatal(err)
	}
	rs, err := s.Credentials()
	if err != nil {
		b.Fatal(err)
	}
	pass := map[string]map[string]string{}
	for _, r := range rs {
		pass[r.ID] = passing(r)
	}
	cred := map[review.AttemptKey]string{}
	var keys []review.AttemptKey
	for _, it := range items {
		if !it.Claimed {
			keys = append(keys, it.Key())
			cred[it.Key()] = it.Credential
		}
	}
	return keys, func(k review.AttemptKey) map[string]string { return pass[cred[k]] }
}

// decideVsBare is the body of BenchmarkDecideVsBare: it decides keys in
// order and puts into a bare bbolt file created in dir.
func decideVsBare(b *testing.B, s *Store, dir string, keys []review.AttemptKey, levels func(review.AttemptKey) map[string]string) {
	b.Helper()
	bare, err := os.CreateTemp(dir, "bare-*.db")
	if err != nil {
		b.Fatal(err)
	}
	bare.Close()
	defer os.Remove(bare.Name())
	db, err := bolt.Open(bare.Name(), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	value := make([]byte, 1024)
	var decide, floor, set, put time.Duration
	var decideWrites int64
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if i == len(keys) {
			b.Fatalf("ran out of pending attempts after %d decisions", i)
		}
		k := keys[i]
		before := s.db.Stats()
		t0 := time.Now()
		if _, err := s.Decide("rev-bench-decide", k, levels(k), nil); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		after := s.db.Stats()
		decideWrites += after.TxStats.GetWrite() - before.TxStats.GetWrite()
		if err := rewriteDecision(s, k); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		if err := rewriteWriteSet(s); err != nil {
			b.Fatal(err)
		}
		t3 := time.Now()
		if err := barePut(db, i, value); err != nil {
			b.Fatal(err)
		}
		decide, floor, set, put = decide+t1.Sub(t0), floor+t2.Sub(t1), set+t3.Sub(t2), put+time.Since(t3)
		i++
	}
	b.ReportMetric(float64(decide.Microseconds())/float64(i), "decide-µs")
	b.ReportMetric(float64(floor.Microseconds())/float64(i), "floor-µs")
	b.ReportMetric(float64(set.Microseconds())/float64(i), "writeset-µs")
	b.ReportMetric(float64(put.Microseconds())/float64(i), "bare-µs")
	b.ReportMetric(float64(decide)/float64(put), "decide/bare")
	b.ReportMetric(float64(floor)/float64(put), "floor/bare")
	b.ReportMetric(float64(set)/float64(put), "writeset/bare")
	// Where a decision's time goes: pages written per commit (bbolt
	// writes each dirty page, then the freelist, then syncs) and the
	// freelist's size, which every commit rewrites.
	st := s.db.Stats()
	b.ReportMetric(float64(decideWrites)/float64(i), "writes/decide")
	b.ReportMetric(float64(st.FreePageN+st.PendingPageN), "free-pages")
}

// BenchmarkOpenScale opens the store read-write and closes it, as every
// assessor command does: with nothing to migrate, an open should cost the
// same at any size and write nothing. The first op migrates a store that
// lacks an index (the minute level of the turnaround index); run once
// before measuring.
func BenchmarkOpenScale(b *testing.B) {
	for _, size := range scaleStores {
		b.Run(size.name, func(b *testing.B) {
			path := scaleStore(b, size.env)
			b.ReportAllocs()
			for b.Loop() {
				s, err := Open(path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if err := s.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N), "ms/open")
		})
	}
}

// BenchmarkImportRate imports the synthetic program `assessor gen` writes,
// one chunk of 1,000 applications (about 1,470 attempts) per op, into a
// fresh store that grows as the benchmark runs, and reports attempts/s.
// The store is opened mapped ahead, as gen opens it.
func BenchmarkImportRate(b *testing.B) {
	rs := bundledRubrics(b)
	// Mapped ahead as gen maps a large build (cli/gen.go, genMapSize).
	s, err := Open(filepath.Join(b.TempDir(), "import.db"), Options{MapSize: 1 << 30})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	addRubrics(b, s, rs)
	attempts, i := 0, 0
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		recs := genBenchChunk(rs, i)
		b.StartTimer()
		st, err := s.Import("bench.jsonl", recs)
		if err != nil {
			b.Fatal(err)
		}
		attempts += st.Submissions
		i++
	}
	b.ReportMetric(float64(attempts)/b.Elapsed().Seconds(), "attempts/s")
}

// genBenchChunk is chunk i of the program the import benchmarks store:
// 1,000 applications as `assessor gen` generates them, ids after chunk
// i-1's.
func genBenchChunk(rs []review.Rubric, i int) []review.Record {
	const chunk = 1000
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	return demo.Records(rs, demo.Options{Seed: int64(i + 1), Applications: chunk, Now: now, Reviewers: 200, IDOffset: i * chunk})
}

// addRubrics stores rs in s.
func addRubrics(b *testing.B, s *Store, rs []review.Rubric) {
	b.Helper()
	for _, r := range rs {
		if _, err := s.AddRubric(r); err != nil {
			b.Fatal(err)
		}
	}
}
