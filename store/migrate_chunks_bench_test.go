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
				f := newFixture(b)
				var lines []line
				for i := range n {
					s := submission(fmt.Sprintf("m%05d", i), "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
					s = s.with("candidate", map[string]string{"name": "Keala Mahoe", "email": fmt.Sprintf("m%d@example.org", i)})
					s["parts"] = []map[string]any{{"title": "Part 1", "text": text}}
					lines = append(lines, s)
				}
				f.mustImport(lines...)
				err := f.update(func(tx *txn) error {
					for i := range n {
						if err := tx.unredacted(key(fmt.Sprintf("m%05d", i), 1), text); err != nil {
							return err
						}
					}
					return setSchema(tx, 10)
				})
				if err != nil {
					b.Fatal(err)
				}
				if err := f.Close(); err != nil {
					b.Fatal(err)
				}
				f.Store = nil
				lines = nil
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
