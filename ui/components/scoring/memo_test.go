package scoring

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestMemoDrawsWhatChanged: after every key of a scoring session (levels,
// moving between criteria, feedback typed until a warning comes and
// goes, confirm refused with a notice, sizes changed), the panel drawn
// with its kept parts is the panel drawn afresh, and the changes show.
func TestMemoDrawsWhatChanged(t *testing.T) {
	for _, size := range [][2]int{{60, 30}, {60, 16}} {
		s := testPanel(t, size[0], size[1], nil)
		check := func(step string) {
			t.Helper()
			fresh := s
			fresh.memo = nil
			if got, want := s.View(), fresh.View(); got != want {
				t.Fatalf("%dx%d after %s: kept parts drew\n%s\nafresh\n%s", size[0], size[1], step, got, want)
			}
			if got, want := s.textHeight(), fresh.textHeight(); got != want {
				t.Fatalf("%dx%d after %s: textarea height %d with kept parts, %d afresh", size[0], size[1], step, got, want)
			}
		}
		check("opening")
		steps := [][]string{
			{"n"}, {"m"}, {"m"}, {"m"}, // every criterion scored: the cursor stays from here on
			{"k"}, {"k"}, {"enter"}, {"t"}, {"o"}, {" "}, {"d"}, {"o"}, {"esc"}, // C2 has feedback
			{"n"}, {"m"}, {"n"}, // so only its level, outcome and descriptors change
			{"enter"}, {" "}, {"x"}, {" "}, {"y"}, {"esc"}, // the word count in C2's warning grows
			{"c"}, {"j"}, {"j"}, {"n"}, {"up"}, {"m"}, {"c"},
		}
		for _, k := range steps {
			s = press(s, k...)
			check(strings.Join(k, " "))
		}
		s = s.SetSize(size[0]+20, size[1]+4)
		check("a resize")
		s = s.SetSize(size[0], size[1])
		check("a resize back")
	}
	// The changes show: a level chosen on the kept panel is drawn.
	s := testPanel(t, 60, 30, nil)
	before := s.View()
	s = press(s, "n")
	if after := s.View(); after == before || !strings.Contains(ansi.Strip(after), "not-yet") {
		t.Errorf("a level chosen does not show:\n%s", after)
	}
}

// TestMemoSavesDrawing: a level key draws the selected criterion's
// descriptors once, though the textarea's height and the view ask for
// three heights; a message that changes nothing shown (a draft saved, a
// lease renewed) draws neither them nor the feedback previews again.
func TestMemoSavesDrawing(t *testing.T) {
	s := testPanel(t, 60, 30, nil)
	_ = s.View()
	desc, prev := s.memo.descN, s.memo.prev.n
	s = press(s, "n") // a level for the first criterion, and on to the next
	_ = s.View()
	if got := s.memo.descN - desc; got != 1 {
		t.Errorf("a level key drew the descriptors %d times, want once", got)
	}
	desc, prev = s.memo.descN, s.memo.prev.n
	for range 3 {
		s, _ = s.Update(struct{}{})
		_ = s.View()
	}
	if s.memo.descN != desc || s.memo.prev.n != prev {
		t.Errorf("messages that change nothing drew the descriptors %d and the previews %d times again, want none",
			s.memo.descN-desc, s.memo.prev.n-prev)
	}
}

// TestUpdateDrawsNothingUntilWriting: opening the panel and choosing
// levels lay nothing out until the panel is drawn (the textarea's room
// was worked out after every key, and as every review opened); writing
// feedback sizes the textarea to its room.
func TestUpdateDrawsNothingUntilWriting(t *testing.T) {
	s := press(testPanel(t, 60, 30, nil), "n", "m", "up")
	if s.memo.descN != 0 || s.memo.top.n != 0 {
		t.Errorf("levels without a frame drew the descriptors %d and the criteria %d times, want none", s.memo.descN, s.memo.top.n)
	}
	s = press(s, "enter")
	if !s.Editing() {
		t.Fatal("enter did not start the feedback")
	}
	if got, want := s.sheet.ed.h, s.textHeight(); got != want || s.sheet.ed.ta.Height() != want {
		t.Errorf("textarea height %d (asked %d), want its room %d", s.sheet.ed.ta.Height(), got, want)
	}
}
