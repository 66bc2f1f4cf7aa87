package demo

import (
	"math/rand/v2"
	"time"

	"assessor/review"
)

// decide scores attempt n with outcome out: every criterion at the passing
// level for a pass, one to three not-yet criteria for a resubmit, each
// with specific feedback (rules 1 and 2), plus overall feedback. It returns
// the not-yet criteria (indexes, rubric order) for the next revision.
func (s *sim) decide(rng *rand.Rand, p *rubricPlan, appID string, n int, out review.Outcome, reviewer string, at, closes time.Time, prevNotYet []int) (*review.Decision, []int) {
	var notYet []int
	if out == review.Resubmit {
		notYet = chooseNotYet(rng, p, prevNotYet)
	}
	levels := make(map[string]string, len(p.crits))
	feedback := make(map[string]string, len(notYet)+2)
	var used [4]uint32
	var praised uint32
	j := 0
	for ci := range p.crits {
		c := &p.crits[ci]
		if j < len(notYet) && notYet[j] == ci {
			j++
			levels[c.id] = p.notYet[rng.IntN(len(p.notYet))]
			feedback[c.id] = s.g.fb.notYetText(rng, p, ci, &used)
			continue
		}
		levels[c.id] = p.pass
		// Some reviewers also say what worked; it is optional.
		if rng.IntN(4) == 0 {
			feedback[c.id] = metText(rng, c, &praised)
		}
	}
	feedback[review.OverallKey] = overallText(rng, p, out, n, notYet, prevNotYet, closes)
	return &review.Decision{
		Application: appID, Attempt: n, Reviewer: reviewer, DecidedAt: at,
		Outcome: out, Levels: levels, Feedback: feedback,
	}, notYet
}

// chooseNotYet draws one to three criteria, weighted by how often each is
// the reason for a resubmit, and more likely again if it was not yet met on
// the previous attempt (revisions do not always fix the problem).
func chooseNotYet(rng *rand.Rand, p *rubricPlan, prev []int) []int {
	k := 1
	switch u := rng.Float64(); {
	case u > 0.85:
		k = 3
	case u > 0.5:
		k = 2
	}
	k = min(k, len(p.crits))
	var buf [16]float64
	w := buf[:0]
	for ci := range p.crits {
		x := p.crits[ci].weight
		for _, q := range prev {
			if q == ci {
				x *= 3
			}
		}
		w = append(w, x)
	}
	out := make([]int, 0, k)
	for range k {
		sum := 0.0
		for _, x := range w {
			sum += x
		}
		r := rng.Float64() * sum
		ci := 0
		for ci < len(w)-1 && (r >= w[ci] || w[ci] == 0) {
			r -= w[ci]
			ci++
		}
		for w[ci] == 0 { // float rounding ran past the last live weight
			ci--
		}
		w[ci] = 0
		// Keep rubric order: insert sorted.
		at := len(out)
		for at > 0 && out[at-1] > ci {
			at--
		}
		out = append(out, 0)
		copy(out[at+1:], out[at:])
		out[at] = ci
	}
	return out
}
