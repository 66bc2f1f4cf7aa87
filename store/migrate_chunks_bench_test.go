//go:build unix

package store

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// BenchmarkUpgradeAttempts measures the most heap objects live, above what
// there were before, while an upgrade from schema 10 redacts again every one of n
// stored attempts (each about 3 KB of text holding its candidate's name run
// together, as schema 10 stored it). Target: bounded by a commit's chunk,
// not the number of attempts. Run with -benchtime 1x.
func BenchmarkUpgradeAttempts(b *testing.B) {
	text := strings.Repeat("Posted by MahoeKeala on the class portal, where my students set goals each week. ", 40)
	for _, n := range []int{2000, 8000} {
		b.Run(fmt.Sprintf("attempts=%d", n), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				f := schema10Store(b, n, text)
				if err := f.Close(); err != nil {
					b.Fatal(err)
				}
				f.Store = nil
				runtime.GC()
				base := peakHeapDuring(func() {}) // import_file_bench_test.go
				peak := peakHeapDuring(func() {
					b.StartTimer()
					f.reopen() // upgrades from schema 10
					b.StopTimer()
				})
				b.ReportMetric(float64(peak-min(peak, base))/(1<<20), "peak-heap-MiB")
				f.Close()
				f.Store = nil
			}
		})
	}
}
