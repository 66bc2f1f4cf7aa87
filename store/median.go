package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"

	"assessor/review"
)

// The turnaround index gives exact median turnarounds (docs/formats.md §3) at a
// cost that does not grow with the store. Each subject (report group or
// reviewer) has three levels:
//
//   - a coarse histogram, one value in bucketTurnaroundHist: how many
//     decisions fall in each 0.1-day bucket from 0 to 179.9 days, plus one
//     overflow bucket for 180 days and more (coarseBucket), stored sparsely;
//   - a minute histogram per subject and coarse bucket: how many decisions
//     fall in each whole minute of turnaround (minuteOf), stored sparsely;
//     a 0.1-day bucket spans 144 minutes;
//   - fine keys, subject|bucket|seconds|nanoseconds → count, one per
//     distinct turnaround (fineKey).
//
// The minute histogram and the fine keys of one subject and coarse bucket
// share bucketTurnaroundFine: the histogram's key is finePrefix(subject,
// bucket) itself, so it sorts just before that bucket's fine keys and a
// decision often dirties one leaf page for both.
//
// A median needs the values at rank n/2 (and n/2−1 when n is even) of the
// subject's n decisions. The coarse histogram tells which bucket holds a
// rank and how far into it; that bucket's minute histogram tells which
// minute; a cursor Seek to that minute's first fine key and a walk over
// that minute's keys finds the turnaround. So a median is exact to the
// nanosecond, as review.Median over every turnaround would give, and costs
// one coarse read (at most 1,801 entries), one minute read (at most 144
// entries; only the overflow bucket and negative turnarounds are
// unbounded) and a walk over the distinct turnarounds of one minute per
// middle rank (a handful even in a store of a million decisions spread
// over weeks). A decision adds one to one coarse entry, one minute entry
// and one fine key per subject.
//
// Stores written before the minute level lack it (and keyTurnaroundMinutes
// in bucketMeta): Open builds it from the fine keys once, in its write
// transaction (buildMinutes), and until then (read-only opens) a median
// walks the fine keys of the whole coarse bucket, as before.
//
// Turnarounds are review.Turnaround, in nanoseconds; the coarse buckets
// and minutes count whole seconds of them, rounded down (turnaroundSecs).
// Schemas before 19 kept whole seconds, truncated, in the fine keys too:
// step 19 builds the index again from the decisions (migrate_turnarounds.go).

// histBin is one non-empty coarse bucket.
type histBin struct {
	bucket uint16
	count  int64
}

// histogram is a subject's coarse histogram: non-empty buckets in ascending
// order.
type histogram []histBin

// add adds delta to bucket b, keeping the bins sorted and dropping empty ones.
func (h *histogram) add(b uint16, delta int64) {
	bins := *h
	i := sort.Search(len(bins), func(i int) bool { return bins[i].bucket >= b })
	switch {
	case i < len(bins) && bins[i].bucket == b:
		bins[i].count += delta
		if bins[i].count == 0 {
			bins = append(bins[:i], bins[i+1:]...)
		}
	case delta != 0:
		bins = append(bins, histBin{})
		copy(bins[i+1:], bins[i:])
		bins[i] = histBin{b, delta}
	}
	*h = bins
}

// total is the number of turnarounds counted.
func (h histogram) total() int64 {
	var n int64
	for _, b := range h {
		n += b.count
	}
	return n
}

// encode writes each bin as uvarint(bucket − previous bucket) and
// varint(count): a subject whose decisions span a month takes a few hundred
// bytes.
func (h histogram) encode() []byte {
	out := make([]byte, 0, len(h)*4)
	prev := uint16(0)
	for _, b := range h {
		out = binary.AppendUvarint(out, uint64(b.bucket-prev))
		out = binary.AppendVarint(out, b.count)
		prev = b.bucket
	}
	return out
}

// decodeHistogram reverses encode; nil or empty data is an empty histogram.
func decodeHistogram(data []byte) (histogram, bool) {
	h := make(histogram, 0, len(data)/2) // a bin takes 2 bytes or more
	prev := uint64(0)
	for len(data) > 0 {
		d, n := binary.Uvarint(data)
		if n <= 0 {
			return nil, false
		}
		data = data[n:]
		c, m := binary.Varint(data)
		if m <= 0 || prev+d > overflowBucket || (len(h) > 0 && d == 0) {
			return nil, false
		}
		data = data[m:]
		prev += d
		h = append(h, histBin{uint16(prev), c})
	}
	return h, true
}

// histogram reads a subject's histogram.
func (t *txn) histogram(subject []byte) (histogram, error) {
	h, ok := decodeHistogram(t.bucket(bucketTurnaroundHist).Get(subject))
	if !ok {
		return nil, fmt.Errorf("%w (bad turnaround histogram %q)", ErrCorrupt, subject)
	}
	return h, nil
}

// addTurnaround counts one decision of ns nanoseconds turnaround for subject,
// all three levels through the transaction's cache: flush writes them in key
// order at commit (a decision's keys would otherwise land all over the
// fine tree in random order). Nothing reads the index inside a transaction
// that adds to it before flush: countDecision (amend.go) flushes first, and
// medians are read in read-only transactions.
func (t *txn) addTurnaround(subject []byte, ns int64) error {
	c := t.tallies()
	h, ok := c.hists[string(subject)]
	if !ok && c.delta {
		h = &histogram{} // counted from zero, added at apply (tally.go)
		c.hists[string(subject)] = h
	} else if !ok {
		v, err := t.histogram(subject)
		if err != nil {
			return err
		}
		h = &v
		c.hists[string(subject)] = h
	}
	h.add(coarseBucket(turnaroundSecs(ns)), 1)
	if err := t.addMinute(subject, ns, 1, true); err != nil {
		return err
	}
	c.fine[string(fineKey(subject, ns))]++
	return nil
}

// medianTurnaround is the median turnaround of the n decisions
// subject's tally counts, with review.Median's semantics (mean of the two
// middle values for an even count), or nil when n is 0. See the index
// description above. n comes from the tally, which counts exactly the
// decisions the index holds (Check verifies it), because summing the
// coarse histogram reads all of its long tail, and a report takes one
// median per group and reviewer. The histograms are read in place.
func (t *txn) medianTurnaround(subject []byte, n int64) (*review.Middle, error) {
	if n <= 0 {
		return nil, nil
	}
	raw := t.bucket(bucketTurnaroundHist).Get(subject)
	lo := n / 2
	if n%2 == 0 {
		lo = n/2 - 1
	}
	middle, err := t.middleTurnarounds(subject, raw, lo, n%2 == 0)
	if err != nil {
		return nil, err
	}
	// review.Median of the one or two middle values is the median of all.
	return review.Median(middle), nil
}

// histFind is the coarse bucket of an encoded histogram holding 0-based
// rank r, with its count and r's rank within it.
func histFind(data []byte, r int64) (bucket uint16, count, rest int64, ok bool) {
	prev := uint64(0)
	for len(data) > 0 {
		d, i := binary.Uvarint(data)
		if i <= 0 {
			return 0, 0, 0, false
		}
		c, j := binary.Varint(data[i:])
		if j <= 0 {
			return 0, 0, 0, false
		}
		data, prev = data[i+j:], prev+d
		if r < c {
			return uint16(prev), c, r, true
		}
		r -= c
	}
	return 0, 0, 0, false
}

// minuteFind is the minute of an encoded minute histogram (minutes.encode)
// holding 0-based rank r, and r's rank within it.
func minuteFind(data []byte, r int64) (minute, rest int64, ok bool) {
	for first := true; len(data) > 0; first = false {
		if first {
			m, i := binary.Varint(data)
			if i <= 0 {
				return 0, 0, false
			}
			minute, data = m, data[i:]
		} else {
			d, i := binary.Uvarint(data)
			if i <= 0 {
				return 0, 0, false
			}
			minute, data = minute+int64(d), data[i:]
		}
		c, i := binary.Uvarint(data)
		if i <= 0 {
			return 0, 0, false
		}
		data = data[i:]
		if r < int64(c) {
			return minute, r, true
		}
		r -= int64(c)
	}
	return 0, 0, false
}

// middleTurnarounds is the turnaround (ns) at 0-based rank lo in ascending order
// and, with two set, the one at lo+1, read from the subject's encoded coarse
// histogram raw, its minute level and its fine keys. The rank lo+1 is the
// next step of the same cursor.
func (t *txn) middleTurnarounds(subject, raw []byte, lo int64, two bool) ([]int64, error) {
	b, count, r, ok := histFind(raw, lo)
	if !ok {
		return nil, fmt.Errorf("%w (turnaround index of %q: rank past the end)", ErrCorrupt, subject)
	}
	prefix := finePrefix(subject, b)
	from := prefix
	if mb := t.minuteBucket(); mb != nil {
		m, rest, ok := minuteFind(mb.Get(prefix), r)
		if !ok {
			return nil, fmt.Errorf("%w (turnaround index of %q: minutes of bucket %d hold fewer than %d)", ErrCorrupt, subject, b, count)
		}
		from, r = fineKeyAt(subject, m*60, 0), rest
	}
	c := t.bucket(bucketTurnaroundFine).Cursor()
	k, v := c.Seek(from)
	for ; k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n := int64(decodeCounter(v))
		if r < n {
			break
		}
		r -= n
	}
	if k == nil || !bytes.HasPrefix(k, prefix) {
		return nil, fmt.Errorf("%w (turnaround index of %q: bucket %d holds fewer than %d)", ErrCorrupt, subject, b, count)
	}
	_, _, ns, ok := decodeFineKey(k)
	if !ok {
		return nil, fmt.Errorf("%w (bad turnaround key %q)", ErrCorrupt, k)
	}
	out := []int64{ns}
	if !two {
		return out, nil
	}
	if r+1 < int64(decodeCounter(v)) {
		return append(out, ns), nil
	}
	// The next fine key of the subject, in this bucket or a later one,
	// past the later bucket's minute histogram.
	if k, _ = c.Next(); len(k) == len(prefix) {
		k, _ = c.Next()
	}
	if k == nil || !bytes.HasPrefix(k, prefix[:len(prefix)-2]) {
		return nil, fmt.Errorf("%w (turnaround index of %q: rank past the end)", ErrCorrupt, subject)
	}
	_, _, next, ok := decodeFineKey(k)
	if !ok {
		return nil, fmt.Errorf("%w (bad turnaround key %q)", ErrCorrupt, k)
	}
	return append(out, next), nil
}

// minuteOf is the whole minute holding a turnaround of secs seconds,
// rounded down, so negative turnarounds have negative minutes. A minute never
// spans two coarse buckets: coarseWidth is a whole number of minutes, and
// negatives and the overflow bucket are open-ended.
func minuteOf(secs int64) int64 {
	m := secs / 60
	if secs%60 < 0 {
		m--
	}
	return m
}

// minBin is one non-empty minute of a minute histogram.
type minBin struct {
	minute int64
	count  int64
}

// minutes is the minute histogram of one subject and coarse bucket:
// non-empty minutes in ascending order.
type minutes []minBin

// add adds delta to minute m, keeping the bins sorted and dropping empty ones.
func (h *minutes) add(m, delta int64) {
	bins := *h
	i := sort.Search(len(bins), func(i int) bool { return bins[i].minute >= m })
	switch {
	case i < len(bins) && bins[i].minute == m:
		bins[i].count += delta
		if bins[i].count == 0 {
			bins = append(bins[:i], bins[i+1:]...)
		}
	case delta != 0:
		bins = append(bins, minBin{})
		copy(bins[i+1:], bins[i:])
		bins[i] = minBin{m, delta}
	}
	*h = bins
}

// encode writes varint(first minute), then uvarint(minute − previous) for
// the others, each followed by uvarint(count).
func (h minutes) encode() []byte {
	out := make([]byte, 0, len(h)*3+8)
	prev := int64(0)
	for i, b := range h {
		if i == 0 {
			out = binary.AppendVarint(out, b.minute)
		} else {
			out = binary.AppendUvarint(out, uint64(b.minute-prev))
		}
		out = binary.AppendUvarint(out, uint64(b.count))
		prev = b.minute
	}
	return out
}

// decodeMinutes reverses encode; nil or empty data is an empty histogram.
func decodeMinutes(data []byte) (minutes, bool) {
	h := make(minutes, 0, len(data)/2)
	prev := int64(0)
	for len(data) > 0 {
		var m int64
		if len(h) == 0 {
			v, n := binary.Varint(data)
			if n <= 0 {
				return nil, false
			}
			m, data = v, data[n:]
		} else {
			d, n := binary.Uvarint(data)
			if n <= 0 || d == 0 || d > 1<<62 {
				return nil, false
			}
			m, data = prev+int64(d), data[n:]
		}
		c, n := binary.Uvarint(data)
		if n <= 0 || c == 0 || c > 1<<62 {
			return nil, false
		}
		data = data[n:]
		prev = m
		h = append(h, minBin{m, int64(c)})
	}
	return h, true
}

// addMinute adds delta decisions of ns nanoseconds turnaround to subject's
// minute histogram. With cached it goes through the transaction's cache,
// written back by flush; otherwise it writes through, deleting an emptied
// histogram. A store without the minute level (opened before its
// migration) is left as it is.
func (t *txn) addMinute(subject []byte, ns, delta int64, cached bool) error {
	var c *tallyCache
	var mb *bucket
	on := false
	if cached {
		c = t.tallies()
		if !c.mbKnown {
			if c.delta { // the marker only: the bucket is read at apply
				c.minutesOn = t.getRaw(bucketMeta, []byte(keyTurnaroundMinutes)) != nil
			} else {
				c.mb = t.minuteBucket()
				c.minutesOn = c.mb != nil
			}
			c.mbKnown = true
		}
		mb, on = c.mb, c.minutesOn
	} else {
		mb = t.minuteBucket()
		on = mb != nil
	}
	if !on {
		return nil
	}
	secs := turnaroundSecs(ns)
	key := finePrefix(subject, coarseBucket(secs))
	if cached {
		if h, ok := c.minutes[string(key)]; ok {
			h.add(minuteOf(secs), delta)
			return nil
		}
	}
	var stored []byte
	if mb != nil {
		stored = mb.Get(key)
	}
	h, ok := decodeMinutes(stored)
	if !ok {
		return fmt.Errorf("%w (bad turnaround minutes %q)", ErrCorrupt, key)
	}
	h.add(minuteOf(secs), delta)
	if cached {
		c.minutes[string(key)] = &h
		return nil
	}
	if len(h) == 0 {
		return mb.Delete(key)
	}
	return mb.Put(key, h.encode())
}

// minuteBucket is bucketTurnaroundFine when it holds the minute level,
// nil in a store opened read-only before its migration.
func (t *txn) minuteBucket() *bucket {
	if t.bucket(bucketMeta).Get([]byte(keyTurnaroundMinutes)) == nil {
		return nil
	}
	return t.bucket(bucketTurnaroundFine)
}

// isMinuteKey tells a minute histogram's key (finePrefix) from a fine key
// in bucketTurnaroundFine.
func isMinuteKey(k []byte) bool {
	return len(k) >= 2 && len(k) == 2+int(binary.BigEndian.Uint16(k))+2
}

// buildMinutes adds the minute level to bucketTurnaroundFine from its fine
// keys and marks it built, for a store written before it. Open runs it
// once, in its write transaction; it reads every fine key: about a second
// on a store of a million decisions, once.
func buildMinutes(t *txn) error {
	fine := t.bucket(bucketTurnaroundFine)
	type kv struct{ k, v []byte }
	var out []kv
	var key []byte
	var h minutes
	done := func() {
		if len(h) > 0 {
			out = append(out, kv{key, h.encode()})
		}
	}
	c := fine.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if isMinuteKey(k) {
			return fmt.Errorf("%w (turnaround minutes %q without their marker)", ErrCorrupt, k)
		}
		subject, b, ns, ok := decodeFineKey(k)
		if !ok {
			return fmt.Errorf("%w (bad turnaround key %q)", ErrCorrupt, k)
		}
		if p := finePrefix(subject, b); !bytes.Equal(p, key) {
			done()
			key, h = p, h[:0]
		}
		if n := int64(decodeCounter(v)); n > 0 {
			h.add(minuteOf(turnaroundSecs(ns)), n)
		}
	}
	done()
	for _, e := range out {
		if err := fine.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return t.bucket(bucketMeta).Put([]byte(keyTurnaroundMinutes), []byte("1"))
}
