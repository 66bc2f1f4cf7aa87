package review

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
)

// MinComparisons is how many double-reviewed attempts a reviewer needs
// before the report shows their agreement and kappa: fewer say little.
const MinComparisons = 5

// NeedsSecondReview decides whether attempt k is in the second-review
// sample at rate (a fraction in [0,1]). It hashes the application id and
// attempt number, so the choice is fixed at import, the same on every
// machine and re-import, and cannot be steered by the order of arrival.
func NeedsSecondReview(k AttemptKey, rate float64) bool {
	if rate <= 0 {
		return false
	}
	sum := sha256.Sum256([]byte(k.Application + "\x00" + strconv.Itoa(k.Attempt)))
	// The top 53 bits as a fraction in [0,1): exact in a float64.
	u := float64(binary.BigEndian.Uint64(sum[:8])>>11) / (1 << 53)
	return u < rate
}

// DoubleReview is a double-reviewed attempt as resolved: its two
// independent reviews, in the order they were made, and the lead's
// adjudication when they disagreed on the outcome. It is written once, when
// the attempt gets its decision of record, and never changed, so agreement
// figures do not move when a lead later amends the decision of record.
type DoubleReview struct {
	Reviews     [2]Decision `json:"reviews"`
	Adjudicated *Decision   `json:"adjudicated,omitempty"`
}

// Agree reports whether the two reviews reached the same outcome.
func (d DoubleReview) Agree() bool { return d.Reviews[0].Outcome == d.Reviews[1].Outcome }

// Comparison is one reviewer's review set against its reference: the other
// review when the two agreed, the adjudication when they did not.
type Comparison struct {
	Reviewer string
	Agreed   bool        // same outcome as the reference
	Pairs    []LevelPair // per criterion: own level, reference level
}

// Comparisons lists what each review is judged against; none while a
// disagreement awaits adjudication.
func (d DoubleReview) Comparisons() []Comparison {
	var out []Comparison
	for i, own := range d.Reviews {
		ref := d.Reviews[1-i]
		if !d.Agree() {
			if d.Adjudicated == nil {
				return nil
			}
			ref = *d.Adjudicated
		}
		c := Comparison{Reviewer: own.Reviewer, Agreed: own.Outcome == ref.Outcome}
		for _, id := range sortedKeys(own.Levels) {
			if other, ok := ref.Levels[id]; ok {
				c.Pairs = append(c.Pairs, LevelPair{own.Levels[id], other})
			}
		}
		out = append(out, c)
	}
	return out
}

// AgreementTally is the running count behind a reviewer's agreement: their
// double-reviewed attempts and how many of those agreed in outcome.
type AgreementTally struct {
	Comparisons int64 `json:"comparisons"`
	Agreed      int64 `json:"agreed"`
}

// PairKey names one cell of one reviewer's confusion matrix.
type PairKey struct {
	Reviewer string
	LevelPair
}

// PairTally is the count in one confusion-matrix cell. It is a struct so
// store checks can compare it field by field like the other tallies.
type PairTally struct {
	Count int64 `json:"count"`
}

// Dispute is a double-reviewed attempt whose reviews disagree, as a lead
// adjudicating it sees it. Reviews carry no reviewer id: they are "review
// 1" and "review 2".
type Dispute struct {
	Attempt Attempt
	Rubric  Rubric
	Reviews [2]Decision
	// Own: the lead it was listed for gave one of the reviews, so another
	// lead must adjudicate it (ErrOwnReview).
	Own bool
}

// NewDispute is disputed attempt a, scored against r, as lead sees it:
// both reviews (sr.Disputed), their reviewer ids removed, and whether one
// of them is lead's.
func NewDispute(a Attempt, r Rubric, sr SecondReview, lead string) Dispute {
	d := Dispute{Attempt: a, Rubric: r, Reviews: [2]Decision{*sr.First, *sr.Second},
		Own: sr.First.Reviewer == lead || sr.Second.Reviewer == lead}
	for i := range d.Reviews {
		d.Reviews[i].Reviewer = ""
	}
	return d
}

// CheckSecondReviewRate checks a second-review sampling rate: a fraction in
// [0,1] (ErrBadPolicy otherwise).
func CheckSecondReviewRate(rate float64) error {
	if !(rate >= 0 && rate <= 1) { // NaN too
		return fmt.Errorf("rate %v: %w (want a fraction in [0,1], e.g. 0.1)", rate, ErrBadPolicy)
	}
	return nil
}

// countDouble counts (sign +1) or takes back (−1) the comparisons of a
// resolved double review; nil counts nothing.
func (ts Tallies) countDouble(d *DoubleReview, sign int) {
	if d == nil {
		return
	}
	for _, c := range d.Comparisons() {
		at := ts.Agreements[c.Reviewer]
		at.Comparisons += int64(sign)
		if c.Agreed {
			at.Agreed += int64(sign)
		}
		ts.Agreements[c.Reviewer] = at
		for _, p := range c.Pairs {
			k := PairKey{c.Reviewer, p}
			pt := ts.LevelPairs[k]
			pt.Count += int64(sign)
			ts.LevelPairs[k] = pt
		}
	}
}

// reviewerIDs lists, sorted, every reviewer with a decision of record or a
// double-reviewed attempt: a second reviewer whose review agreed has the
// latter only.
func (ts Tallies) reviewerIDs() []string {
	seen := map[string]bool{}
	for id := range ts.Reviewers {
		seen[id] = true
	}
	for id := range ts.Agreements {
		seen[id] = true
	}
	return sortedMapKeys(seen)
}

// confusions groups the level-pair cells by reviewer, in one pass.
func (ts Tallies) confusions() map[string]Confusion {
	out := map[string]Confusion{}
	for k, p := range ts.LevelPairs {
		if out[k.Reviewer] == nil {
			out[k.Reviewer] = Confusion{}
		}
		out[k.Reviewer][k.LevelPair] += p.Count
	}
	return out
}

// agreement sets the agreement and kappa of a reviewer's report row (the
// kappa over m, their confusion matrix), left nil below MinComparisons.
func (ts Tallies) agreement(row *ReviewerRow, m Confusion) {
	at := ts.Agreements[row.Reviewer]
	if at.Comparisons < MinComparisons {
		return
	}
	row.Agreement, row.Agreed, row.Compared = Rate(at.Agreed, at.Comparisons), at.Agreed, at.Comparisons
	if k, ok := m.Kappa(); ok {
		row.Kappa, row.KappaExact = round(k, 4), &k
	}
}
