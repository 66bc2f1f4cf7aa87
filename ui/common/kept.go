package common

import "sync"

// Kept is a bounded store of drawings kept for the whole process, for
// what every session draws alike: a drawing that depends only on its key
// (the look of the styles, a size, what it shows) is made once and
// served to every session that asks. Past max entries it starts afresh.
// The zero value is ready for use with no bound; set Max. Safe for
// concurrent use.
type Kept[K comparable, V any] struct {
	Max int

	mu sync.Mutex
	m  map[K]V
}

// Get returns the drawing kept for k, making it with draw when there is
// none. Two sessions asking at once may both draw; either drawing serves.
func (c *Kept[K, V]) Get(k K, draw func() V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = draw()
	c.mu.Lock()
	if c.m == nil || (c.Max > 0 && len(c.m) >= c.Max) {
		c.m = map[K]V{}
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

// GetIf is Get when keep holds, and draw's drawing, not kept, when it does
// not: for drawings that may come from styles with no Look.
func (c *Kept[K, V]) GetIf(keep bool, k K, draw func() V) V {
	if !keep {
		return draw()
	}
	return c.Get(k, draw)
}

// Len is how many drawings are kept.
func (c *Kept[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
