package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"assessor/review"
)

const day = 24 * time.Hour

// HistoryDays is how far before Options.Now the synthetic history starts.
const HistoryDays = spanDays

// Shape of the program over time, after NEA-style micro-credentials:
// about 40% pass first time (docs/workflow.md, "What leads watch"), later
// attempts pass more often, and candidates have six months.
const (
	spanDays   = 305 // applications start over the ~10 months before Now
	minAgeDays = 4   // the newest application has had time to submit
	growth     = 1.5 // the program grows: 2.5× as many starts now as 10 months ago
	maxAttempt = 4

	// Reviewing fell behind in the last weeks (a backlog the lead's
	// dashboard should show): an attempt submitted backlogDays before Now
	// or later waits up to backlogMax extra days. Without it almost
	// nothing would be pending, and the demo queue would be empty.
	backlogDays   = 50
	backlogMax    = 19.0
	maxTurnaround = 32.0 // days; nobody waits longer than this
)

// passAfterFirst is the pass probability of attempts 2, 3 and 4.
var passAfterFirst = [maxAttempt + 1]float64{2: 0.60, 3: 0.75, 4: 0.85}

// resubmitRate is the probability that a candidate sent back after attempt
// n tries again; the rest let the application expire.
var resubmitRate = [maxAttempt + 1]float64{1: 0.82, 2: 0.75, 3: 0.65}

// app is one application before its history is simulated.
type app struct {
	id        string
	plan      int
	who       *person
	start     time.Time
	firstPass bool
}

// history is the simulated life of one application.
type history struct {
	recs    []review.Record // Line unset
	closes  time.Time
	last    int  // last attempt submitted
	pending bool // last attempt waits for a decision
	passed  int  // attempt that passed, 0 if none
	script  bool // forced to show a stage (see ensureStages)
}

// script forces an application's outcomes so that a stage the demo must
// show exists even when chance did not produce it.
type script struct {
	outcomes  []review.Outcome // outcome of attempt 1, 2, …; then stop
	pendingAt int              // this attempt is submitted just before Now and left pending
	minAge    int              // days the application must have been open
	maxAge    int
}

func (g *generator) run() []review.Record {
	n := g.opt.Applications
	rng := rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x9e3779b97f4a7c15))
	g.setupReviewers(rng)

	// Start times: density rising linearly towards Now (inverse CDF of
	// 1+growth·x), sorted so application ids follow start order.
	ages := make([]int64, n)
	for i := range ages {
		u := rng.Float64()
		x := (math.Sqrt(1+2*growth*u*(1+growth/2)) - 1) / growth
		ages[i] = int64((spanDays - x*(spanDays-minAgeDays)) * float64(day/time.Second))
	}
	slices.Sort(ages)
	slices.Reverse(ages)

	apps := make([]app, n)
	byPlan := make([][]int, len(g.plans))
	pp := newPeople(n)
	for i := range apps {
		a := &apps[i]
		a.id = "A-" + strconv.Itoa(1001+g.opt.IDOffset+i)
		a.plan = pick(rng, g.cum)
		a.who = pp.pick(rng, a.plan, g.stackOf)
		a.start = g.now.Add(-time.Duration(ages[i]) * time.Second).Truncate(day)
		byPlan[a.plan] = append(byPlan[a.plan], i)
	}
	// Attempt-1 outcomes are dealt from a shuffled deck per credential with
	// the exact pass share, so the first-time pass rate is stable across
	// seeds instead of wandering with binomial noise.
	for p, idx := range byPlan {
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		passes := int(math.Round(g.plans[p].firstPass * float64(len(idx))))
		for _, i := range idx[:passes] {
			apps[i].firstPass = true
		}
	}

	s := newSim(g)
	hs := make([]history, n)
	for i := range apps {
		hs[i] = s.simulate(&apps[i], i, nil)
	}
	g.ensureStages(rng, s, apps, hs)

	total := 0
	for i := range hs {
		total += len(hs[i].recs)
	}
	recs := make([]review.Record, 0, total)
	for i := range hs {
		recs = append(recs, hs[i].recs...)
	}
	for i := range recs {
		recs[i].Line = i + 1
	}
	return recs
}

func (g *generator) setupReviewers(rng *rand.Rand) {
	g.reviewers = Reviewers(g.opt.Reviewers)
	var sp, sr float64
	for range g.reviewers {
		activity := 0.4 + 1.2*rng.Float64()
		lenient := 0.75 + 0.55*rng.Float64()
		sp += activity * lenient
		sr += activity / lenient
		g.revPass = append(g.revPass, sp)
		g.revResub = append(g.revResub, sr)
		g.revSpeed = append(g.revSpeed, 0.8+0.45*rng.Float64())
	}
}

// sim carries the buffers reused across applications, so simulating one
// allocates little beyond the records it returns.
type sim struct {
	g   *generator
	pcg *rand.PCG
	rng *rand.Rand
	c   ctx
	buf []byte
}

func newSim(g *generator) *sim {
	s := &sim{g: g, pcg: rand.NewPCG(0, 0), buf: make([]byte, 0, 4096)}
	s.rng = rand.New(s.pcg)
	s.c.pools = &g.pools
	return s
}

// simulate lives through application i: submissions, decisions and
// resubmissions until it passes, is abandoned, runs out of window or
// reaches Now. Each application has its own random stream (seed, i, salt),
// so regenerating one leaves the others untouched.
func (s *sim) simulate(a *app, i int, sc *script) history {
	salt := uint64(0)
	if sc != nil {
		salt = 1
	}
	s.pcg.Seed(uint64(s.g.opt.Seed), splitmix(uint64(i)<<1|salt))
	rng, g, now := s.rng, s.g, s.g.now
	plan := &g.plans[a.plan]
	h := history{closes: review.Application{StartedAt: a.start}.ClosesAt(), script: sc != nil}

	// Attempt 1: 3–40 days after starting, mostly two to four weeks.
	avail := int(now.Sub(a.start) / day)
	d := 3 + int(37*(rng.Float64()+rng.Float64())/2)
	if sc != nil {
		d = 3 + rng.IntN(13)
	}
	if d > avail-1 {
		lo := min(3, avail-1)
		d = lo + rng.IntN(avail-lo)
	}
	sub := a.start.Add(time.Duration(d)*day + eveningTime(rng))

	c := &s.c
	c.reset(rng, plan)
	var parts []partText
	s.buf, parts = c.firstEvidence(s.buf)
	if rng.Float64() < leakRateFirst {
		c.leak(parts, a.who.cand)
	}
	var note string
	var prevNotYet []int
	for n := 1; ; n++ {
		subm := &review.Submission{
			Application: a.id, Credential: plan.id, Attempt: n,
			StartedAt: a.start, SubmittedAt: sub,
			Parts: render(plan, parts), Note: note,
		}
		// Attempt 1 carries the identity; resubmissions repeat it or not.
		if n == 1 || rng.IntN(2) == 0 {
			cand := *a.who.cand
			subm.Candidate = &cand
		}
		h.recs = append(h.recs, review.Record{Submission: subm})
		h.last = n

		out := review.Resubmit
		switch {
		case sc != nil && n <= len(sc.outcomes):
			out = sc.outcomes[n-1]
		case n == 1 && a.firstPass:
			out = review.Pass
		case n > 1 && rng.Float64() < passAfterFirst[n]:
			out = review.Pass
		}
		rev := pick(rng, g.revResub)
		if out == review.Pass {
			rev = pick(rng, g.revPass)
		}
		decided := reviewTime(rng, sub.Add(s.turnaround(rng, rev, sub, sc != nil)))
		if decided.After(now) || (sc != nil && sc.pendingAt == n) {
			h.pending = true
			return h
		}
		dec, notYet := s.decide(rng, plan, a.id, n, out, g.reviewers[rev], decided, h.closes, prevNotYet)
		h.recs = append(h.recs, review.Record{Decision: dec})
		if out == review.Pass {
			h.passed = n
			return h
		}
		if n == maxAttempt {
			return h
		}
		var again bool
		if sc != nil {
			again = n < len(sc.outcomes) || sc.pendingAt == n+1
		} else {
			again = rng.Float64() < resubmitRate[n]
		}
		if !again {
			return h
		}
		// Resubmissions, too, arrive in the evening; the delay is at least
		// four days, so moving within the day keeps next after decided.
		next := decided.Add(resubmitDelay(rng, sc != nil)).Truncate(day).Add(eveningTime(rng))
		if sc != nil && sc.pendingAt == n+1 {
			next = now.Add(-time.Duration(1+rng.IntN(8))*day - eveningTime(rng))
			if !next.After(decided) {
				next = decided.Add(now.Sub(decided) / 2)
			}
		}
		if !next.Before(h.closes) || next.After(now) {
			// Too late for the window, or still working on it at Now.
			return h
		}
		s.buf, note = c.revise(s.buf, parts, notYet, n)
		if rng.Float64() < leakRateResub {
			c.leak(parts, a.who.cand)
		}
		sub = next
		prevNotYet = notYet
	}
}

// turnaround is how long attempt review takes: mostly 2–16 days, a tail
// to about 30, scaled by the reviewer's pace, plus the recent backlog.
func (s *sim) turnaround(rng *rand.Rand, rev int, sub time.Time, scripted bool) time.Duration {
	var days float64
	switch {
	case scripted:
		days = 2 + 8*rng.Float64()
	case rng.Float64() < 0.12:
		days = 16 + 14*rng.Float64()
	default:
		days = 2 + 14*min(rng.Float64(), rng.Float64())
	}
	if !scripted {
		days *= s.g.revSpeed[rev]
		if age := s.g.now.Sub(sub).Hours() / 24; age < backlogDays {
			days += backlogMax * (1 - age/backlogDays) * (0.5 + 0.5*rng.Float64())
		}
		days = min(days, maxTurnaround)
	}
	return time.Duration(days * float64(day)).Truncate(time.Second)
}

// resubmitDelay is how long a candidate takes to revise: mostly one to
// five weeks, sometimes two months.
func resubmitDelay(rng *rand.Rand, scripted bool) time.Duration {
	var days float64
	switch {
	case scripted:
		days = 4 + 11*rng.Float64()
	case rng.Float64() < 0.1:
		days = 40 + 35*rng.Float64()
	default:
		days = 4 + 36*(rng.Float64()+rng.Float64())/2
	}
	return time.Duration(days * float64(day)).Truncate(time.Second)
}

// reviewTime moves a decision to US working hours on its day. Turnaround
// is always over a day, so the decision stays after the submission.
func reviewTime(rng *rand.Rand, t time.Time) time.Time {
	return t.Truncate(day).Add(time.Duration(14*3600+rng.IntN(9*3600)) * time.Second)
}

// eveningTime is a time of day (UTC) at which teachers submit: after
// school in US time zones.
func eveningTime(rng *rand.Rand) time.Duration {
	return time.Duration(13*3600+rng.IntN(11*3600)) * time.Second
}

// splitmix scrambles per-application stream ids so neighbouring
// applications do not get neighbouring PCG states.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}
