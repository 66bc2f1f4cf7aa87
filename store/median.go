package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"sort"

	"assessor/review"
)

// The turnaround index gives exact median turnarounds (formats.md §3) at a
// cost that does not grow with the store. Each subject (report group or
// reviewer) has two levels:
//
//   - a coarse histogram, one value in bucketTurnaroundHist: how many
//     decisions fall in each 0.1-day bucket from 0 to 179.9 days, plus one
//     overflow bucket for 180 days and more (coarseBucket), stored sparsely;
//   - fine keys in bucketTurnaroundFine, subject|bucket|seconds → count, one
//     per distinct turnaround second.
//
// A median needs the values at rank n/2 (and n/2−1 when n is even) of the
// subject's n decisions. The histogram tells which bucket holds a rank and
// how far into it; a cursor Seek to that bucket's first fine key and a walk
// over its keys finds the second. So a median is exact to the second, as
// review.Median over every turnaround would give, and costs one histogram
// read (at most 1,801 entries) plus the distinct seconds of at most two
// buckets (at most 8,640 each; only the overflow bucket is unbounded). A
// decision adds one to one histogram entry and one fine key per subject.
//
// Turnarounds are review.Turnaround: whole seconds, truncated.

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

// addTurnaround counts one decision of secs seconds turnaround for subject:
// the histogram through the transaction's cache, the fine key directly.
func (t *txn) addTurnaround(subject []byte, secs int64) error {
	c := t.tallies()
	h, ok := c.hists[string(subject)]
	if !ok {
		v, err := t.histogram(subject)
		if err != nil {
			return err
		}
		h = &v
		c.hists[string(subject)] = h
	}
	h.add(coarseBucket(secs), 1)
	fine := t.bucket(bucketTurnaroundFine)
	k := fineKey(subject, secs)
	return fine.Put(k, counterValue(decodeCounter(fine.Get(k))+1))
}

// medianTurnaround is the subject's median turnaround in seconds with
// review.Median's semantics (mean of the two middle values for an even
// count), or nil when it has none. See the index description above.
func (t *txn) medianTurnaround(subject []byte) (*float64, error) {
	h, err := t.histogram(subject)
	if err != nil {
		return nil, err
	}
	n := h.total()
	if n <= 0 {
		return nil, nil
	}
	ranks := []int64{n / 2}
	if n%2 == 0 {
		ranks = []int64{n/2 - 1, n / 2}
	}
	middle := make([]int64, len(ranks))
	for i, r := range ranks {
		if middle[i], err = t.nthTurnaround(subject, h, r); err != nil {
			return nil, err
		}
	}
	// review.Median of the one or two middle values is the median of all.
	return review.Median(middle), nil
}

// nthTurnaround is the turnaround at 0-based rank r in ascending order.
func (t *txn) nthTurnaround(subject []byte, h histogram, r int64) (int64, error) {
	for _, b := range h {
		if r >= b.count {
			r -= b.count
			continue
		}
		prefix := finePrefix(subject, b.bucket)
		c := t.bucket(bucketTurnaroundFine).Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			_, _, secs, ok := decodeFineKey(k)
			if !ok {
				return 0, fmt.Errorf("%w (bad turnaround key %q)", ErrCorrupt, k)
			}
			n := int64(decodeCounter(v))
			if r < n {
				return secs, nil
			}
			r -= n
		}
		return 0, fmt.Errorf("%w (turnaround index of %q: bucket %d holds fewer than %d)", ErrCorrupt, subject, b.bucket, b.count)
	}
	return 0, fmt.Errorf("%w (turnaround index of %q: rank past the end)", ErrCorrupt, subject)
}
