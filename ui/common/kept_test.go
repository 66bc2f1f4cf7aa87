package common

import (
	"strconv"
	"sync"
	"testing"
)

// TestKeptDrawsOncePerKey: a key is drawn once and then served; past Max
// the store starts afresh; concurrent askers all get a drawing of their
// key (run with -race).
func TestKeptDrawsOncePerKey(t *testing.T) {
	c := Kept[int, string]{Max: 3}
	draws := 0
	draw := func(k int) func() string {
		return func() string { draws++; return "drawing " + strconv.Itoa(k) }
	}
	for range 2 {
		for k := range 3 {
			if got := c.Get(k, draw(k)); got != "drawing "+strconv.Itoa(k) {
				t.Fatalf("Get(%d) = %q", k, got)
			}
		}
	}
	if draws != 3 || c.Len() != 3 {
		t.Fatalf("%d draws, %d kept after asking for 3 keys twice; want 3 and 3", draws, c.Len())
	}
	c.Get(3, draw(3))
	if c.Len() != 1 {
		t.Errorf("%d kept after a fourth key with Max 3, want 1 (started afresh)", c.Len())
	}

	var shared Kept[int, string]
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k := i % 5
			if got := shared.Get(k, func() string { return strconv.Itoa(k) }); got != strconv.Itoa(k) {
				t.Errorf("Get(%d) = %q", k, got)
			}
		}()
	}
	wg.Wait()
	if shared.Len() != 5 {
		t.Errorf("%d kept, want 5", shared.Len())
	}
}

// TestKeptGetIfKeepsOnlyWhenAsked: a drawing not to be kept (styles with
// no Look) is drawn every time and never stored.
func TestKeptGetIfKeepsOnlyWhenAsked(t *testing.T) {
	var c Kept[int, string]
	draws := 0
	draw := func() string { draws++; return "x" }
	c.GetIf(false, 1, draw)
	c.GetIf(false, 1, draw)
	if draws != 2 || c.Len() != 0 {
		t.Errorf("unkept: %d draws, %d kept; want 2 and 0", draws, c.Len())
	}
	c.GetIf(true, 1, draw)
	c.GetIf(true, 1, draw)
	if draws != 3 || c.Len() != 1 {
		t.Errorf("kept: %d draws, %d kept; want 3 and 1", draws, c.Len())
	}
}
