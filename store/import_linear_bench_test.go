//go:build unix

package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"assessor/demo"
)

// BenchmarkImportOneFile imports one synthetic file of n applications in
// one Import (all or nothing, as `assessor import FILE` does) into a fresh
// store, per op, and reports the cost per attempt: linear imports keep it
// flat as n grows (docs/PERFORMANCE.md, "Imports of any size"). It also
// reports the longest chunk commit (imports in chunks, import_chunks.go),
// the pages its commits wrote per attempt (what grows when keys land all
// over their trees, import_sweep.go) and the process's peak RSS, and the process's CPU time per attempt (user and system, all
// threads, the garbage collector's included), which other processes on a
// shared machine disturb less than wall time.
func BenchmarkImportOneFile(b *testing.B) {
	rs := bundledRubrics(b)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	// 13,600 applications make about 20,000 attempts, 68,000 about 100,000.
	// ASSESSOR_BENCH_LOCKED=1 imports inside the write transaction, as
	// before the snapshot (import_snapshot.go), for an A/B in one binary.
	if os.Getenv("ASSESSOR_BENCH_LOCKED") == "1" {
		defer func(was bool) { snapshotImports = was }(snapshotImports)
		snapshotImports = false
	}
	// ASSESSOR_BENCH_CHUNK=N sets the records per chunk of imports in
	// chunks (import_chunks.go), to compare sizes.
	if n, err := strconv.Atoi(os.Getenv("ASSESSOR_BENCH_CHUNK")); err == nil && n > 0 {
		defer func(was int) { chunkLines = was }(chunkLines)
		chunkLines = n
	}
	// ASSESSOR_BENCH_SWEEP=N cuts the sweeps' key spaces into N parts
	// (import_sweep.go), to compare.
	if n, err := strconv.Atoi(os.Getenv("ASSESSOR_BENCH_SWEEP")); err == nil && n > 0 {
		defer func(was int) { sweepParts = was }(sweepParts)
		sweepParts = n
	}
	// ASSESSOR_BENCH_FROM=file imports through the path of `assessor
	// import FILE`, from a JSON Lines file (import_file_bench_test.go).
	from := os.Getenv("ASSESSOR_BENCH_FROM")
	// 680,000 applications make about 1,000,000 attempts.
	for _, n := range []int{3_400, 13_600, 68_000, 136_000, 680_000} {
		b.Run(fmt.Sprintf("applications=%d", n), func(b *testing.B) {
			recs, path := benchInput(b, from, rs, demo.Options{Seed: 1, Applications: n, Now: now, Reviewers: 200})
			attempts, pages, final := 0, 0, int64(0)
			var cpu, lock, chunk, drop time.Duration
			for b.Loop() {
				b.StopTimer()
				s, err := Open(filepath.Join(b.TempDir(), "import.db"), Options{})
				if err != nil {
					b.Fatal(err)
				}
				addRubrics(b, s, rs)
				b.StartTimer()
				c0, w0 := cpuTime(b), time.Now()
				lastApplyNanos.Store(-1)
				st, err := importBench(b, s, from, recs, path)
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime(b) - c0
				if n := lastApplyNanos.Load(); n >= 0 {
					lock += time.Duration(n) // the apply's write transaction
				} else {
					lock += time.Since(w0) // all of it ran in the write transaction
				}
				chunk = max(chunk, time.Duration(lastChunkNanos.Load())) // import_chunks.go
				drop = max(drop, time.Duration(lastDropNanos.Load()))
				final = max(final, lastFinalPages.Load())
				attempts += st.Submissions
				ds := s.db.Stats()
				pages += int(ds.TxStats.GetWrite()) // pages written by every commit of the store
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(attempts), "µs/attempt")
			b.ReportMetric(float64(cpu.Microseconds())/float64(attempts), "cpu-µs/attempt")
			b.ReportMetric(float64(lock.Milliseconds())/float64(b.N), "lock-ms/import")
			b.ReportMetric(float64(chunk.Milliseconds()), "chunk-lock-ms")
			b.ReportMetric(float64(drop.Milliseconds()), "drop-lock-ms")
			b.ReportMetric(float64(pages)/float64(attempts), "pages/attempt")
			b.ReportMetric(float64(final), "final-pages")
			b.ReportMetric(float64(maxRSS(b))/(1<<20), "maxrss-MiB")
			b.ReportMetric(float64(benchPeakHeap.Load())/(1<<20), "peak-heap-MiB") // import_file_bench_test.go
		})
	}
}

// maxRSS is the process's peak resident set so far, in bytes: run one
// size per process (-bench 'ImportOneFile/applications=N$') to read it
// for that size.
func maxRSS(b *testing.B) int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return int64(ru.Maxrss) << 10 // KiB on Linux
}

// cpuTime is the CPU time this process has used so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
