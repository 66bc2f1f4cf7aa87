package store

import (
	"slices"
	"sort"
)

// Counts an import in chunks adds to keys that arrive in no order
// (turnaround fine keys: subject, coarse bucket, seconds; stack passes:
// candidate hash, credential) land all over their trees. A chunk commit
// rewrites every leaf it touches, and a chunk's keys touch almost every
// leaf once the tree has fewer leaves than the chunk has keys: the pages
// written per chunk grew with the tree, and the cost per attempt with the
// file (docs/PERFORMANCE.md, "Imports in chunks"). So the counts wait in
// a sweep: the key space is cut into sweepParts parts, and each commit
// writes one part, with what the last sweepParts chunks added to it. A
// commit then rewrites about 1/sweepParts of each tree, with sweepParts
// chunks' keys. The memory held is bounded by sweepParts chunks' keys,
// not by the file; the parts left after the last chunk go in commits of
// about a chunk's keys each, before the final commit.

// sweepParts is how many parts the key space of a sweep is cut into.
var sweepParts = 16

// countSweep is the counts of one bucket waiting for their part's commit.
type countSweep struct {
	bounds []string           // sweepParts-1 keys cutting the key space, from the first chunk's keys
	parts  []map[string]int64 // the counts waiting, by part
	next   int                // the part the next commit writes
	added  int                // the most keys one chunk added: what an end commit writes
}

// add routes a chunk's counts to their parts; the first chunk's keys cut
// the key space into parts of about as many keys each.
func (w *countSweep) add(counts map[string]int64) {
	if len(counts) == 0 {
		return
	}
	if w.parts == nil {
		keys := sortedKeys(counts)
		for i := 1; i < sweepParts; i++ {
			w.bounds = append(w.bounds, keys[i*len(keys)/sweepParts])
		}
		w.bounds = slices.Compact(w.bounds)
		w.parts = make([]map[string]int64, len(w.bounds)+1)
	}
	w.added = max(w.added, len(counts))
	for k, n := range counts {
		p := sort.SearchStrings(w.bounds, k)
		if p < len(w.bounds) && w.bounds[p] == k {
			p++ // a bound starts its part
		}
		if w.parts[p] == nil {
			w.parts[p] = map[string]int64{}
		}
		w.parts[p][k] += n
	}
}

// take returns the next part's counts and empties it; with end (after the
// last chunk) it takes parts until it holds about as many keys as a chunk
// added, so the rest goes in few commits, none longer than a chunk's.
func (w *countSweep) take(end bool) map[string]int64 {
	out := map[string]int64{}
	for range w.parts {
		p := w.parts[w.next]
		w.parts[w.next] = nil
		w.next = (w.next + 1) % len(w.parts)
		for k, n := range p {
			out[k] += n
		}
		if !end || len(out) >= w.added {
			break
		}
	}
	return out
}

// empty reports whether nothing waits.
func (w *countSweep) empty() bool {
	for _, p := range w.parts {
		if len(p) > 0 {
			return false
		}
	}
	return true
}
