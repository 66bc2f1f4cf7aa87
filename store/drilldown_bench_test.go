package store

import (
	"testing"
	"time"

	"assessor/review"
)

// BenchmarkDrillDownScale measures the dashboard's drill-down on the
// `assessor gen` stores: the attempts behind one credential (its
// applications only), and behind one reviewer (every application).
func BenchmarkDrillDownScale(b *testing.B) {
	for _, size := range scaleStores {
		b.Run(size.name, func(b *testing.B) {
			s, err := Open(scaleStore(b, size.env), Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			rep, err := s.Report(time.Time{}, time.Time{})
			if err != nil || len(rep.ByCredential) == 0 || len(rep.ByReviewer) == 0 {
				b.Fatalf("report: %v", err)
			}
			for _, f := range []struct {
				name   string
				filter review.DrillFilter
			}{
				{"credential", review.DrillFilter{Credential: rep.ByCredential[0].Credential}},
				{"reviewer", review.DrillFilter{Reviewer: rep.ByReviewer[0].Reviewer}},
				{"criterion", review.DrillFilter{Credential: rep.Criteria[0].Credential, Criterion: rep.Criteria[0].Criterion}},
			} {
				b.Run(f.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if _, _, err := s.DrillDown(f.filter, 500); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Microseconds())/1e3/float64(b.N), "ms/drill")
				})
			}
		})
	}
}
