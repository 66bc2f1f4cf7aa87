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

// burstReviewers are the 200 reviewers of the burst benchmarks.
func burstReviewers() []string {
	rs := make([]string, 200)
	for i := range rs {
		rs[i] = fmt.Sprintf("rev-%03d", i)
	}
	return rs
}

// burst runs call for every reviewer at once, each in its own goroutine, as
// 200 sessions pressing the same key together do, and returns when all
// have answered.
func burst(reviewers []string, call func(i int, reviewer string)) {
	var wg sync.WaitGroup
	for i, r := range reviewers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			call(i, r)
		}()
	}
	wg.Wait()
}

// BenchmarkClaimBurst has 200 reviewers claim their next attempt at once,
// as 200 sessions pressing `n` together do (one op: the whole burst, from
// the first call to the last answer); the claims are released between ops.
func BenchmarkClaimBurst(b *testing.B) {
	f := newFixture(b)
	f.addPending(0, benchPending)
	reviewers := burstReviewers()
	got := make([]review.AttemptKey, len(reviewers))
	for b.Loop() {
		burst(reviewers, func(i int, r string) {
			as, err := f.Next(r, "")
			if err != nil {
				b.Error(err)
			}
			got[i] = as.Attempt.Key()
		})
		b.StopTimer()
		for i, r := range reviewers {
			if err := f.Release(r, got[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
	}
}

// BenchmarkDecideBurst has 200 reviewers, each holding a claim, decide at
// once, as 200 sessions pressing `y` together do (one op: the whole burst;
// the claims, in a burst of their own, are not timed). Under serve a
// decision waits for the single writer, and this is the writer's part of
// such a burst: its calls share group commits as the sessions' do.
func BenchmarkDecideBurst(b *testing.B) {
	f := newFixture(b)
	reviewers := burstReviewers()
	got := make([]review.AttemptKey, len(reviewers))
	claim := func(i int, r string) {
		as, err := f.Next(r, "")
		if err != nil {
			b.Error(err)
		}
		got[i] = as.Attempt.Key()
	}
	decide := func(i int, r string) {
		if _, err := f.Decide(r, got[i], allMeets, nil); err != nil {
			b.Error(err)
		}
	}
	next := 0
	for b.Loop() {
		b.StopTimer()
		if next%benchPending == 0 { // the queue runs dry every benchPending/200 ops
			f.addPending(next, benchPending)
		}
		next += len(reviewers)
		burst(reviewers, claim)
		b.StartTimer()
		burst(reviewers, decide)
	}
}
