package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"assessor/demo"
)

// BenchmarkImportOneFile imports one synthetic file of n applications in
// one Import (all or nothing, as `assessor import FILE` does) into a fresh
// store, per op, and reports the cost per attempt: linear imports keep it
// flat as n grows (docs/PERFORMANCE.md, "Imports of any size").
func BenchmarkImportOneFile(b *testing.B) {
	rs := bundledRubrics(b)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	// 13,600 applications make about 20,000 attempts, 68,000 about 100,000.
	for _, n := range []int{3_400, 13_600, 68_000, 136_000} {
		b.Run(fmt.Sprintf("applications=%d", n), func(b *testing.B) {
			recs := demo.Records(rs, demo.Options{Seed: 1, Applications: n, Now: now, Reviewers: 200})
			attempts := 0
			for b.Loop() {
				b.StopTimer()
				s, err := Open(filepath.Join(b.TempDir(), "import.db"), Options{})
				if err != nil {
					b.Fatal(err)
				}
				addRubrics(b, s, rs)
				b.StartTimer()
				st, err := s.Import("bench.jsonl", recs)
				if err != nil {
					b.Fatal(err)
				}
				attempts += st.Submissions
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(attempts), "µs/attempt")
		})
	}
}
