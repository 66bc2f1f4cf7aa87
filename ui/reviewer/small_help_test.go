package reviewer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

// TestScoringHelpAtSmallestWindow: 50×16 is the smallest window the
// reviewer program works in (TestTooSmallWindow). README: "`?` shows
// every key on every screen". There,
// the scoring panel's short help must still say "? help", and its full
// help must still list every key it lists at 160 columns.
func TestScoringHelpAtSmallestWindow(t *testing.T) {
	open := func() *session {
		s := start(t, newFake(), common.Options{}, 50, 16)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Attempt 1 feedback")
		s.Do(keys("s"), "Scoring DF-7KQ2#2")
		return s
	}
	short := ansi.Strip(open().quit().View())
	s := open()
	s.Do(keys("?"), "prev criterion")
	full := ansi.Strip(s.quit().View())
	if !strings.Contains(short, "? help") {
		t.Errorf("at 50×16 the scoring help does not say how to see every key:\n%s", short)
	}
	for _, want := range []string{"1-2 not-yet/meets", "c     confirm", "b comment bank", "h history", "d      diff/full text", "/      search evidence"} {
		if !strings.Contains(full, want) {
			t.Errorf("at 50×16 the scoring panel's full help (?) lacks %q:\n%s", want, full)
		}
	}
}

// TestFullHelpTakesThePanesPlace: at 50×16 every key (?) shows in place of
// the panes, inside the window, and ? again brings the panes back.
func TestFullHelpTakesThePanesPlace(t *testing.T) {
	for _, presses := range []int{1, 2} {
		s := start(t, newFake(), common.Options{}, 50, 16)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Attempt 1 feedback")
		s.Do(keys("s"), "Scoring DF-7KQ2#2")
		s.Do(keys("?"), "search evidence")
		if presses == 2 {
			s.Do(keys("?"), "c confirm")
		}
		view := s.quit().View()
		requireFits(t, view, 50, 16)
		if panes := strings.Contains(ansi.Strip(view), "Scoring DF-7KQ2#2"); panes != (presses == 2) {
			t.Errorf("after ? %d times the panes show: %v, want %v:\n%s", presses, panes, presses == 2, ansi.Strip(view))
		}
	}
}

// TestMatchKeysListedOnlyWithASearch: the review screen's help lists n and
// N, which step through a search's matches, only once there is a search.
func TestMatchKeysListedOnlyWithASearch(t *testing.T) {
	for _, search := range []bool{false, true} {
		s := start(t, newFake(), common.Options{}, 160, 48)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Attempt 1 feedback")
		if search {
			s.Do(keys("/"), "/")
			s.Do(keys("f", "e", "e", "d", "enter"), "match")
		}
		s.Do(keys("?"), "search evidence")
		full := ansi.Strip(s.quit().View())
		if listed := strings.Contains(full, "next match"); listed != search {
			t.Errorf("with a search %v the help lists n next match: %v\n%s", search, listed, full)
		}
	}
}
