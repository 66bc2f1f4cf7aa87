package markdown

import (
	"testing"

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
