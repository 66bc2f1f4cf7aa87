package demo

import (
	"math/rand/v2"
	"time"

	"assessor/review"
)

// stage is where an application stands at Now, as a lead would describe it.
type stage uint8

const (
	stageWaiting stage = iota // sent back; the candidate may still resubmit
	stageExpired              // sent back and the window closed
	stagePassed1              // stagePassed1+n-1: passed on attempt n
	stagePassed2
	stagePassed3
	stagePassed4
	stagePending1 // stagePending1+n-1: attempt n waits for review
	stagePending2
	stagePending3
	stagePending4
	numStages
)

func (h *history) stage(now time.Time) stage {
	switch {
	case h.passed > 0:
		return stagePassed1 + stage(h.passed-1)
	case h.pending:
		return stagePending1 + stage(h.last-1)
	case !now.Before(h.closes):
		return stageExpired
	}
	return stageWaiting
}

// requiredStages are the stages a demo must show, with the script that
// produces each and the age (days since start) an application needs for it.
func requiredStages() []struct {
	st stage
	sc script
} {
	r, p := review.Resubmit, review.Pass
	return []struct {
		st stage
		sc script
	}{
		{stagePassed1, script{outcomes: []review.Outcome{p}, minAge: 60, maxAge: spanDays}},
		{stagePassed3, script{outcomes: []review.Outcome{r, r, p}, minAge: 150, maxAge: spanDays}},
		{stagePending2, script{outcomes: []review.Outcome{r}, pendingAt: 2, minAge: 50, maxAge: 160}},
		{stageExpired, script{outcomes: []review.Outcome{r}, minAge: 200, maxAge: spanDays}},
	}
}

// ensureStages makes sure the history shows every required stage. Chance
// produces them all in a default-sized demo; small or unlucky histories get
// an application re-simulated with a script. The application chosen is never
// the only one showing a required stage, so fixing one stage does not remove
// another; it keeps its start time when that fits the script.
func (g *generator) ensureStages(rng *rand.Rand, s *sim, apps []app, hs []history) {
	if len(apps) < len(requiredStages()) {
		return
	}
	reqs := requiredStages()
	var required [numStages]bool
	for _, r := range reqs {
		required[r.st] = true
	}
	for _, req := range reqs {
		var counts [numStages]int
		for i := range hs {
			counts[hs[i].stage(g.now)]++
		}
		if counts[req.st] > 0 {
			continue
		}
		var fits, spare []int
		for i := range hs {
			if st := hs[i].stage(g.now); hs[i].script || (required[st] && counts[st] < 2) {
				continue
			}
			spare = append(spare, i)
			if age := int(g.now.Sub(apps[i].start) / day); age >= req.sc.minAge && age <= req.sc.maxAge {
				fits = append(fits, i)
			}
		}
		var i int
		switch {
		case len(fits) > 0:
			i = fits[rng.IntN(len(fits))]
		case len(spare) > 0:
			i = spare[rng.IntN(len(spare))]
			mid := (req.sc.minAge + req.sc.maxAge) / 2
			apps[i].start = g.now.Add(-time.Duration(mid) * day).Truncate(day)
		default:
			continue
		}
		hs[i] = s.simulate(&apps[i], i, &req.sc)
	}
}
