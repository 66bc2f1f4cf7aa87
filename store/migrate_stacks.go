package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	"assessor/review"
)

// migrateTo15 writes each stored rubric's stack name in the one form
// rubrics are now read in (review.StackName): earlier releases kept it as
// written, so a rubric saved decomposed, or with a no-break space, named
// a stack of its own that read the same as another on every screen, and a
// candidate who passed its credentials and not the other's completed it.
// What the report counts under a stack moves to the one name too: its
// running tally, its turnaround index and each application's report
// facts; and the stacks are counted again (rebuildStackIndex).
func migrateTo15(t *txn) error {
	if err := renameStackRubrics(t); err != nil {
		return err
	}
	if err := renameStackTallies(t); err != nil {
		return err
	}
	if err := renameStackFacts(t); err != nil {
		return err
	}
	return t.rebuildStackIndex()
}

// renameStackRubrics writes each stored rubric version's stack name in
// one form.
func renameStackRubrics(t *txn) error {
	b := t.bucket(bucketRubrics)
	if b == nil {
		return nil
	}
	return rewriteEach(b, func(k, v []byte) ([]byte, error) {
		var r review.Rubric
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, fmt.Errorf("%w (bad rubric %q: %v)", ErrCorrupt, k, err)
		}
		if name := review.StackName(r.Stack); name != r.Stack {
			r.Stack = name
			return json.Marshal(r)
		}
		return nil, nil
	})
}

// renameStackTallies adds each stack tally under a name not in one form,
// and its turnaround index, to the stack's under the one name, and
// removes it.
func renameStackTallies(t *txn) error {
	tb := t.bucket(bucketTallies)
	var old [][]byte
	c := tb.Cursor()
	for k, _ := c.Seek([]byte{subjectStack}); k != nil && k[0] == subjectStack; k, _ = c.Next() {
		if name := string(k[1:]); review.StackName(name) != name {
			old = append(old, bytes.Clone(k))
		}
	}
	for _, from := range old {
		to := groupSubject(review.Group{Kind: review.GroupStack, Key: review.StackName(string(from[1:]))})
		a, err := readTally(tb.Get(from), from, decodeGroupTally)
		if err != nil {
			return err
		}
		b, err := readTally(tb.Get(to), to, decodeGroupTally)
		if err != nil {
			return err
		}
		sum := review.Tally{
			Applications: a.Applications + b.Applications, FirstDecided: a.FirstDecided + b.FirstDecided,
			FirstPasses: a.FirstPasses + b.FirstPasses, Passed: a.Passed + b.Passed,
			SumAttemptsToPass: a.SumAttemptsToPass + b.SumAttemptsToPass,
			DecidedAttempts:   a.DecidedAttempts + b.DecidedAttempts, Pending: a.Pending + b.Pending,
		}
		if err := tb.Put(to, encodeGroupTally(sum)); err != nil {
			return err
		}
		if err := tb.Delete(from); err != nil {
			return err
		}
		if err := moveTurnarounds(t, from, to); err != nil {
			return err
		}
	}
	return nil
}

// moveTurnarounds moves every turnaround the index holds for subject from
// to subject to. The keys of from are taken back as they are stored: in a
// store upgraded from before schema 19 they lack the nanoseconds
// (decodeFineKey), and step 19 builds the index again anyway.
func moveTurnarounds(t *txn, from, to []byte) error {
	prefix := subjectPrefix(from)
	type turn struct {
		k     []byte
		ns, n int64
	}
	var turns []turn
	c := t.bucket(bucketTurnaroundFine).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		if isMinuteKey(k) {
			continue
		}
		_, _, ns, ok := decodeFineKey(k)
		if !ok {
			continue
		}
		turns = append(turns, turn{bytes.Clone(k), ns, int64(decodeCounter(v))})
	}
	for _, tu := range turns {
		if err := t.moveTurnaround(to, tu.ns, int(tu.n)); err != nil {
			return err
		}
		if err := t.moveTurnaroundAt(tu.k, from, tu.ns, -int(tu.n)); err != nil {
			return err
		}
	}
	return nil
}

// renameStackFacts writes the stack of each application's report facts
// in one form.
func renameStackFacts(t *txn) error {
	return rewriteEach(t.bucket(bucketAppFacts), func(k, v []byte) ([]byte, error) {
		f, ok := decodeAppFacts(v)
		if !ok {
			return nil, fmt.Errorf("%w (bad report facts of %q)", ErrCorrupt, k)
		}
		if name := review.StackName(f.Stack); name != f.Stack {
			f.Stack = name
			return appFactsValue(f), nil
		}
		return nil, nil
	})
}

// rewriteEach puts, for each key of b, the value change returns for it
// (nil: left as it is), after the walk: a bucket is not written while a
// ForEach walks it.
func rewriteEach(b *bucket, change func(k, v []byte) ([]byte, error)) error {
	changed := map[string][]byte{}
	err := b.ForEach(func(k, v []byte) error {
		nv, err := change(k, v)
		if nv != nil {
			changed[string(k)] = nv
		}
		return err
	})
	if err != nil {
		return err
	}
	for k, v := range changed {
		if err := b.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}
