package evidence

import (
	"runtime"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestEvidencePaneShowsFirstLines: an attempt whose first part is 300,000
// one-letter lines (600 KB) lays out MaxTextLines lines of its parts'
// texts between them, a line under each part past them counting its rest:
// laying out every line cost about 80× the text, over 300 MB for the 4 MB
// of such lines the import lets through, the server's memory under
// `assessor serve`.
func TestEvidencePaneShowsFirstLines(t *testing.T) {
	const lines = 300000
	a := review.Assignment{Attempt: uitest.Attempts()[0], Rubric: uitest.Rubrics()[0]}
	a.Attempt.Parts = []review.EvidencePart{
		{Title: "Part 1", Text: strings.Repeat("a\n", lines)},
		{Title: "Part 2", Text: "b\nc"},
	}
	st := styles.New(uitest.TrueColorRenderer(), true)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p := NewPane(st, a, uitest.Clock).SetSize(80, 30)
	runtime.ReadMemStats(&after)
	size := uint64(2 * lines)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size*30 {
		t.Fatalf("laying out %d bytes of evidence allocated %d MB, over 30× the text", size, alloc>>20)
	}
	text := ansi.Strip(p.text)
	// Part 1's lines spend the bound; part 2 shows none of its own.
	for _, want := range []string{
		"a\n… 250000 more lines not shown\n",
		"Part 2\n2 words\n\n… 2 more lines not shown",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the pane lacks %q", want)
		}
	}
	if n := strings.Count(text, "\na\n"); n > MaxTextLines {
		t.Errorf("%d lines of part 1 laid out, want at most %d", n, MaxTextLines)
	}
}
