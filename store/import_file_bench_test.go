//go:build unix

package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
)

// BenchmarkImportFromFile is BenchmarkImportOneFile through the path of
// `assessor import FILE`: the generated records are written to a JSON
// Lines file first (not held by the benchmark), and each op indexes it
// (pass 1, ReadImportFile) and imports from the index (pass 2), into a
// fresh store. Its peak RSS is then the import's own. The file is kept in
// $ASSESSOR_BENCH_JSONL_DIR (import-N.jsonl) when set, and written there
// when missing: run once to write it, then measure in a fresh process
// (the generator's memory counts in the peak of the process that writes).
func BenchmarkImportFromFile(b *testing.B) {
	rs := bundledRubrics(b)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	dir := os.Getenv("ASSESSOR_BENCH_JSONL_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	for _, n := range []int{3_400, 13_600, 68_000, 136_000, 680_000} {
		b.Run(fmt.Sprintf("applications=%d", n), func(b *testing.B) {
			path := filepath.Join(dir, fmt.Sprintf("import-%d.jsonl", n))
			if _, err := os.Stat(path); err != nil {
				writeBenchFile(b, path, demo.Records(rs, demo.Options{Seed: 1, Applications: n, Now: now, Reviewers: 200}))
			}
			attempts := 0
			var cpu, lock, chunk time.Duration
			for b.Loop() {
				b.StopTimer()
				s, err := Open(filepath.Join(b.TempDir(), "import.db"), Options{})
				if err != nil {
					b.Fatal(err)
				}
				addRubrics(b, s, rs)
				b.StartTimer()
				c0 := cpuTime(b)
				lastApplyNanos.Store(-1)
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				info, err := f.Stat()
				if err != nil {
					b.Fatal(err)
				}
				idx, err := ReadImportFile("bench.jsonl", f, info.Size(), ImportFileOptions{MaxLine: 64 << 20, MaxLineText: "64 MiB"})
				if err != nil {
					b.Fatal(err)
				}
				st, err := s.ImportFrom("bench.jsonl", idx, nil)
				if err != nil {
					b.Fatal(err)
				}
				f.Close()
				cpu += cpuTime(b) - c0
				lock += time.Duration(max(lastApplyNanos.Load(), 0))
				chunk = max(chunk, time.Duration(lastChunkNanos.Load()))
				attempts += st.Submissions
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(attempts), "µs/attempt")
			b.ReportMetric(float64(cpu.Microseconds())/float64(attempts), "cpu-µs/attempt")
			b.ReportMetric(float64(lock.Milliseconds())/float64(b.N), "lock-ms/import")
			b.ReportMetric(float64(chunk.Milliseconds()), "chunk-lock-ms")
			b.ReportMetric(float64(maxRSS(b))/(1<<20), "maxrss-MiB")
		})
	}
}

// TestWriteImportBenchFile writes BenchmarkImportFromFile's file for
// $ASSESSOR_BENCH_WRITE_APPS applications into $ASSESSOR_BENCH_JSONL_DIR,
// in a process of its own, so that the benchmark's peak RSS is the
// import's alone; skipped unless both are set.
func TestWriteImportBenchFile(t *testing.T) {
	n, err := strconv.Atoi(os.Getenv("ASSESSOR_BENCH_WRITE_APPS"))
	dir := os.Getenv("ASSESSOR_BENCH_JSONL_DIR")
	if err != nil || dir == "" {
		t.Skip("set ASSESSOR_BENCH_WRITE_APPS and ASSESSOR_BENCH_JSONL_DIR to write a benchmark file")
	}
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	recs := demo.Records(bundledRubrics(t), demo.Options{Seed: 1, Applications: n, Now: now, Reviewers: 200})
	writeBenchFile(t, filepath.Join(dir, fmt.Sprintf("import-%d.jsonl", n)), recs)
}

// writeBenchFile writes recs as JSON Lines at path, then lets them go.
func writeBenchFile(b testing.TB, path string, recs []review.Record) {
	b.Helper()
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := review.WriteJSONL(w, recs); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
}
