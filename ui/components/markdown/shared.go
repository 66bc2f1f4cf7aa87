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
}

// sharedCache holds renderings for every program in the process. Under
// `serve` each SSH session is its own program with its own Cache, and
// glamour took about 15% of the server's CPU rendering the same rubric
// at the same width once per session (docs/PERFORMANCE.md). Safe for
// concurrent use; values are never modified once stored.
type sharedCache struct {
	mu      sync.Mutex
	entries map[sharedKey]Rubric
	renders int // renderings stored, for tests
}

var shared = &sharedCache{entries: map[sharedKey]Rubric{}}

func (c *sharedCache) get(k sharedKey) (Rubric, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.entries[k]
	return r, ok
}

// put stores r, dropping everything first when the cache is full: the
// renderings still in use come back at the cost of one render each.
func (c *sharedCache) put(k sharedKey, r Rubric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= sharedLimit {
		clear(c.entries)
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
