package markdown

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/rubrics"
)

// TestProgramCacheBoundedAcrossWidths: one program (one SSH session under
// serve) whose reviewer drags the terminal's edge through every width a
// session may have (rubric panes of 20 to 246 cells) keeps at most
// programLimit renderings, and still draws each width as it should.
func TestProgramCacheBoundedAcrossWidths(t *testing.T) {
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	c := New("dark", termenv.TrueColor)
	for w := 20; w <= 246; w++ {
		for _, r := range rs[:min(3, len(rs))] {
			c.Render(r, w)
		}
		if c.Len() > programLimit {
			t.Fatalf("at width %d one program keeps %d renderings, more than %d", w, c.Len(), programLimit)
		}
	}
	fresh := New("dark", termenv.TrueColor)
	for _, w := range []int{20, 100, 246} {
		if got, want := c.Render(rs[0], w).Text, fresh.Glamour(rs[0].Markdown, w); got != want {
			t.Errorf("width %d drawn otherwise after the cache let renderings go", w)
		}
	}
}

// TestProgramCacheKeepsVersionsApart: one session may open an attempt
// scored against version 1 of a rubric and then one against version 2
// (each attempt keeps the version it was submitted under): each shows
// its own version's text, at the same width.
func TestProgramCacheKeepsVersionsApart(t *testing.T) {
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	v1 := rs[0]
	v2 := v1
	v2.Version = v1.Version + 1
	v2.Markdown = strings.Replace(v1.Markdown, "\n", "\n\nVersion two adds this sentence.\n", 1)
	c := New("dark", termenv.TrueColor)
	if got := ansi.Strip(c.Render(v1, 80).Text); strings.Contains(got, "Version two adds") {
		t.Fatal("version 1 shows version 2's text")
	}
	if got := ansi.Strip(c.Render(v2, 80).Text); !strings.Contains(got, "Version two adds") {
		t.Errorf("version 2 opened after version 1 shows version 1's rendering:\n%s", got[:min(len(got), 400)])
	}
}
