package markdown

import (
	"strings"
	"sync"

	"github.com/muesli/termenv"

	"assessor/review"
)

// sharedLimit bounds the shared cache: a program has a handful of rubrics,
// each drawn at the few pane widths its reviewers' terminals give.
const sharedLimit = 256

// sharedKey is everything a rendering depends on. It holds the Markdown
// itself rather than the rubric's id and version, so a rubric replaced in
// place (or two stores in one process) can never be served another's text.
type sharedKey struct {
	style    string
	profile  termenv.Profile
	width    int
	markdown string
	criteria string // the ids Headings were found for
	drawable bool   // rendered through the Cache's drawable
}

// sharedCache holds renderings for every program in the process. Under
// `serve` each SSH session is its own program with its own Cache, and
// glamour took about 15% of the server's CPU rendering the same rubric
// at the same width once per session (docs/PERFORMANCE.md). A rendering
// under way is waited for rather than started again: 200 sessions opening
// their first attempts in the same instant, as after a restart, all missed
// the empty cache and rendered the same rubric 200 times over, a quarter
// of the server's CPU in that burst. Safe for concurrent use; values are
// never modified once stored.
type sharedCache struct {
	mu       sync.Mutex
	entries  map[sharedKey]Rubric
	inflight map[sharedKey]*flight
	renders  int // renderings stored, for tests
}

// flight is one rendering under way, which others wait for.
type flight struct {
	done    chan struct{} // closed when it ends
	out     Rubric
	ok      bool // it returned (false: it panicked, and each waiter renders)
	waiters int  // for tests
}

var shared = &sharedCache{entries: map[sharedKey]Rubric{}, inflight: map[sharedKey]*flight{}}

// load returns the rendering of k, from the cache, from the rendering of
// it under way, or from render, which it stores.
func (c *sharedCache) load(k sharedKey, render func() Rubric) Rubric {
	c.mu.Lock()
	if r, ok := c.entries[k]; ok {
		c.mu.Unlock()
		return r
	}
	if f, ok := c.inflight[k]; ok {
		f.waiters++
		c.mu.Unlock()
		<-f.done
		if f.ok {
			return f.out
		}
		return render()
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[k] = f
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.inflight, k)
		if f.ok {
			c.put(k, f.out)
		}
		close(f.done)
	}()
	f.out = render()
	f.ok = true
	return f.out
}

// put stores r, dropping one rendering first (whichever the map gives)
// when the cache is full. Dropping them all, as it did, made every
// session's next claim render again once the queues had warmed more
// widths than it holds (reviewer/rubric_warm.go). The caller holds c.mu.
func (c *sharedCache) put(k sharedKey, r Rubric) {
	if _, ok := c.entries[k]; !ok && len(c.entries) >= sharedLimit {
		for old := range c.entries {
			delete(c.entries, old)
			break
		}
	}
	c.entries[k] = r
	c.renders++
}

// criterionIDs joins the criteria's ids, which criterionLines looks for.
func criterionIDs(cs []review.Criterion) string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return strings.Join(ids, "\x00")
}
