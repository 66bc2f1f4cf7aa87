package reviewer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

// TestSearchLineHelp: while the `/` line has the keys, every letter is
// typed into it and esc cancels the search, so the help under it offers
// enter, esc and ctrl+c alone, as the queue's credential finder and the
// comment bank's filter do: it offered the review screen's "s score",
// "esc back to queue", "? help" and "q quit".
func TestSearchLineHelp(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 160, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("/"), "search, enter to find")
	s.Do(keys("sq?"), "/sq?")
	s.Press("ctrl+c")
	app := s.final()
	if !app.review.searching {
		t.Fatal("the search line was closed")
	}
	help := ansi.Strip(app.review.helpView())
	for _, k := range []string{"s score", "esc back to queue", "? help", "q quit"} {
		if strings.Contains(help, k) {
			t.Errorf("while typing a search the help offers %q, a key the search line takes:\n%s", k, help)
		}
	}
	for _, k := range []string{"enter find", "esc cancel", "ctrl+c save & quit"} {
		if !strings.Contains(help, k) {
			t.Errorf("while typing a search the help does not offer %q:\n%s", k, help)
		}
	}
}
