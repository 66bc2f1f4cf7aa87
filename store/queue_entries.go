package store

import (
	"encoding/json"
	"sync"
)

// queueEntriesMax bounds queueEntries: past it the cache starts afresh, so
// a store that queued millions of attempts over its life holds at most
// this many decoded entries.
const queueEntriesMax = 1 << 16

// queueEntries holds decoded queue index entries, each with the bytes it
// was decoded from. The queue screen lists up to 500 entries on every
// load, and under `serve` every session back on its queue loads it again;
// decoding the entries' JSON was half of each load, though an entry is
// written once, when its attempt is queued. An entry is reused only while
// its stored bytes are the same. Sessions read the queue concurrently, so
// it is locked, for reading on a hit.
type queueEntries struct {
	mu sync.RWMutex
	m  map[string]decodedEntry // by queue key
}

type decodedEntry struct {
	raw string
	e   queueEntry
}

// decode returns the entry stored under key as raw. A nil cache (a
// transaction of no store: an import's snapshot) decodes every time.
func (c *queueEntries) decode(key, raw []byte) (queueEntry, error) {
	if c == nil {
		var e queueEntry
		return e, json.Unmarshal(raw, &e)
	}
	c.mu.RLock()
	d, ok := c.m[string(key)]
	c.mu.RUnlock()
	if ok && d.raw == string(raw) {
		return d.e, nil
	}
	var e queueEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return e, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= queueEntriesMax {
		c.m = make(map[string]decodedEntry)
	}
	c.m[string(key)] = decodedEntry{raw: string(raw), e: e}
	c.mu.Unlock()
	return e, nil
}
