package store

import (
	"fmt"

	"assessor/review"
)

// rebuildTurnarounds builds the turnaround index (median.go) again from
// the decisions of record, each counted to the nanosecond as tallyDecision
// counts a new one: schemas before 19 kept whole seconds, truncated, so an
// even count's median, the mean of two, could round to the other side of
// 0.01 day (docs/formats.md §3). It is step 19, one transaction; past an
// import that died it waits, as migrateTo12 does, for the rollback, after
// which Open builds it (completeLayout): built now, the index would count
// what the rollback then takes out of it again. It reads every decision,
// its attempt and its report facts: a few seconds on a store of a million
// decisions, once.
func (t *txn) rebuildTurnarounds() error {
	meta := t.bucket(bucketMeta)
	if err := meta.Delete([]byte(keyTurnaroundExact)); err != nil {
		return err
	}
	if _, dead := importRunning(t.tx); dead {
		return nil
	}
	if err := t.flush(); err != nil { // nothing cached may be written over the new index
		return err
	}
	for _, name := range []string{bucketTurnaroundHist, bucketTurnaroundFine} {
		if t.bucket(name) != nil {
			if err := t.deleteBucket(name); err != nil {
				return err
			}
		}
		if _, err := t.createBucket(name); err != nil {
			return err
		}
	}
	// The rebuilt index has the minute level (addTurnaround adds to it).
	if err := meta.Put([]byte(keyTurnaroundMinutes), []byte("1")); err != nil {
		return err
	}
	var keys []review.AttemptKey
	err := t.bucket(bucketDecisions).ForEach(func(k, _ []byte) error {
		key, ok := decodeAttemptKey(k)
		if !ok {
			return fmt.Errorf("%w (bad decision key %q)", ErrCorrupt, k)
		}
		keys = append(keys, key)
		return nil
	})
	if err != nil {
		return err
	}
	// One flush, at the end: it writes the cached keys in order, each
	// after the last, into buckets bbolt splits only at the commit. A
	// second flush would insert among the first's keys, each insert moving
	// every key after it in one node: 100 s on a store of 127,000
	// decisions, where the one flush takes a few.
	for _, key := range keys {
		if err := t.countTurnaround(key); err != nil {
			return err
		}
	}
	if err := t.flush(); err != nil {
		return err
	}
	return meta.Put([]byte(keyTurnaroundExact), []byte("1"))
}

// countTurnaround adds the turnaround of the decision of record on key to
// the index, for the subjects tallyDecision counts it under: the groups of
// its application and its reviewer.
func (t *txn) countTurnaround(key review.AttemptKey) error {
	a, ok, err := t.attempt(key)
	if err == nil && !ok {
		err = fmt.Errorf("%w (a decision on %s attempt %d, which is not stored)", ErrCorrupt, key.Application, key.Attempt)
	}
	if err != nil {
		return err
	}
	d, _, err := t.decision(key)
	if err != nil {
		return err
	}
	f, err := t.facts(key.Application)
	if err != nil {
		return err
	}
	ns := review.Turnaround(a.SubmittedAt, d.DecidedAt)
	for _, g := range f.groups(a.Credential) {
		if err := t.addTurnaround(groupSubject(g), ns); err != nil {
			return err
		}
	}
	return t.addTurnaround(reviewerSubject(d.Reviewer), ns)
}
