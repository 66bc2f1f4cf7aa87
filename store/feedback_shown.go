package store

import (
	"slices"
	"sync"

	"assessor/review"
)

// earlierFeedback is how the reviewer of a later attempt of application
// reads the feedback on earlier (review.EarlierFeedback): against the
// candidate's vault entry, the listed names, and the ids of every
// reviewer (reviewerIDs) and of whoever decided or amended those attempts.
// It reads only for an attempt whose earlier decisions have feedback.
func (t *txn) earlierFeedback(application string, earlier []review.Attempt) (*review.EarlierFeedback, error) {
	var who *review.Candidate
	c, ok, err := t.candidate(application)
	if err != nil {
		return nil, err
	}
	if ok {
		who = &c
	}
	names, err := t.listedNames()
	if err != nil {
		return nil, err
	}
	registered, err := t.reviewerIDs()
	if err != nil {
		return nil, err
	}
	var actors []string
	for _, e := range earlier {
		d, _, err := t.decision(e.Key())
		if err != nil {
			return nil, err
		}
		actors = append(actors, d.Reviewer)
		hs, err := t.history(e.Key())
		if err != nil {
			return nil, err
		}
		for _, h := range hs {
			actors = append(actors, h.By, h.Decision.Reviewer)
		}
	}
	return review.NewEarlierFeedback(who, t.s.listed.scanner(names), registered, actors), nil
}

// listedScanner keeps the leak scanner of the listed names, which claims
// of resubmissions use, so each does not compile the list again; it is
// rebuilt when the list changes.
type listedScanner struct {
	mu    sync.Mutex
	names []string
	sc    *review.LeakScanner
}

// scanner returns the scanner of names, built once per list.
func (l *listedScanner) scanner(names []string) *review.LeakScanner {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sc == nil || !slices.Equal(l.names, names) {
		l.names, l.sc = names, review.NewLeakScanner(names)
	}
	return l.sc
}
