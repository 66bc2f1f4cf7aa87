package uitest

import "testing"

var sink []byte

// TestAllocatedCountsWhatFnAllocates: the bounds checked with Allocated
// are upper bounds, so a count that missed fn's allocations would pass
// them all; a 1 MiB slice must be counted.
func TestAllocatedCountsWhatFnAllocates(t *testing.T) {
	got := Allocated(func() { sink = make([]byte, 1<<20) })
	if got < 1<<20 || got > 2<<20 {
		t.Fatalf("a 1 MiB slice counted as %d bytes", got)
	}
}
