package store

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	"assessor/review"
)

// Running tallies (docs/workflow.md, "Scale"): every import of a
// submission or decision and every Decide updates, in its own transaction,
// the tallies of the application's report groups (overall, credential,
// stack, month of attempt 1), of the deciding reviewer and of each scored
// criterion, and adds the turnaround to the median index (median.go). A
// report then reads tallies, never attempts. An idempotent re-import stores
// nothing, so it counts nothing.
//
// An application's groups are fixed when its attempt 1 is imported (see
// appFacts), so a later rubric version that renames the stack does not move
// old applications. A criterion counts as not-yet when its level is not the
// passing level of the rubric version the attempt was scored against.

// appFacts is what fixes an application's report groups when its attempt 1
// is imported: attempt 1's submitted_at (its month) and the stack of the
// rubric version it was imported against. Vault records that the
// application has an identity vault entry, which Check verifies.
type appFacts struct {
	First time.Time
	Stack string
	Vault bool
}

// groups lists the report groups of an application of credential.
func (f appFacts) groups(credential string) []review.Group {
	return review.ApplicationGroups(credential, f.Stack, f.First)
}

// appFactsValue encodes f as 8-byte BE first submitted_at in Unix
// nanoseconds, one flag byte (bit 0: vault entry) and the stack name.
func appFactsValue(f appFacts) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 9+len(f.Stack)), uint64(f.First.UnixNano()))
	var flags byte
	if f.Vault {
		flags |= 1
	}
	return append(append(b, flags), f.Stack...)
}

// decodeAppFacts reverses appFactsValue.
func decodeAppFacts(b []byte) (appFacts, bool) {
	if len(b) < 9 {
		return appFacts{}, false
	}
	return appFacts{
		First: time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(),
		Vault: b[8]&1 != 0,
		Stack: string(b[9:]),
	}, true
}

// facts reads an application's appFacts; a missing or bad value is ErrCorrupt,
// since every stored application has them.
func (t *txn) facts(application string) (appFacts, error) {
	f, ok := decodeAppFacts(t.getRaw(bucketAppFacts, []byte(application)))
	if !ok {
		return f, fmt.Errorf("%w (no report groups for application %s)", ErrCorrupt, application)
	}
	return f, nil
}

// tallyValue encodes counters as signed varints in field order. Values are
// a few bytes, and a report decodes one per row.
func tallyValue(fields ...int64) []byte {
	b := make([]byte, 0, len(fields)*3)
	for _, f := range fields {
		b = binary.AppendVarint(b, f)
	}
	return b
}

// decodeTally reverses tallyValue into fields. A value may hold fewer
// counters than fields: those missing at the end read as zero, so a release
// that adds a counter reads every tally stored before it (its migration
// fills the new counter in) instead of calling the store damaged. More
// counters than fields, or a broken varint, is damage: a store from a
// newer release is refused before any tally is read.
func decodeTally(b []byte, fields ...*int64) bool {
	for _, f := range fields {
		if len(b) == 0 {
			*f = 0
			continue
		}
		v, n := binary.Varint(b)
		if n <= 0 {
			return false
		}
		*f, b = v, b[n:]
	}
	return len(b) == 0
}

func encodeGroupTally(t review.Tally) []byte {
	return tallyValue(t.Applications, t.FirstDecided, t.FirstPasses, t.Passed, t.SumAttemptsToPass, t.DecidedAttempts, t.Pending)
}

func decodeGroupTally(b []byte) (t review.Tally, ok bool) {
	ok = decodeTally(b, &t.Applications, &t.FirstDecided, &t.FirstPasses, &t.Passed, &t.SumAttemptsToPass, &t.DecidedAttempts, &t.Pending)
	return t, ok
}

func encodeReviewerTally(t review.ReviewerTally) []byte { return tallyValue(t.Decisions, t.Passes) }

func decodeReviewerTally(b []byte) (t review.ReviewerTally, ok bool) {
	return t, decodeTally(b, &t.Decisions, &t.Passes)
}

func encodeCriterionTally(t review.CriterionTally) []byte { return tallyValue(t.Scored, t.NotYet) }

func decodeCriterionTally(b []byte) (t review.CriterionTally, ok bool) {
	return t, decodeTally(b, &t.Scored, &t.NotYet)
}

// tallyCache holds the tallies and histograms one write transaction touches,
// decoded on first use and written back once by flush when the
// transaction's function succeeds. A 100,000-line import thus rewrites the
// overall tally once, not 100,000 times; a single Decide costs the same as
// writing through. Values are keyed by subject.
type tallyCache struct {
	groups    map[string]*review.Tally
	reviewers map[string]*review.ReviewerTally
	criteria  map[string]*review.CriterionTally
	hists     map[string]*histogram
	minutes   map[string]*minutes // by finePrefix
	fine      map[string]uint64   // fineKey → decisions added in this transaction
	mb        *bucket             // minuteBucket, once mbKnown
	mbKnown   bool
	minutesOn bool // the minute level exists, once mbKnown
	// delta: the cache counts from zero, not from the stored values (an
	// import's snapshot, import_snapshot.go); flush adds it to them.
	delta bool
}

// tallies returns the transaction's cache, creating it on first use.
func (t *txn) tallies() *tallyCache {
	if t.cache == nil {
		t.cache = &tallyCache{
			groups:    map[string]*review.Tally{},
			reviewers: map[string]*review.ReviewerTally{},
			criteria:  map[string]*review.CriterionTally{},
			hists:     map[string]*histogram{},
			minutes:   map[string]*minutes{},
			fine:      map[string]uint64{},
			delta:     t.snap != nil,
		}
	}
	return t.cache
}

// cached returns m[subject], loading it with decode from bucketTallies.
func cached[T any](t *txn, m map[string]*T, subject []byte, decode func([]byte) (T, bool)) (*T, error) {
	if v, ok := m[string(subject)]; ok {
		return v, nil
	}
	v := new(T)
	if t.cache.delta {
		m[string(subject)] = v
		return v, nil
	}
	if raw := t.bucket(bucketTallies).Get(subject); raw != nil {
		var ok bool
		if *v, ok = decode(raw); !ok {
			return nil, fmt.Errorf("%w (bad tally %q)", ErrCorrupt, subject)
		}
	}
	m[string(subject)] = v
	return v, nil
}

// flush writes every cached tally, histogram and fine-key count back, each
// bucket's in key order, so that the puts walk each tree once from left to
// right instead of landing on random leaves. update calls it after the
// transaction's function succeeds.
func (t *txn) flush() error {
	c := t.cache
	if c == nil {
		return nil
	}
	tallies := make([]keyValue, 0, len(c.groups)+len(c.reviewers)+len(c.criteria))
	for s, v := range c.groups {
		tallies = append(tallies, keyValue{k: s, v: encodeGroupTally(*v)})
	}
	for s, v := range c.reviewers {
		tallies = append(tallies, keyValue{k: s, v: encodeReviewerTally(*v)})
	}
	for s, v := range c.criteria {
		tallies = append(tallies, keyValue{k: s, v: encodeCriterionTally(*v)})
	}
	tb := t.bucket(bucketTallies)
	if c.delta {
		if err := addStored(tb, tallies, addTallyValues); err != nil {
			return err
		}
	}
	if err := putSorted(tb, tallies); err != nil {
		return err
	}
	hists := make([]keyValue, 0, len(c.hists))
	for s, h := range c.hists {
		hists = append(hists, keyValue{k: s, v: h.encode()})
	}
	hb := t.bucket(bucketTurnaroundHist)
	if c.delta {
		if err := addStored(hb, hists, addHistograms); err != nil {
			return err
		}
	}
	if err := putSorted(hb, hists); err != nil {
		return err
	}
	// Minute histograms and fine keys share bucketTurnaroundFine: one
	// sorted pass over both. A fine key's count is its stored count plus
	// this transaction's; an emptied minute histogram is deleted.
	fine := t.bucket(bucketTurnaroundFine)
	mb := t.minuteBucket()
	es := make([]keyValue, 0, len(c.fine)+len(c.minutes))
	for k, n := range c.fine {
		es = append(es, keyValue{k: k, n: n})
	}
	if mb != nil {
		for k, h := range c.minutes {
			es = append(es, keyValue{k: k, v: h.encode(), minute: true})
		}
	}
	slices.SortFunc(es, func(a, b keyValue) int { return strings.Compare(a.k, b.k) })
	for _, e := range es {
		k := []byte(e.k)
		var err error
		if e.minute {
			if c.delta {
				if e.v, err = addMinuteValues(fine.Get(k), e.v); err != nil {
					return fmt.Errorf("%w (turnaround minutes %q)", err, k)
				}
			}
			err = putOrDelete(fine, k, len(e.v) == 0, e.v)
		} else {
			err = fine.Put(k, counterValue(decodeCounter(fine.Get(k))+e.n))
		}
		if err != nil {
			return err
		}
	}
	t.cache = nil
	return nil
}

// keyValue is one write of flush: v at k, or for a fine key, n added to the
// stored count; minute marks a minute histogram (deleted when v is empty).
type keyValue struct {
	k      string
	v      []byte
	n      uint64
	minute bool
}

// putSorted puts es into b in key order.
func putSorted(b *bucket, es []keyValue) error {
	slices.SortFunc(es, func(a, b keyValue) int { return strings.Compare(a.k, b.k) })
	for _, e := range es {
		if err := b.Put([]byte(e.k), e.v); err != nil {
			return err
		}
	}
	return nil
}

// tallySubmission counts a newly stored attempt a. For attempt 1 it fixes the
// application's groups (stack is that of the rubric version a was imported
// against) and indexes it by submitted_at; vault tells whether the
// application now has a vault entry.
func (t *txn) tallySubmission(a review.Attempt, stack string, vault bool) error {
	var f appFacts
	rewrite := a.Number == 1
	if a.Number == 1 {
		f = appFacts{First: a.SubmittedAt, Stack: stack, Vault: vault}
		if err := t.putRaw(bucketFirstSubmitted, firstSubmittedKey(f.First, a.Application), nil); err != nil {
			return err
		}
	} else {
		var err error
		if f, err = t.facts(a.Application); err != nil {
			return err
		}
		// A candidate may first appear on a later attempt (docs/formats.md §2).
		rewrite = vault && !f.Vault
		f.Vault = f.Vault || vault
	}
	if rewrite {
		if err := t.putRaw(bucketAppFacts, []byte(a.Application), appFactsValue(f)); err != nil {
			return err
		}
	}
	c := t.tallies()
	for _, g := range f.groups(a.Credential) {
		tl, err := cached(t, c.groups, groupSubject(g), decodeGroupTally)
		if err != nil {
			return err
		}
		if a.Number == 1 {
			tl.Opened()
		}
		tl.Submitted()
	}
	return nil
}

// tallyDecision counts decision d of record on attempt a, scored against a
// rubric version whose passing level is passing.
func (t *txn) tallyDecision(a review.Attempt, d review.Decision, passing string) error {
	f, err := t.facts(a.Application)
	if err != nil {
		return err
	}
	c := t.tallies()
	ns := review.Turnaround(a.SubmittedAt, d.DecidedAt)
	for _, g := range f.groups(a.Credential) {
		subject := groupSubject(g)
		tl, err := cached(t, c.groups, subject, decodeGroupTally)
		if err != nil {
			return err
		}
		tl.Decided(a.Number, d.Outcome, 1)
		if err := t.addTurnaround(subject, ns); err != nil {
			return err
		}
	}
	subject := reviewerSubject(d.Reviewer)
	rt, err := cached(t, c.reviewers, subject, decodeReviewerTally)
	if err != nil {
		return err
	}
	rt.Decided(d.Outcome, 1)
	if err := t.addTurnaround(subject, ns); err != nil {
		return err
	}
	for id, level := range d.Levels {
		ct, err := cached(t, c.criteria, criterionSubject(review.CriterionKey{Credential: a.Credential, Criterion: id}), decodeCriterionTally)
		if err != nil {
			return err
		}
		ct.Decided(level != passing, 1)
	}
	return nil
}

// addStored turns each delta value of es into the stored value at its key
// plus the delta, with add (a delta cache's flush: import_snapshot.go).
func addStored(b *bucket, es []keyValue, add func(stored, delta []byte) ([]byte, error)) error {
	for i := range es {
		v, err := add(b.Get([]byte(es[i].k)), es[i].v)
		if err != nil {
			return fmt.Errorf("%w (%q)", err, es[i].k)
		}
		es[i].v = v
	}
	return nil
}

// addTallyValues adds two tally values field by field; the shorter reads
// as zeros at its end (decodeTally), so the sum is what counting the
// delta onto the stored tally would have written.
func addTallyValues(stored, delta []byte) ([]byte, error) {
	x, okx := tallyFields(stored)
	y, oky := tallyFields(delta)
	if !okx || !oky {
		return nil, ErrCorrupt
	}
	if len(x) < len(y) {
		x, y = y, x
	}
	for i, f := range y {
		x[i] += f
	}
	return tallyValue(x...), nil
}

func tallyFields(b []byte) ([]int64, bool) {
	var out []int64
	for len(b) > 0 {
		v, n := binary.Varint(b)
		if n <= 0 {
			return nil, false
		}
		out, b = append(out, v), b[n:]
	}
	return out, true
}

// addHistograms adds two encoded turnaround histograms bin by bin.
func addHistograms(stored, delta []byte) ([]byte, error) {
	h, ok := decodeHistogram(stored)
	d, okd := decodeHistogram(delta)
	if !ok || !okd {
		return nil, ErrCorrupt
	}
	for _, bin := range d {
		h.add(bin.bucket, bin.count)
	}
	return h.encode(), nil
}

// addMinuteValues adds two encoded minute histograms minute by minute.
func addMinuteValues(stored, delta []byte) ([]byte, error) {
	h, ok := decodeMinutes(stored)
	d, okd := decodeMinutes(delta)
	if !ok || !okd {
		return nil, ErrCorrupt
	}
	for _, bin := range d {
		h.add(bin.minute, bin.count)
	}
	return h.encode(), nil
}
