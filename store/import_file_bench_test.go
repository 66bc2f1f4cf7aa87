//go:build unix

package store

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
)

// The input of BenchmarkImportOneFile. By default the generated records,
// held by the benchmark and imported with Import. With
// ASSESSOR_BENCH_FROM=file, a JSON Lines file of them, not held: each op
// indexes it (pass 1, ReadImportFile) and imports from the index (pass 2),
// as `assessor import FILE` does, so the peak RSS is the import's own;
// with ASSESSOR_BENCH_FROM=whole, each op parses the whole file into
// memory and imports the records, as the command did before its two
// passes. The file is import-N.jsonl in $ASSESSOR_BENCH_JSONL_DIR when
// set (written when missing: write it in a process of its own,
// TestWriteImportBenchFile, as the generator's memory counts in the peak
// of the process that writes it), else in a temporary folder.

// benchInput is the records (from "") or the file (from "file" or
// "whole") of n generated applications.
func benchInput(b *testing.B, from string, rs []review.Rubric, opt demo.Options) ([]review.Record, string) {
	if from == "" {
		return demo.Records(rs, opt), ""
	}
	dir := os.Getenv("ASSESSOR_BENCH_JSONL_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	path := filepath.Join(dir, fmt.Sprintf("import-%d.jsonl", opt.Applications))
	if _, err := os.Stat(path); err != nil {
		writeBenchFile(b, path, demo.Records(rs, opt))
	}
	return nil, path
}

// benchPeakHeap is the most bytes of live and unswept heap objects seen
// during importBench's imports: the peak RSS less the store's pages mapped
// while reading (bbolt's memory map) and the heap's headroom.
var benchPeakHeap atomic.Uint64

// importBench imports one op's input into s, sampling the heap.
func importBench(b *testing.B, s *Store, from string, recs []review.Record, path string) (st ImportStats, err error) {
	peak := peakHeapDuring(func() { st, err = importInput(b, s, from, recs, path) })
	if peak > benchPeakHeap.Load() {
		benchPeakHeap.Store(peak)
	}
	return st, err
}

// peakHeapDuring runs fn and returns the most bytes of live and unswept
// heap objects seen every 5 ms meanwhile.
func peakHeapDuring(fn func()) uint64 {
	var top atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > top.Load() {
				top.Store(v)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return top.Load()
}

// importInput is importBench's import.
func importInput(b *testing.B, s *Store, from string, recs []review.Record, path string) (ImportStats, error) {
	if from == "" {
		return s.Import("bench.jsonl", recs)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if from == "whole" {
		return s.Import("bench.jsonl", parseWhole(b, f))
	}
	info, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	idx, err := ReadImportFile("bench.jsonl", f, info.Size(), ImportFileOptions{MaxLine: 64 << 20, MaxLineText: "64 MiB"})
	if err != nil {
		b.Fatal(err)
	}
	return s.ImportFrom("bench.jsonl", idx, nil)
}

// parseWhole parses every line of r, as `assessor import` did before
// its two passes.
func parseWhole(b *testing.B, r io.Reader) []review.Record {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var recs []review.Record
	line := 0
	for sc.Scan() {
		line++
		rec, err := review.ParseLine(line, sc.Bytes())
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return recs
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
