package review

import "slices"

// Canonical returns the record as its JSONL line carries it: times in UTC,
// and empty slices and maps as nil (JSON cannot tell the two apart). Two
// records with equal Canonical forms encode to the same line, which is what
// round-trip checks compare.
func (r Record) Canonical() Record {
	if s := r.Submission; s != nil {
		c := *s
		c.StartedAt, c.SubmittedAt = c.StartedAt.UTC(), c.SubmittedAt.UTC()
		c.Parts = slices.Clone(c.Parts)
		for i := range c.Parts {
			if len(c.Parts[i].Files) == 0 {
				c.Parts[i].Files = nil
			}
		}
		if c.Candidate != nil && len(c.Candidate.Extra) == 0 {
			cc := *c.Candidate
			cc.Extra = nil
			c.Candidate = &cc
		}
		r.Submission = &c
	}
	if d := r.Decision; d != nil {
		c := *d
		c.DecidedAt = c.DecidedAt.UTC()
		if len(c.Feedback) == 0 {
			c.Feedback = nil
		}
		r.Decision = &c
	}
	return r
}

// Application is the id of the application the record belongs to.
func (r Record) Application() string {
	if r.Submission != nil {
		return r.Submission.Application
	}
	if r.Decision != nil {
		return r.Decision.Application
	}
	return ""
}
