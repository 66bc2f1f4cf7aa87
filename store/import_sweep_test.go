package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestSweepRound: counts added over many chunks come out of the sweep
// exactly once each, summed; a chunk's commit writes one part (keys of one
// range of the key space, a sixteenth of it), and after the last chunk the
// sweep goes round once more, in commits of about a chunk's keys, and
// then says it is done with nothing left.
func TestSweepRound(t *testing.T) {
	w := newSweep()
	r := rand.New(rand.NewPCG(1, 2))
	want, got := map[string]int64{}, map[string]int64{}
	take := func() map[string]int64 {
		part := w.fine.take(w.taken)
		for k, n := range part {
			got[k] += n
		}
		return part
	}
	const chunks, perChunk = 40, 500
	for c := 0; c < chunks; c++ {
		counts := map[string]int64{}
		for range perChunk {
			k := fmt.Sprintf("s%03d|%06d", r.IntN(300), r.IntN(100_000))
			counts[k]++
			want[k]++
		}
		w.staged(stage{})
		w.next(false, stage{})
		w.cur += w.fine.add(counts)
		part := take()
		w.committed(stage{})
		p := -1
		for k := range part {
			if q := w.fine.cuts.part(k); p >= 0 && q != p {
				t.Fatalf("chunk %d wrote keys of parts %d and %d", c, p, q)
			} else {
				p = q
			}
		}
		if len(part) > 2*perChunk {
			t.Errorf("chunk %d wrote %d keys, want about %d", c, len(part), perChunk)
		}
	}
	ends := 0
	for w.next(true, stage{}) {
		ends++
		if part := take(); len(part) > 3*perChunk {
			t.Errorf("an end commit wrote %d keys, want about a chunk's %d", len(part), perChunk)
		}
	}
	if ends == 0 || ends > sweepParts {
		t.Errorf("%d end commits, want 1 to %d", ends, sweepParts)
	}
	if len(got) != len(want) {
		t.Fatalf("%d keys came out, %d went in", len(got), len(want))
	}
	for k, n := range want {
		if got[k] != n {
			t.Fatalf("key %s: %d came out, %d went in", k, got[k], n)
		}
	}
}
