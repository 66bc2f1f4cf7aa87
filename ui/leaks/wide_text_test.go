package leaks

import (
	"strings"
	"testing"

	"assessor/ui/internal/uitest"
)

// TestLeaksFileNamesDrawnApart: a flag inside a stored file is placed by
// the file's name ("part 2, file NAME", review.LeakPlaceOf) and a file
// read as redacted text is listed by its name; a name with emoji some
// terminals join (👩‍🏫, 👍🏽), which an import accepts, is drawn on the
// list and the flags' screen as those terminals draw it, as the flags'
// contexts are (common.Drawable): no line may be wider than the screen.
func TestLeaksFileNamesDrawnApart(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {160, 48}} {
		w, h := sz[0], sz[1]
		f := newFakeFlags()
		name := strings.Repeat("👩‍🏫👍🏽", 30) + ".txt"
		f.rep.Open[1].Place = "part 2, file " + name
		f.rep.Files[0].Name = name
		s := start(t, f, w, h)
		s.WaitAfter(0, "2 attempts with open flags", "DF-7KQ2#2")
		s.Press("ctrl+c")
		list := s.Final().View()
		s = start(t, f, w, h)
		s.WaitAfter(0, "2 attempts with open flags", "DF-7KQ2#2")
		s.Do(keys("enter"), "Why are you reading")
		s.Do(keys("weekly check", "enter"), "read for: weekly check", "Open flags")
		s.Press("ctrl+c")
		for _, view := range []string{list, s.Final().View()} {
			requireFits(t, view, w, h) // as measured: holds
			uitest.RequireDrawnFits(t, view, w)
		}
	}
}
