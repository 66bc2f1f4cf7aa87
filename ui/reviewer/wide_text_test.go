package reviewer

import (
	"strings"
	"testing"

	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// TestFilesOverlayNamesDrawnApart: the files overlay (a) lists each
// stored file's name and its part's title; a name or title with emoji
// some terminals join (👩‍🏫, 👍🏽), which an import accepts, is drawn as
// those terminals draw it, as the evidence pane draws the same names
// (common.Drawable): no line may be wider than the screen.
func TestFilesOverlayNamesDrawnApart(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		f := filesFake(t)
		p := &f.attempts[0].Parts[1]
		p.Title = "Part 2: " + strings.Repeat("Retour 👩‍🏫👍🏽 ", 20)
		name := strings.Repeat("👩‍🏫👍🏽", 30) + ".txt"
		p.Files[0], p.Attachments[0].Name = name, name
		s := start(t, f, common.Options{}, w, h)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Evidence")
		s.Do(keys("a"), "Files · 5 stored")
		s.Press("ctrl+c")
		view := s.final().View()
		requireFits(t, view, w, h) // as measured: holds
		uitest.RequireDrawnFits(t, view, w)
		// The file shown: its name is the pane's title.
		s = start(t, f, common.Options{}, w, h)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Evidence")
		s.Do(keys("a"), "Files · 5 stored")
		s.Do(keys("enter"), "Week 3 notes")
		s.Press("ctrl+c")
		view = s.final().View()
		requireFits(t, view, w, h)
		uitest.RequireDrawnFits(t, view, w)
	}
}

// TestDevanagariEvidenceDrawnAsTerminalsDraw: evidence in Hindi (a
// teacher's answer, "हिन्दी में पाठ योजना") is drawn in the evidence pane as
// tmux and xterm draw it: they give each spacing vowel sign (ि, ी, ा, ो,
// Unicode category Mc) a cell of its own, where the width measured
// (ansi.StringWidth, one cell per grapheme) counts "हि" as one. Measured
// so, a line of Hindi is drawn wider than its pane: the pane's border and
// the rubric pane beside it are pushed to the next line, and the screen
// scrolls, losing its header, as for Thai's sara am (common.Drawable).
func TestDevanagariEvidenceDrawnAsTerminalsDraw(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		f := newFake()
		f.attempts[0].Parts[0].Text = strings.Repeat("हिन्दी में पाठ योजना ", 30)
		s := start(t, f, common.Options{}, w, h)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Evidence")
		s.Press("ctrl+c")
		view := s.final().View()
		requireFits(t, view, w, h) // as measured: holds
		uitest.RequireDrawnFits(t, view, w)
	}
}
