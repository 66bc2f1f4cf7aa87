package store

import (
	"fmt"

	"assessor/review"
)

// Second blind review. A sampled attempt (review.NeedsSecondReview, decided
// at import) needs two independent reviews before it has a decision of
// record. The first Decide stores a first review here, not a decision: the
// attempt stays in the queue for everyone but its first reviewer. The
// second Decide, by another reviewer who never sees the first review,
// resolves it: same outcome, and the first review becomes the decision of
// record; different outcomes, and the attempt leaves the queue for a lead
// to adjudicate (Adjudicate). Either way both reviews go into the history
// and into bucketDoubleReviews, the decision of record is counted once, and
// each reviewer's agreement tallies count the comparison.

// secondReviewPolicy is the stored second-review setting.
type secondReviewPolicy struct {
	Rate float64 `json:"rate"`
}

// SecondReviewRate returns the fraction of newly imported attempts that get
// a second blind review (0 until set).
func (s *Store) SecondReviewRate() (float64, error) {
	var p secondReviewPolicy
	err := s.view(func(t *txn) error { _, err := t.config(keySecondReviewRate, &p); return err })
	return p.Rate, err
}

// SetSecondReviewRate sets the sampled fraction, in [0,1]. It applies to
// submissions imported afterwards; stored attempts keep their sampling.
func (s *Store) SetSecondReviewRate(rate float64) error {
	if err := review.CheckSecondReviewRate(rate); err != nil {
		return fmt.Errorf("config second-review: %w", err)
	}
	return s.update(func(t *txn) error { return t.putConfig(keySecondReviewRate, secondReviewPolicy{rate}) })
}

// sampleSecondReview marks a newly imported attempt for two reviews when
// the sample takes it. Import calls it for each new attempt.
func (t *txn) sampleSecondReview(a review.Attempt) error {
	var p secondReviewPolicy
	if _, err := t.config(keySecondReviewRate, &p); err != nil {
		return err
	}
	if !review.NeedsSecondReview(a.Key(), p.Rate) {
		return nil
	}
	if t.snap != nil { // an import's snapshot: applied with its bucket
		return t.put(bucketSecondReview, attemptKey(a.Key()), review.SecondReview{})
	}
	b, err := t.createBucket(bucketSecondReview)
	if err != nil {
		return err
	}
	return putJSON(b, attemptKey(a.Key()), review.SecondReview{})
}

// secondReview reads the state of a sampled attempt; ok is false when the
// attempt is not awaiting a second review.
func (t *txn) secondReview(k review.AttemptKey) (sr review.SecondReview, ok bool, err error) {
	b := t.bucket(bucketSecondReview)
	if b == nil {
		return sr, false, nil
	}
	ok, err = getJSON(b, attemptKey(k), &sr)
	return sr, ok, err
}

// NeedsSecondReview reports whether the attempt is sampled and still waits
// for its second review or adjudication.
func (s *Store) NeedsSecondReview(key review.AttemptKey) (bool, error) {
	var ok bool
	err := s.view(func(t *txn) (err error) { _, ok, err = t.secondReview(key); return err })
	return ok, err
}

// putSecondReview stores the reviews so far of sampled attempt a; when
// they are in dispute, the attempt moves from the queue to the disputes,
// where no reviewer may take it: it waits for a lead.
func (t *txn) putSecondReview(a review.Attempt, sr review.SecondReview, disputed bool) error {
	k := a.Key()
	if err := putJSON(t.bucket(bucketSecondReview), attemptKey(k), sr); err != nil {
		return err
	}
	if !disputed {
		return nil
	}
	disputes, err := t.createBucket(bucketDisputes)
	if err != nil {
		return err
	}
	if err := disputes.Put(queueKey(a.SubmittedAt, k), nil); err != nil {
		return err
	}
	return t.dequeue(a)
}

// putDoubleReview stores the resolved pair of attempt a.
func (t *txn) putDoubleReview(a review.Attempt, pair review.DoubleReview) error {
	b, err := t.createBucket(bucketDoubleReviews)
	if err != nil {
		return err
	}
	return putJSON(b, attemptKey(a.Key()), pair)
}

// settleSampled forgets the second-review state of an attempt that got its
// decision of record (recordDecision calls it, so an imported decision on a
// sampled attempt settles it too: one with no review stored, as
// review.ImportDecision refuses the others, whose reviews this would drop).
func (t *txn) settleSampled(a review.Attempt) error {
	if t.snap != nil { // an import's snapshot: deleted at apply
		if err := t.delRaw(bucketSecondReview, attemptKey(a.Key())); err != nil {
			return err
		}
		return t.delRaw(bucketDisputes, queueKey(a.SubmittedAt, a.Key()))
	}
	if b := t.bucket(bucketSecondReview); b != nil {
		if err := b.Delete(attemptKey(a.Key())); err != nil {
			return err
		}
	}
	if b := t.bucket(bucketDisputes); b != nil {
		return b.Delete(queueKey(a.SubmittedAt, a.Key()))
	}
	return nil
}

// countAgreement counts (sign +1) or takes back (−1) the pair's comparisons
// in each reviewer's agreement tally and confusion matrix. It writes
// through: these subjects are never in the transaction's tally cache.
func (t *txn) countAgreement(pair review.DoubleReview, sign int) error {
	tb := t.bucket(bucketTallies)
	for _, c := range pair.Comparisons() {
		subject := agreementSubject(c.Reviewer)
		at, err := readTally(tb.Get(subject), subject, decodeAgreementTally)
		if err != nil {
			return err
		}
		at.Comparisons += int64(sign)
		if c.Agreed {
			at.Agreed += int64(sign)
		}
		if err := putOrDelete(tb, subject, at == review.AgreementTally{}, encodeAgreementTally(at)); err != nil {
			return err
		}
		for _, p := range c.Pairs {
			subject := levelPairSubject(review.PairKey{Reviewer: c.Reviewer, LevelPair: p})
			pt, err := readTally(tb.Get(subject), subject, decodePairTally)
			if err != nil {
				return err
			}
			pt.Count += int64(sign)
			if err := putOrDelete(tb, subject, pt.Count == 0, tallyValue(pt.Count)); err != nil {
				return err
			}
		}
	}
	return nil
}

func encodeAgreementTally(t review.AgreementTally) []byte { return tallyValue(t.Comparisons, t.Agreed) }

func decodeAgreementTally(b []byte) (t review.AgreementTally, ok bool) {
	return t, decodeTally(b, &t.Comparisons, &t.Agreed)
}

func decodePairTally(b []byte) (t review.PairTally, ok bool) { return t, decodeTally(b, &t.Count) }

// storedAgreement decodes an agreement or level-pair tally into ts; ok is
// false when k is neither or does not decode.
func storedAgreement(ts review.Tallies, k, v []byte) (handled, ok bool) {
	switch k[0] {
	case subjectAgreement:
		at, ok := decodeAgreementTally(v)
		ts.Agreements[string(k[1:])] = at
		return true, ok
	case subjectLevelPair:
		pk, ok := decodeLevelPairSubject(k)
		pt, ok2 := decodePairTally(v)
		ts.LevelPairs[pk] = pt
		return true, ok && ok2
	}
	return false, false
}

// doubleReview reads an attempt's resolved pair; nil when it has none.
func doubleReview(b *bucket, k []byte) (*review.DoubleReview, error) {
	if b == nil {
		return nil, nil
	}
	var d review.DoubleReview
	if ok, err := getJSON(b, k, &d); err != nil || !ok {
		return nil, err
	}
	return &d, nil
}

// Disputes lists, for a lead, the attempts whose two reviews disagree,
// oldest submitted first, each with its rubric version and both reviews.
// Reviews carry no reviewer id: the lead sees "review 1" and "review 2".
func (s *Store) Disputes(lead string) ([]review.Dispute, error) {
	var out []review.Dispute
	err := s.view(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		g, err := t.gate(lead)
		if err != nil {
			return err
		}
		b := t.bucket(bucketDisputes)
		if b == nil {
			return nil
		}
		return b.ForEach(func(qk, _ []byte) error {
			_, k, ok := decodeQueueKey(qk)
			if !ok {
				return fmt.Errorf("%w (bad dispute key %q)", ErrCorrupt, qk)
			}
			// Rule 7: a lead is not shown a candidate they declared a
			// conflict with; another lead settles it.
			if c, err := g.conflicted(k.Application); err != nil || c {
				return err
			}
			d, err := t.dispute(k, lead)
			if err != nil {
				return err
			}
			out = append(out, d)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("disputes: %w", err)
	}
	return out, nil
}

// dispute assembles one disputed attempt as lead sees it, reviews
// anonymized.
func (t *txn) dispute(k review.AttemptKey, lead string) (review.Dispute, error) {
	sr, ok, err := t.secondReview(k)
	if err != nil {
		return review.Dispute{}, err
	}
	if !ok || !sr.Disputed() {
		return review.Dispute{}, fmt.Errorf("%s: %w", k, review.ErrNotDisputed)
	}
	a, ok, err := t.attempt(k)
	if err != nil {
		return review.Dispute{}, err
	} else if !ok {
		return review.Dispute{}, fmt.Errorf("%w (disputed attempt %s is missing)", ErrCorrupt, k)
	}
	r, err := t.rubric(a.Credential, a.RubricVersion)
	if err != nil {
		return review.Dispute{}, err
	}
	return review.NewDispute(a, r, sr, lead), nil
}

// Adjudicate settles a disputed attempt as a lead: levels and feedback
// (the lead's choice from both reviews, or their own) become the decision
// of record, validated like any decision (rules 1 and 2), with the lead as
// its reviewer and now as its time, so turnaround runs from submission to
// adjudication. Both reviews go into the history before it, and each
// reviewer's agreement counts against it. A lead who gave one of the
// reviews cannot adjudicate it (ErrOwnReview); an attempt not in dispute
// is ErrNotDisputed; a clock before its submission is
// review.ErrBeforeSubmitted.
func (s *Store) Adjudicate(lead string, key review.AttemptKey, levels, feedback map[string]string) (review.Decision, error) {
	var d review.Decision
	err := s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		st := review.AdjudicateState{Lead: lead, Now: t.s.clock(), Key: key}
		var err error
		if st.Reviews, st.Sampled, err = t.secondReview(key); err != nil {
			return err
		}
		var ok bool
		if st.Attempt, ok, err = t.attempt(key); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("attempt %s: %w", key, ErrNotFound)
		}
		g, err := t.gate(lead)
		if err != nil {
			return err
		}
		if st.Conflicted, err = g.conflicted(key.Application); err != nil {
			return err
		}
		if err := st.MayAdjudicate(); err != nil {
			return err
		}
		if st.Rubric, err = t.rubric(st.Attempt.Credential, st.Attempt.RubricVersion); err != nil {
			return err
		}
		res, err := review.Adjudicate(st, levels, feedback)
		if err != nil {
			return err
		}
		d = res.Decision
		return t.resolve(st.Attempt, st.Rubric, res)
	})
	if err != nil {
		// No "adjudicate:" before it: the screen says "Not recorded: ".
		return review.Decision{}, err
	}
	return d, nil
}

// disputed reports whether an attempt awaits adjudication, for Check.
func (t *txn) disputed(a attemptLite) bool {
	b := t.bucket(bucketDisputes)
	return b != nil && b.Get(queueKey(a.SubmittedAt, a.key())) != nil
}
