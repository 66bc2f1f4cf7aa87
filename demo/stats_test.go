package demo

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// stats are the headline figures of a generated history, computed the way
// docs/formats.md §3 defines them.
type stats struct {
	apps, attempts, decided, pending int
	firstDecided, firstPass          int
	pendingByAttempt                 [maxAttempt + 1]int
	overdue                          int // pending > 14 days
	stages                           [numStages]int
	turnaround                       []float64 // days
	passedAt                         [maxAttempt + 1]int
	maxPendingDays                   float64
	notYetByCred                     map[string]map[string]int
	scoredByCred                     map[string]int
	firstSubmitMin, firstSubmitMax   float64
}

func computeStats(recs []review.Record, now time.Time) stats {
	ids, apps := byApp(recs)
	s := stats{apps: len(ids), notYetByCred: map[string]map[string]int{}, scoredByCred: map[string]int{}, firstSubmitMin: 1e9}
	for _, id := range ids {
		a := apps[id]
		s.attempts += len(a.subs)
		s.decided += len(a.decs)
		cred := a.subs[0].Credential
		d0 := a.subs[0].SubmittedAt.Sub(a.subs[0].StartedAt).Hours() / 24
		s.firstSubmitMin = min(s.firstSubmitMin, d0)
		s.firstSubmitMax = max(s.firstSubmitMax, d0)
		if len(a.decs) > 0 {
			s.firstDecided++
			if a.decs[0].Outcome == review.Pass {
				s.firstPass++
			}
		}
		for i, d := range a.decs {
			s.turnaround = append(s.turnaround, d.DecidedAt.Sub(a.subs[i].SubmittedAt).Hours()/24)
			s.scoredByCred[cred]++
			if s.notYetByCred[cred] == nil {
				s.notYetByCred[cred] = map[string]int{}
			}
			for c, l := range d.Levels {
				if l != "meets" {
					s.notYetByCred[cred][c]++
				}
			}
		}
		h := history{closes: a.subs[0].StartedAt.AddDate(0, 6, 0), last: len(a.subs), pending: a.pending(), passed: a.passedAt()}
		s.stages[h.stage(now)]++
		if h.passed > 0 {
			s.passedAt[h.passed]++
		}
		if a.pending() {
			s.pending++
			s.pendingByAttempt[len(a.subs)]++
			w := now.Sub(a.subs[len(a.subs)-1].SubmittedAt).Hours() / 24
			s.maxPendingDays = max(s.maxPendingDays, w)
			if w > 14 {
				s.overdue++
			}
		}
	}
	sort.Float64s(s.turnaround)
	return s
}

func (s stats) firstRate() float64 { return float64(s.firstPass) / float64(s.firstDecided) }

func (s stats) String() string {
	var b strings.Builder
	q := func(p float64) float64 { return s.turnaround[int(p*float64(len(s.turnaround)-1))] }
	fmt.Fprintf(&b, "applications %d, attempts %d (decided %d, pending %d)\n", s.apps, s.attempts, s.decided, s.pending)
	fmt.Fprintf(&b, "first-time pass rate %d/%d = %.3f\n", s.firstPass, s.firstDecided, s.firstRate())
	fmt.Fprintf(&b, "pending by attempt %v, overdue (>14d) %d, longest wait %.1fd\n", s.pendingByAttempt[1:], s.overdue, s.maxPendingDays)
	fmt.Fprintf(&b, "passed on attempt 1..4 %v\n", s.passedAt[1:])
	names := [numStages]string{"waiting on candidate", "expired", "passed 1st", "passed 2nd", "passed 3rd", "passed 4th", "pending #1", "pending #2", "pending #3", "pending #4"}
	for st, n := range s.stages {
		fmt.Fprintf(&b, "  %-20s %d\n", names[st], n)
	}
	fmt.Fprintf(&b, "turnaround days p10 %.1f p50 %.1f p90 %.1f max %.1f\n", q(0.1), q(0.5), q(0.9), q(1))
	fmt.Fprintf(&b, "attempt 1 submitted %.1f–%.1f days after start\n", s.firstSubmitMin, s.firstSubmitMax)
	creds := make([]string, 0, len(s.notYetByCred))
	for c := range s.notYetByCred {
		creds = append(creds, c)
	}
	slices.Sort(creds)
	for _, c := range creds {
		fmt.Fprintf(&b, "  not-yet %-30s", c)
		ks := make([]string, 0)
		for k := range s.notYetByCred[c] {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		for _, k := range ks {
			fmt.Fprintf(&b, " %s %.2f", k, float64(s.notYetByCred[c][k])/float64(s.scoredByCred[c]))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// TestSummary logs the distribution of the default demo; run with -v.
func TestSummary(t *testing.T) {
	recs := gen(t, 1, DefaultApplications)
	t.Logf("seed 1, %d applications:\n%s", DefaultApplications, computeStats(recs, testNow))
}
