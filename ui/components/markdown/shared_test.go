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
