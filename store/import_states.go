package store

import "assessor/review"

// normalizeStates returns recs with every candidate's state as its postal
// code (review.NormalizeState: "Hawaii" and "hi" become "HI"), so the vault
// holds one spelling and conflicts of interest match it. Records are
// copied where they change, never modified: the caller's are its own. An
// unknown state fails its line ("FILE:LINE: candidate.state: …").
func normalizeStates(file string, recs []review.Record) ([]review.Record, error) {
	out := recs
	for i, rec := range recs {
		sub := rec.Submission
		if sub == nil || sub.Candidate == nil {
			continue
		}
		code, err := review.NormalizeState(sub.Candidate.State)
		if err != nil {
			return nil, lineError(file, rec.Line, fieldErr("candidate.state", err))
		}
		if code == sub.Candidate.State {
			continue
		}
		if &out[0] == &recs[0] {
			out = append([]review.Record(nil), recs...)
		}
		s, c := *sub, *sub.Candidate
		c.State = code
		s.Candidate = &c
		out[i].Submission = &s
	}
	return out, nil
}
