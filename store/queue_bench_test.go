package store

import (
	"fmt"
	"testing"
)

// BenchmarkQueue500 lists the first 500 of benchPending pending attempts,
// as the queue screen does on every load and live refresh, for a reviewer
// with a claim and a draft on ten of them and 200 other reviewers holding
// claims.
func BenchmarkQueue500(b *testing.B) {
	f := newFixture(b)
	keys := f.addPending(0, benchPending)
	for i := range 200 {
		if _, err := f.Claim(fmt.Sprintf("rev-%03d", i), keys[i*2]); err != nil {
			b.Fatal(err)
		}
	}
	for _, k := range keys[401:411] {
		f.claimWithDraft("rev-me", k)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if q, err := f.Queue("rev-me", "", 500); err != nil || len(q) != 500 {
			b.Fatal(len(q), err)
		}
	}
}
