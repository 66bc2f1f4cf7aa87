package review

import (
	"errors"
	"sort"
	"time"
)

// CalibrationExample is a decided attempt a lead chose to calibrate
// reviewers with, and the levels a reviewer should give it. Reviewers never
// see Levels, nor the attempt's decision of record.
type CalibrationExample struct {
	Attempt    AttemptKey        `json:"attempt"`
	Handle     string            `json:"handle"`
	Credential string            `json:"credential"`
	Levels     map[string]string `json:"levels"` // true level per criterion
	AddedBy    string            `json:"added_by"`
	AddedAt    time.Time         `json:"added_at"`
}

// CalibrationResponse is one reviewer's blind scoring of one example. It is
// never a decision of record and counts in no report figure.
type CalibrationResponse struct {
	Reviewer string            `json:"reviewer"`
	Attempt  AttemptKey        `json:"attempt"`
	Levels   map[string]string `json:"levels"`
	Feedback map[string]string `json:"feedback,omitempty"`
	At       time.Time         `json:"at"`
}

// CalibrationPolicy is when a reviewer counts as calibrated, and whether
// the program requires it before live review.
type CalibrationPolicy struct {
	// Threshold is the exact agreement on criterion levels, in [0,1], at
	// or above which a reviewer is calibrated.
	Threshold float64 `json:"threshold"`
	// MinExamples is how many examples a reviewer must have scored.
	MinExamples int `json:"min_examples"`
	// Required keeps uncalibrated reviewers (not leads or admins) from live
	// attempts.
	Required bool `json:"required"`
}

// DefaultCalibrationPolicy returns the policy that applies until a lead
// configures one.
func DefaultCalibrationPolicy() CalibrationPolicy {
	return CalibrationPolicy{Threshold: 0.8, MinExamples: 5}
}

// ErrBadPolicy means a calibration or second-review setting is out of range.
var ErrBadPolicy = errors.New("setting out of range")

// Check validates the policy.
func (p CalibrationPolicy) Check() error {
	if !(p.Threshold >= 0 && p.Threshold <= 1) || p.MinExamples < 1 { // NaN too
		return errors.New("calibration threshold must be in [0,1] and min examples at least 1: " + ErrBadPolicy.Error())
	}
	return nil
}

// CriterionAgreement is how often one criterion's level matched.
type CriterionAgreement struct {
	Credential string   `json:"credential"`
	Criterion  string   `json:"criterion"`
	Judgements int      `json:"judgements"`
	Agreed     int      `json:"agreed"`
	Agreement  *float64 `json:"agreement"`
}

// CalibrationScore is one reviewer's calibration standing
// (`assessor calibration report`).
type CalibrationScore struct {
	Reviewer   string               `json:"reviewer"`
	Examples   int                  `json:"examples"`   // examples scored
	Judgements int                  `json:"judgements"` // criterion levels compared
	Agreement  *float64             `json:"agreement"`  // exact agreement on criterion levels
	Kappa      *float64             `json:"kappa"`      // Cohen's kappa over all judgements; null when undefined
	Criteria   []CriterionAgreement `json:"criteria"`
	Calibrated bool                 `json:"calibrated"`
	// KappaExact is Kappa unrounded, so that tables round it once
	// (KappaShown); the JSON has Kappa.
	KappaExact *float64 `json:"-"`
	// Needed is how many examples make the reviewer calibrated: the
	// policy's MinExamples, or, when examples withheld from them (those
	// they decided, those of candidates they declared a conflict with)
	// leave fewer to score, all those.
	Needed   int `json:"needed"`
	withheld int
}

// ScoreCalibration compares a reviewer's responses with the examples' true
// levels. examples are those the reviewer may score, withheld how many the
// store left out (decided by them, or conflicted): responses to others
// (removed by a lead, or their own decision) do not count; the true levels
// are those examples hold now. When the withheld leave fewer than the
// policy's MinExamples, those are all it can ask of them.
func ScoreCalibration(reviewer string, examples map[AttemptKey]CalibrationExample, withheld int, responses []CalibrationResponse, p CalibrationPolicy) CalibrationScore {
	s := CalibrationScore{Reviewer: reviewer, Criteria: []CriterionAgreement{}, Needed: p.MinExamples, withheld: withheld}
	if withheld > 0 {
		s.Needed = min(s.Needed, len(examples))
	}
	m := Confusion{}
	type ck struct{ cred, crit string }
	per := map[ck]*CriterionAgreement{}
	for _, r := range responses {
		ex, ok := examples[r.Attempt]
		if !ok || r.Reviewer != reviewer {
			continue
		}
		s.Examples++
		for _, id := range sortedKeys(ex.Levels) {
			truth := ex.Levels[id]
			own := r.Levels[id]
			m.Add(own, truth, 1)
			k := ck{ex.Credential, id}
			if per[k] == nil {
				per[k] = &CriterionAgreement{Credential: ex.Credential, Criterion: id}
			}
			per[k].Judgements++
			if own == truth {
				per[k].Agreed++
			}
		}
	}
	s.Judgements = int(m.Total())
	if po, ok := m.Agreement(); ok {
		s.Agreement = round(po, 4)
		s.Calibrated = s.Needed > 0 && s.Examples >= s.Needed && po >= p.Threshold
	}
	if k, ok := m.Kappa(); ok {
		s.Kappa, s.KappaExact = round(k, 4), &k
	}
	for _, c := range per {
		c.Agreement = Rate(int64(c.Agreed), int64(c.Judgements))
		s.Criteria = append(s.Criteria, *c)
	}
	sort.Slice(s.Criteria, func(i, j int) bool {
		a, b := s.Criteria[i], s.Criteria[j]
		if a.Credential != b.Credential {
			return a.Credential < b.Credential
		}
		return a.Criterion < b.Criterion
	})
	return s
}

// AgreementShare is the agreement formatted from its counts, the levels
// matched of Judgements, every criterion's, so that it is rounded once;
// from Agreement when the criteria do not hold them all.
func (s CalibrationScore) AgreementShare() string {
	var agreed, judged int
	for _, c := range s.Criteria {
		agreed, judged = agreed+c.Agreed, judged+c.Judgements
	}
	if s.Agreement == nil || judged == 0 || judged != s.Judgements {
		return FormatRate(s.Agreement)
	}
	return FormatShare(int64(agreed), int64(judged))
}

// KappaShown is the kappa with two decimals rounded once (KappaExact).
func (s CalibrationScore) KappaShown() string { return kappaShown(s.KappaExact, s.Kappa) }

// AgreementShare is the criterion's agreement formatted from its counts.
func (c CriterionAgreement) AgreementShare() string {
	return FormatShare(int64(c.Agreed), int64(c.Judgements))
}

// ErrCalibrateFirst means the program requires calibration and the reviewer
// is not calibrated yet, so no live attempt is offered to them.
var ErrCalibrateFirst = errors.New("calibrate first: assessor calibrate (on a server: ssh -t -p PORT HOST calibrate)")
