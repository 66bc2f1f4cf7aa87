package evidence

import (
	"strings"
	"testing"
	"unicode/utf8"

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
	var p Pane
	alloc := uitest.Allocated(func() {
		p = NewPane(st, a, uitest.Clock).SetSize(80, 30)
	})
	size := uint64(2 * lines)
	if alloc > size*30 {
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

// TestEvidencePaneCutsALongLine: one line of 4 MB of words (the import's
// limit) lays out MaxTextBytes of it and a line counting its rest: laying
// out all of it cost about 9× the text, 36 MB here and more with longer
// words, the server's memory under `assessor serve`.
func TestEvidencePaneCutsALongLine(t *testing.T) {
	line := strings.Repeat("word ", 4<<20/5)
	a := review.Assignment{Attempt: uitest.Attempts()[0], Rubric: uitest.Rubrics()[0]}
	a.Attempt.Parts = []review.EvidencePart{{Title: "Part 1", Text: line}}
	st := styles.New(uitest.TrueColorRenderer(), true)
	var p Pane
	alloc := uitest.Allocated(func() {
		p = NewPane(st, a, uitest.Clock).SetSize(80, 30)
	})
	if alloc > uint64(len(line))*4 {
		t.Fatalf("laying out one line of %d bytes allocated %d MB, over 4× the text", len(line), alloc>>20)
	}
	if text := ansi.Strip(p.text); !strings.Contains(text, "… 1 more line not shown") {
		t.Error("the pane lacks the line counting the cut line's rest")
	}
}

// TestCutLinesAtMaxTextBytes: past MaxTextBytes a text is cut at the end
// of its last whole line there, or, in a line longer than that, at a
// character's start, and the rest is counted in lines.
func TestCutLinesAtMaxTextBytes(t *testing.T) {
	long := strings.Repeat("é", MaxTextBytes) // 2 bytes a character
	if kept, more := CutLines(long, MaxTextLines); len(kept) != MaxTextBytes || !utf8.ValidString(kept) || more != 1 {
		t.Errorf("one long line: kept %d bytes (valid %t), %d more; want %d, 1", len(kept), utf8.ValidString(kept), more, MaxTextBytes)
	}
	lines := strings.Repeat(strings.Repeat("x", 99)+"\n", MaxTextBytes/100+10)
	kept, more := CutLines(lines, MaxTextLines)
	if len(kept) > MaxTextBytes || strings.HasSuffix(kept, "\n") || strings.Count(kept, "\n")+1+more != MaxTextBytes/100+10 {
		t.Errorf("lines of 100 bytes: kept %d bytes, %d lines, %d more", len(kept), strings.Count(kept, "\n")+1, more)
	}
	if kept, more := CutLines("short\ntext", MaxTextLines); kept != "short\ntext" || more != 0 {
		t.Errorf("a short text: %q, %d", kept, more)
	}
}
