package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
)

// BenchmarkDecisionDuringImport measures what a reviewer waits for while a
// large file loads: one goroutine imports a file of about 150,000 lines
// (51,000 applications) into a store that already holds pending attempts,
// while a reviewer claims and decides them, one every 100 ms (a busy
// room's pace), each timed, until the import returns or the queue is
// empty. It reports the decisions' p50, p99 and
// longest latency and how many were made. ASSESSOR_BENCH_LOCKED=1 runs
// the import inside the write transaction, as before the snapshot
// (import_snapshot.go). docs/PERFORMANCE.md, "Imports of any size".
func BenchmarkDecisionDuringImport(b *testing.B) {
	if os.Getenv("ASSESSOR_BENCH_LOCKED") == "1" {
		defer func(was bool) { snapshotImports = was }(snapshotImports)
		snapshotImports = false
	}
	rs := bundledRubrics(b)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	apps := 51_000
	if n, err := strconv.Atoi(os.Getenv("ASSESSOR_BENCH_APPS")); err == nil && n > 0 {
		apps = n // a smaller file, to try the benchmark out
	}
	first := demo.Records(rs, demo.Options{Seed: 2, Applications: 5_000, Now: now, Reviewers: 20, IDOffset: apps})
	file := demo.Records(rs, demo.Options{Seed: 1, Applications: apps, Now: now, Reviewers: 200})
	b.Run(fmt.Sprintf("lines=%d", len(file)), func(b *testing.B) {
		var lat []time.Duration
		var lock time.Duration
		for b.Loop() {
			b.StopTimer()
			s, err := Open(filepath.Join(b.TempDir(), "d.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			addRubrics(b, s, rs)
			if err := s.AddReviewer(review.Reviewer{ID: "bench-rev"}); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Import("first.jsonl", first); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			done := make(chan error, 1)
			lastApplyNanos.Store(-1)
			fallbacks := snapshotFallbacks.Load()
			w0 := time.Now()
			go func() { _, err := s.Import("big.jsonl", file); done <- err }()
			for running := true; running; {
				select {
				case err := <-done:
					if err != nil {
						b.Fatal(err)
					}
					running = false
					continue
				case <-time.After(100 * time.Millisecond):
				}
				t0 := time.Now()
				as, err := s.Next("bench-rev", "")
				if errors.Is(err, review.ErrQueueEmpty) {
					if err := <-done; err != nil {
						b.Fatal(err)
					}
					break
				} else if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Decide("bench-rev", as.Attempt.Key(), passing(as.Rubric), nil); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			if n := snapshotFallbacks.Load() - fallbacks; n > 0 {
				b.Logf("the import fell back to the write transaction: %s", lastFallback)
				lastApplyNanos.Store(-1)
			}
			if n := lastApplyNanos.Load(); n >= 0 {
				lock += time.Duration(n)
			} else {
				lock += time.Since(w0) // in the write transaction throughout
			}
			s.Close()
			b.StartTimer()
		}
		slices.Sort(lat)
		if len(lat) == 0 {
			b.Fatal("no decision was made during the import")
		}
		q := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(q(0.5), "p50-ms")
		b.ReportMetric(q(0.99), "p99-ms")
		b.ReportMetric(q(1), "max-ms")
		b.ReportMetric(float64(len(lat))/float64(b.N), "decisions/import")
		b.ReportMetric(float64(lock.Milliseconds())/float64(b.N), "lock-ms/import")
	})
}
