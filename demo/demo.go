// Package demo generates a believable, deterministic history of a
// micro-credential program: applications spread over the rubrics, attempts
// with evidence written in a teacher's voice, reviewers' decisions with
// feedback, resubmissions, expiries, and a queue of attempts still waiting
// for review. `assessor demo` imports it so a new user has something to
// review and a dashboard to read; `assessor gen` uses it at scale.
//
// The history follows the rules a strict importer enforces (docs/workflow.md,
// rules 1, 2 and 4; docs/formats.md §2), so Records output can be written with
// review.WriteJSONL and imported as is.
package demo

import (
	"math/rand/v2"
	"time"

	"assessor/review"
)

// Options tunes the generated history.
type Options struct {
	// Seed selects the history; the same seed, rubrics and options give the
	// same records.
	Seed int64
	// Applications is how many applications to generate (default 320).
	Applications int
	// Now is the moment the history ends: nothing is submitted or decided
	// after it, and recent attempts are still waiting for review. Required.
	Now time.Time
	// Reviewers is how many reviewers decide attempts (default 12); their
	// ids are those of Reviewers(n).
	Reviewers int
	// IDOffset shifts the application ids: they run from A-(1001+IDOffset).
	// `assessor gen` generates a large program in chunks, one Records call
	// each, and gives every chunk its own id range (and its own Seed, since
	// the offset changes only the ids) so the chunks import side by side.
	IDOffset int
}

// Default sizes.
const (
	DefaultApplications = 320
	DefaultReviewers    = 12
)

// Records generates the program history over rubrics (rubrics without
// criteria are skipped) and returns it in an order a strict importer
// accepts: application by application (A-1001, A-1002, …, numbered in
// order of started_at; from A-(1001+opt.IDOffset) with an offset), and
// within one its attempt 1 submission, its decision, attempt 2, and so on. Line numbers run 1..N in slice order.
// Records are not sorted by time across applications.
//
// Every decision passes review.Validate against its rubric; attempt n+1
// follows a resubmit decision on attempt n and falls inside the
// application's window; all times are whole seconds in UTC, at or before
// opt.Now. With at least four applications the history holds at least one
// application passed on attempt 1, one passed on attempt 3, one waiting for
// review of attempt 2, and one expired (in very small histories one
// application may be moved in time for that, out of started_at order).
//
// The result is deterministic in (rubrics, opt). Records may share
// evidence strings and candidate extras between attempts; treat them as
// read-only. Records panics if opt.Now is zero.
func Records(rubrics []review.Rubric, opt Options) []review.Record {
	if opt.Now.IsZero() {
		panic("demo: Options.Now is required")
	}
	if opt.Applications == 0 {
		opt.Applications = DefaultApplications
	}
	if opt.Reviewers <= 0 {
		opt.Reviewers = DefaultReviewers
	}
	g := newGenerator(rubrics, opt)
	if len(g.plans) == 0 || opt.Applications < 0 {
		return nil
	}
	return g.run()
}

// generator holds what is computed once per Records call.
type generator struct {
	opt   Options
	now   time.Time
	plans []rubricPlan
	cum   []float64 // cumulative rubric weights
	pools [numPools][]tmpl
	fb    feedbacker

	reviewers []string
	// Reviewers differ in how much they review, how lenient and how fast
	// they are, so per-reviewer figures on the dashboard differ too.
	revPass, revResub []float64 // cumulative choice weights by outcome
	revSpeed          []float64
}

func newGenerator(rubrics []review.Rubric, opt Options) *generator {
	g := &generator{opt: opt, now: opt.Now.UTC().Truncate(time.Second), fb: newFeedbacker()}
	for _, r := range rubrics {
		if len(r.Criteria) == 0 {
			continue
		}
		g.plans = append(g.plans, newRubricPlan(len(g.plans), r))
	}
	total := 0.0
	for _, p := range g.plans {
		total += p.weight
		g.cum = append(g.cum, total)
	}
	for i, ss := range poolTexts() {
		g.pools[i] = parseAll(ss)
	}
	return g
}

// pick returns an index drawn with the weights whose running sums are cum.
func pick(rng *rand.Rand, cum []float64) int {
	x := rng.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}
