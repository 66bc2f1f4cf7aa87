package store

import "sort"

// Keys an import in chunks adds that arrive in no order (turnaround fine
// keys: subject, coarse bucket, seconds, and the minute histograms among
// them; stack passes: candidate hash, credential; pseudonyms; the
// first-submission index, for resubmissions)
// land all over their trees. A chunk commit rewrites every leaf it
// touches, and a chunk's keys touch almost every leaf once the tree has
// fewer leaves than the chunk has keys: the pages written per chunk grew
// with the tree, and the cost per attempt with the file (docs/
// PERFORMANCE.md, "Imports in chunks"). So those keys wait in a sweep:
// each tree's key space is cut into sweepParts parts, and each commit
// writes one part, with what the last sweepParts chunks added to it. A
// commit then rewrites about 1/sweepParts of each such tree, with
// sweepParts chunks' keys. The memory held is bounded by sweepParts
// chunks' keys, not by the file. After the last chunk, the sweep goes
// round once more, in commits of about a chunk's keys each, before the
// final commit.

// sweepParts is how many parts a sweep cuts each key space into.
var sweepParts = 16

// sweptBuckets are the staged buckets whose new keys wait for their part
// (commitChunk); the counts wait in countSweeps.
var sweptBuckets = map[string]bool{bucketPseudonyms: true, bucketFirstSubmitted: true}

// cuts are the sweepParts-1 keys cutting a key space into parts.
type cuts []string

// cutKeys cuts at the quantiles of keys (the first chunk's, in order), so
// the parts hold about as many keys each.
func cutKeys(keys []string) cuts {
	out := make(cuts, 0, sweepParts-1)
	for i := 1; i < sweepParts; i++ {
		out = append(out, keys[i*len(keys)/sweepParts])
	}
	return out
}

// part is the part of key k: a cut starts its part.
func (c cuts) part(k string) int {
	p := sort.SearchStrings(c, k)
	for p < len(c) && c[p] == k {
		p++
	}
	return p
}

// countSweep is the counts (or minute histograms) of one bucket waiting
// for their part's commit; merge adds two of them.
type countSweep[V any] struct {
	cuts  cuts
	parts []map[string]V
	merge func(a, b V) V
}

// add routes a chunk's counts to their parts; the first chunk's keys cut
// the key space. It returns how many keys the chunk added.
func (w *countSweep[V]) add(counts map[string]V) int {
	if len(counts) == 0 {
		return 0
	}
	if w.parts == nil {
		w.cuts = cutKeys(sortedKeys(counts))
		w.parts = make([]map[string]V, sweepParts)
	}
	for k, n := range counts {
		p := w.cuts.part(k)
		if w.parts[p] == nil {
			w.parts[p] = map[string]V{}
		}
		if old, ok := w.parts[p][k]; ok {
			n = w.merge(old, n)
		}
		w.parts[p][k] = n
	}
	return len(counts)
}

// waiting is how many keys part p holds.
func (w *countSweep[V]) waiting(p int) int {
	if w.parts == nil {
		return 0
	}
	return len(w.parts[p])
}

// take returns the counts of the parts taken and empties them.
func (w *countSweep[V]) take(taken []bool) map[string]V {
	out := map[string]V{}
	for p, m := range w.parts {
		if taken[p] {
			for k, n := range m {
				if old, ok := out[k]; ok {
					n = w.merge(old, n)
				}
				out[k] = n
			}
			w.parts[p] = nil
		}
	}
	return out
}

func addCounts(a, b int64) int64 { return a + b }

// addMinutes is a minute histogram holding a's decisions and b's.
func addMinutes(a, b minutes) minutes {
	out := append(minutes(nil), a...)
	for _, bin := range b {
		out.add(bin.minute, bin.count)
	}
	return out
}

// sweep is an import's sweeps and which parts a commit writes.
type sweep struct {
	fine, passes countSweep[int64]
	minutes      countSweep[minutes] // minute histograms, in the fine keys' bucket
	keys         map[string]cuts     // the cuts of each swept bucket's key space
	at           int                 // the part the next commit writes
	left         int                 // after the last chunk, the parts still to write: -1 before
	added        int                 // the most keys one chunk added to the sweeps
	cur          int                 // the keys this chunk added
	carried      map[string]int      // each swept bucket's staged keys left by the last commit
	taken        []bool              // the parts this commit writes
}

func newSweep() *sweep {
	return &sweep{keys: map[string]cuts{}, carried: map[string]int{}, left: -1,
		fine: countSweep[int64]{merge: addCounts}, passes: countSweep[int64]{merge: addCounts},
		minutes: countSweep[minutes]{merge: addMinutes}}
}

// staged notes a chunk's keys of the swept buckets before its commit: the
// first chunk's keys cut each key space.
func (w *sweep) staged(staged stage) {
	w.cur = 0
	for name := range sweptBuckets {
		if m := staged[name]; len(m) > 0 {
			if w.keys[name] == nil {
				w.keys[name] = cutKeys(sortedKeys(m))
			}
			w.cur += len(m) - w.carried[name]
		}
	}
}

// committed notes what a commit left of the swept buckets and how many
// keys its chunk added.
func (w *sweep) committed(staged stage) {
	for name := range sweptBuckets {
		w.carried[name] = len(staged[name])
	}
	w.added = max(w.added, w.cur)
}

// waits reports whether key k of bucket name waits for a later commit.
func (w *sweep) waits(name, k string) bool {
	c, ok := w.keys[name]
	return ok && !w.taken[c.part(k)]
}

// next chooses the parts this commit writes: the next one, or after the
// last chunk (end) as many as hold about a chunk's keys (the staged
// buckets' keys counted with those others will see, which wait for the
// final commit anyway). It returns false when the sweep has gone round
// once after the last chunk.
func (w *sweep) next(end bool, staged stage) bool {
	w.taken = make([]bool, sweepParts)
	if !end {
		w.taken[w.at] = true
		w.at = (w.at + 1) % sweepParts
		return true
	}
	if w.left < 0 {
		w.left = sweepParts
	}
	if w.left == 0 {
		return false
	}
	var per []int // the staged keys of the swept buckets, by part
	if len(w.keys) > 0 {
		per = make([]int, sweepParts)
		for name, c := range w.keys {
			for k := range staged[name] {
				per[c.part(k)]++
			}
		}
	}
	for n := 0; w.left > 0 && (n == 0 || n < w.added); w.left-- {
		n += w.fine.waiting(w.at) + w.passes.waiting(w.at) + w.minutes.waiting(w.at) + 1 // an empty part counts one: the round ends
		if per != nil {
			n += per[w.at]
		}
		w.taken[w.at] = true
		w.at = (w.at + 1) % sweepParts
	}
	return true
}
