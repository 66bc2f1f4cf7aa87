package store

import (
	"fmt"
	"strings"
	"time"

	"assessor/review"
)

// lease is a reviewer's claim on an attempt (rule 6), live until Expires.
type lease struct {
	Reviewer string
	Expires  time.Time
}

// gate decides, inside one transaction, which attempts one reviewer may see
// and take: none from a candidate in a district or state they declared a
// conflict with (rule 7), none under another reviewer's live lease (rule 6).
type gate struct {
	t        *txn
	reviewer string
	who      review.Reviewer // the reviewer's declared conflicts; none if unknown
	now      time.Time
}

// gate loads the reviewer's conflicts. An unknown reviewer has none.
func (t *txn) gate(reviewer string) (*gate, error) {
	g := &gate{t: t, reviewer: reviewer, now: t.s.clock()}
	if reviewer == "" {
		return g, nil
	}
	var err error
	g.who, _, err = t.reviewer(reviewer)
	return g, err
}

// conflicted reports whether the application's candidate is in a district or
// state the reviewer declared, ignoring case and surrounding space. It reads
// the vault but reveals nothing from it.
func (g *gate) conflicted(application string) (bool, error) {
	if len(g.who.ConflictDistricts) == 0 && len(g.who.ConflictStates) == 0 {
		return false, nil
	}
	c, ok, err := g.t.candidate(application)
	if err != nil || !ok {
		return false, err
	}
	return matchesAny(c.District, g.who.ConflictDistricts) || matchesAny(c.State, g.who.ConflictStates), nil
}

func matchesAny(v string, list []string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return false
	}
	for _, x := range list {
		if strings.EqualFold(v, strings.TrimSpace(x)) {
			return true
		}
	}
	return false
}

// lease returns the attempt's lease, live or not.
func (t *txn) lease(k review.AttemptKey) (lease, bool, error) {
	b := t.bucket(bucketLeases)
	if b == nil {
		return lease{}, false, nil
	}
	v := b.Get(attemptKey(k))
	if v == nil {
		return lease{}, false, nil
	}
	who, exp, ok := decodeLease(v)
	if !ok {
		return lease{}, false, fmt.Errorf("%w (bad lease for %s)", ErrCorrupt, k)
	}
	return lease{Reviewer: who, Expires: exp}, true, nil
}

// heldByOther reports whether another reviewer holds a live lease.
func (g *gate) heldByOther(k review.AttemptKey) (bool, error) {
	l, ok, err := g.t.lease(k)
	return ok && l.Reviewer != g.reviewer && l.Expires.After(g.now), err
}

// pending returns the attempt, without its evidence (attemptHead), if it
// awaits a decision and the reviewer may take it. An unknown, decided or
// conflicted attempt is ErrNotPending alike, so the error tells nothing
// about the candidate; a live lease of another reviewer is ErrClaimed.
func (g *gate) pending(k review.AttemptKey) (review.Attempt, error) {
	if !review.ValidID(k.Application) || k.Attempt < 1 {
		return review.Attempt{}, review.ErrNotPending
	}
	a, ok, err := g.t.attemptHead(k)
	if err != nil {
		return a, err
	} else if !ok {
		return a, review.ErrNotPending
	}
	if _, decided, err := g.t.decision(k); err != nil {
		return a, err
	} else if decided {
		return a, fmt.Errorf("%s: %w", a.Handle(), review.ErrNotPending)
	}
	if bad, err := g.conflicted(k.Application); err != nil {
		return a, err
	} else if bad {
		return a, fmt.Errorf("%s: %w", a.Handle(), review.ErrNotPending)
	}
	if held, err := g.heldByOther(k); err != nil {
		return a, err
	} else if held {
		return a, fmt.Errorf("%s: %w", a.Handle(), review.ErrClaimed)
	}
	return a, nil
}

// take writes or renews the reviewer's lease and returns its expiry.
func (g *gate) take(k review.AttemptKey) (time.Time, error) {
	expires := g.now.Add(review.LeaseDuration)
	return expires, g.t.bucket(bucketLeases).Put(attemptKey(k), leaseValue(g.reviewer, expires))
}
