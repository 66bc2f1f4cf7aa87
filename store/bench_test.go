package store

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"assessor/review"
)

// benchPending is the queue depth the benchmarks run against.
const benchPending = 10_000

// addPending imports n pending attempts numbered from start, a minute apart,
// and returns their keys oldest first.
func (f *fixture) addPending(start, n int) []review.AttemptKey {
	lines := make([]line, 0, n)
	keys := make([]review.AttemptKey, 0, n)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := start; i < start+n; i++ {
		app := fmt.Sprintf("P-%07d", i)
		lines = append(lines, submission(app, "descriptive-feedback", 1, base.Add(time.Duration(i)*time.Minute).Format(time.RFC3339)))
		keys = append(keys, key(app, 1))
	}
	f.mustImport(lines...)
	return keys
}

// BenchmarkNext claims from a queue of benchPending attempts for 200
// reviewers in turn, so each Next walks past up to 199 live leases.
func BenchmarkNext(b *testing.B) {
	f := newFixture(b)
	f.addPending(0, benchPending)
	reviewers := make([]string, 200)
	for i := range reviewers {
		reviewers[i] = fmt.Sprintf("rev-%03d", i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := f.Next(reviewers[i%len(reviewers)], ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecide decides attempts of a queue of benchPending, refilling it
// (untimed) when it runs dry.
func BenchmarkDecide(b *testing.B) {
	f := newFixture(b)
	keys := f.addPending(0, benchPending)
	next := benchPending
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if len(keys) == 0 {
			b.StopTimer()
			keys = f.addPending(next, benchPending)
			next += benchPending
			b.StartTimer()
		}
		if _, err := f.Decide("rev-a", keys[0], allMeets, nil); err != nil {
			b.Fatal(err)
		}
		keys = keys[1:]
	}
}

// BenchmarkNextPastClaims claims the next attempt with the queue's first
// 200 held by others, as each of 200 reviewers claiming at once finds it,
// and releases it again (one op: the claim and the release). The claim
// steps past the 200 live leases.
func BenchmarkNextPastClaims(b *testing.B) {
	f := newFixture(b)
	keys := f.addPending(0, benchPending)
	for i := range 200 {
		if _, err := f.Claim(fmt.Sprintf("rev-%03d", i), keys[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		as, err := f.Next("rev-me", "")
		if err != nil || as.Attempt.Key() != keys[200] {
			b.Fatal(as.Attempt.Key(), err)
		}
		if err := f.Release("rev-me", keys[200]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkClaimBurst has 200 reviewers claim their next attempt at once,
// as 200 sessions pressing `n` together do (one op: the whole burst, from
// the first call to the last answer); the claims are released between ops.
func BenchmarkClaimBurst(b *testing.B) {
	f := newFixture(b)
	f.addPending(0, benchPending)
	const n = 200
	reviewers := make([]string, n)
	for i := range reviewers {
		reviewers[i] = fmt.Sprintf("rev-%03d", i)
	}
	got := make([]review.AttemptKey, n)
	for b.Loop() {
		var wg sync.WaitGroup
		for i, r := range reviewers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				as, err := f.Next(r, "")
				if err != nil {
					b.Error(err)
				}
				got[i] = as.Attempt.Key()
			}()
		}
		wg.Wait()
		b.StopTimer()
		for i, r := range reviewers {
			if err := f.Release(r, got[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
	}
}
