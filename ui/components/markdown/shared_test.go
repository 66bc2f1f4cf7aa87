package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/muesli/termenv"

	"assessor/review"
)

func sharedRenders() int {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	return shared.renders
}

// TestRenderSharedAcrossPrograms: a second program (its own Cache, as every
// SSH session has) gets a rubric another program already rendered at that
// width without rendering it again; a rubric whose text changed under the
// same id and version, or another width, is rendered afresh.
func TestRenderSharedAcrossPrograms(t *testing.T) {
	// Text of its own: the shared cache (keyed by the Markdown) lives as
	// long as the process, which a -count=2 run shares with the first run.
	run := time.Now().UnixNano()
	r := review.Rubric{ID: "shared-test", Version: 1, Markdown: fmt.Sprintf("# Shared test %d\n\n## C1. Evidence\n\nSome words about the first criterion.\n", run), Criteria: []review.Criterion{{ID: "C1"}}}
	a, b := New("dark", termenv.ANSI256), New("dark", termenv.ANSI256)

	before := sharedRenders()
	first := a.Render(r, 60)
	if got := sharedRenders() - before; got != 1 {
		t.Fatalf("first render stored %d renderings, want 1", got)
	}
	second := b.Render(r, 60)
	if got := sharedRenders() - before; got != 1 {
		t.Errorf("second program rendered again (%d renderings), want it served from the shared cache", got)
	}
	if second.Text != first.Text || len(second.Headings) != 1 || second.Headings[0] != first.Headings[0] {
		t.Errorf("shared rendering differs:\n%q %v\n%q %v", first.Text, first.Headings, second.Text, second.Headings)
	}

	b.Render(r, 50)
	if got := sharedRenders() - before; got != 2 {
		t.Errorf("another width: %d renderings, want 2", got)
	}
	changed := r
	changed.Markdown = strings.Replace(r.Markdown, "first criterion", "replaced criterion", 1)
	if out := New("dark", termenv.ANSI256).Render(changed, 60); !strings.Contains(out.Text, "replaced") {
		t.Errorf("a rubric replaced under the same version was served the old text:\n%s", out.Text)
	}
}

// TestSharedRenderingWaitedFor: programs asking for a rendering another
// is making wait for it rather than render it again, and all get it; one
// whose rendering panics leaves nothing behind, and its waiters render it
// themselves.
func TestSharedRenderingWaitedFor(t *testing.T) {
	k := sharedKey{style: "dark", width: 60, markdown: fmt.Sprintf("# Herd %d", time.Now().UnixNano())}
	const programs = 20
	release := make(chan struct{})
	again := make(chan struct{}, programs)
	got := make(chan Rubric, programs)
	go func() {
		got <- shared.load(k, func() Rubric { <-release; return Rubric{Text: "rendered once"} })
	}()
	waitFlight(t, k, 0)
	for range programs - 1 {
		go func() {
			got <- shared.load(k, func() Rubric { again <- struct{}{}; return Rubric{Text: "rendered again"} })
		}()
	}
	waitFlight(t, k, programs-1)
	close(release)
	for range programs {
		if r := <-got; r.Text != "rendered once" {
			t.Fatalf("a program got %q, want the one rendering", r.Text)
		}
	}
	if len(again) > 0 {
		t.Errorf("%d programs rendered it again", len(again))
	}
	if r := shared.load(k, func() Rubric { return Rubric{Text: "not cached"} }); r.Text != "rendered once" {
		t.Errorf("after the flight: %q, want it from the cache", r.Text)
	}

	k.markdown += " panics"
	waiter := make(chan Rubric)
	go func() {
		defer func() { _ = recover() }()
		shared.load(k, func() Rubric {
			go func() { waiter <- shared.load(k, func() Rubric { return Rubric{Text: "its own"} }) }()
			for !inFlight(k, 1) {
				time.Sleep(time.Millisecond)
			}
			panic("glamour failed")
		})
	}()
	if r := <-waiter; r.Text != "its own" {
		t.Errorf("waiter of a panicked rendering got %q, want its own", r.Text)
	}
	if r := shared.load(k, func() Rubric { return Rubric{Text: "fresh"} }); r.Text != "fresh" {
		t.Errorf("after a panic: %q, want a fresh rendering", r.Text)
	}
}

// waitFlight waits until k's rendering is under way with n waiters.
func waitFlight(t *testing.T, k sharedKey, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !inFlight(k, n) {
		if time.Now().After(deadline) {
			t.Fatalf("no rendering of %q under way with %d waiters", k.markdown, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// inFlight reports whether k's rendering is under way with n waiters.
func inFlight(k sharedKey, n int) bool {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	f, ok := shared.inflight[k]
	return ok && f.waiters == n
}

// TestWarmFillsTheSharedCache: Warm renders a rubric into the shared cache
// once (reporting it), and a program's Render then finds it there.
func TestWarmFillsTheSharedCache(t *testing.T) {
	r := review.Rubric{ID: "warm-test", Version: 1, Markdown: fmt.Sprintf("# Warm test %d\n\n## C1. Evidence\n\nWords.\n", time.Now().UnixNano()), Criteria: []review.Criterion{{ID: "C1"}}}
	warmer := New("dark", termenv.ANSI256)
	before := sharedRenders()
	if !warmer.Warm(r, 60) {
		t.Error("the first Warm did not render")
	}
	if warmer.Warm(r, 60) {
		t.Error("a second Warm rendered again")
	}
	if warmer.Len() != 0 {
		t.Errorf("Warm kept %d renderings of the program's own, want none (it may run off the program's goroutine)", warmer.Len())
	}
	out := New("dark", termenv.ANSI256).Render(r, 60)
	if got := sharedRenders() - before; got != 1 || len(out.Headings) != 1 {
		t.Errorf("%d renderings stored, headings %v; want 1 rendering, served to Render", got, out.Headings)
	}
}

// TestSharedCacheDropsOneWhenFull: a full cache makes room for a new
// rendering by dropping one other, not all of them.
func TestSharedCacheDropsOneWhenFull(t *testing.T) {
	c := &sharedCache{entries: map[sharedKey]Rubric{}, inflight: map[sharedKey]*flight{}}
	for i := range sharedLimit + 10 {
		c.put(sharedKey{width: i}, Rubric{Text: fmt.Sprint(i)})
		if want := min(i+1, sharedLimit); len(c.entries) != want {
			t.Fatalf("after %d puts the cache holds %d, want %d", i+1, len(c.entries), want)
		}
		if got := c.entries[sharedKey{width: i}]; got.Text != fmt.Sprint(i) {
			t.Fatalf("the rendering just put is missing: %q", got.Text)
		}
	}
}
