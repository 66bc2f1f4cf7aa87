package evidence

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestEvidenceDiffDrawsAtMostMaxWords: `d` on a resubmission whose first
// part is 300,000 one-letter lines (600 KB), against a different earlier
// version, draws the first MaxDiffWords words of the parts between them and
// a line under each part past them counting its rest: drawing every word
// cost about 300 MB here, and 1.3 GB and 8 s for the 2 MB of such
// lines the import lets through, the server's memory under `assessor
// serve`.
func TestEvidenceDiffDrawsAtMostMaxWords(t *testing.T) {
	const lines = 300000
	a := uitest.DiffAssignment()
	a.Attempt.Parts[0].Text = strings.Repeat("a\n", lines)
	prev := &a.Previous[0].Attempt
	prev.Parts = append(prev.Parts[:0:0], prev.Parts...)
	prev.Parts[0].Text = strings.Repeat("b c\n", 1000)
	st := styles.New(uitest.TrueColorRenderer(), true)
	var text string
	alloc := uitest.Allocated(func() {
		text, _ = evidenceText(a, uitest.Now, 80, st, true)
	})
	size := uint64(2 * lines)
	if alloc > size*250 {
		t.Fatalf("the diff of %d bytes of evidence allocated %d MB, over 250× the text", size, alloc>>20)
	}
	text = ansi.Strip(text)
	// Part 1's 2000 deleted words and the first MaxComparedWords of its
	// 300,000 inserted ones, compared, spend the budget; the parts after
	// it, a new one and a removed one, draw none of their words.
	for _, want := range []string{
		"… 3000 more words not shown, 3000 of them inserted or deleted, and 249000 more\nwords not compared",
		"new in attempt 2 · +3 words\n\n… 3 more words not shown, 3 of them inserted or deleted",
		"removed in attempt 2 · −3 words\n\n… 3 more words not shown, 3 of them inserted or deleted",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the diff lacks %q", want)
		}
	}
}
