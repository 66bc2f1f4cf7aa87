package demo

import (
	"io"
	"testing"

	"assessor/review"
)

// BenchmarkRecords generates 10,000 applications per op and reports
// records and attempts per second: `assessor gen` needs ≥ 20,000
// attempts/s including the store, so generation must be far faster.
func BenchmarkRecords(b *testing.B) {
	rs := testRubrics()
	opt := Options{Seed: 1, Applications: 10000, Now: testNow}
	var recs, attempts int
	b.ReportAllocs()
	for b.Loop() {
		out := Records(rs, opt)
		recs += len(out)
		for _, r := range out {
			if r.Submission != nil {
				attempts++
			}
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(recs)/sec, "records/s")
	b.ReportMetric(float64(attempts)/sec, "attempts/s")
}

// BenchmarkWriteJSONL measures encoding the default demo.
func BenchmarkWriteJSONL(b *testing.B) {
	recs := gen(b, 1, DefaultApplications)
	b.ReportAllocs()
	for b.Loop() {
		if err := review.WriteJSONL(io.Discard, recs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(recs)*b.N)/b.Elapsed().Seconds(), "records/s")
}
