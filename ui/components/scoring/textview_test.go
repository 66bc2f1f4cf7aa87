package scoring

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestTextViewDrawsAsTextarea drives two sheets alike through thousands
// of random steps, one drawn with TextView (its textarea's View never
// called, as in the program) and one whose textarea takes every key
// through its own Update and draws itself with View after every step,
// and requires the drawings to be the same, byte
// for byte, after every step: typing letters, spaces, wide runes and words
// longer than the width, newlines, deleting, moving by rune, line and
// word, resizing, and leaving and starting to write, with text longer
// than the textarea is high, so it scrolls.
func TestTextViewDrawsAsTextarea(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		t.Run(fmt.Sprintf("no-colour=%v", noColor), func(t *testing.T) {
			for seed := range uint64(3) {
				textViewLikeTextarea(t, noColor, seed, 3000)
			}
		})
	}
}

var sheetPieces = []string{
	"a", "e", "n", "s", "t", " ", " ", " ", "漢", "☕", "é",
	"unsurprisingly-hyphenated-and-long", "漢字漢字漢字漢字漢字漢字",
}

var sheetKeys = []tea.KeyMsg{
	{Type: tea.KeyEnter}, {Type: tea.KeyEnter}, {Type: tea.KeyBackspace}, {Type: tea.KeyBackspace},
	{Type: tea.KeyDelete}, {Type: tea.KeyUp}, {Type: tea.KeyDown}, {Type: tea.KeyLeft}, {Type: tea.KeyRight},
	{Type: tea.KeyHome}, {Type: tea.KeyEnd},
	{Type: tea.KeyLeft, Alt: true}, {Type: tea.KeyRight, Alt: true},
	{Type: tea.KeyCtrlW}, {Type: tea.KeyCtrlU},
}

func textViewLikeTextarea(t *testing.T, noColor bool, seed uint64, steps int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 16))
	st := styles.New(uitest.TrueColorRenderer(), noColor)
	r := uitest.Rubrics()[0]
	rows := append(CriterionRows(r), review.OverallKey)
	a := NewSheet(st, r, rows, nil, map[string]string{"C1": "a first note\nwith a second line"})
	b := NewSheet(st, r, rows, nil, map[string]string{"C1": "a first note\nwith a second line"})
	both := func(f func(s *Sheet)) { f(&a); f(&b) }
	both(func(s *Sheet) { s.SetTextSize(30, 4) })
	var log []string
	scrolled := 0
	for step := range steps {
		var did string
		switch n := rng.IntN(100); {
		case n < 90:
			var msg tea.KeyMsg
			if rng.IntN(5) < 3 {
				msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(sheetPieces[rng.IntN(len(sheetPieces))])}
			} else {
				msg = sheetKeys[rng.IntN(len(sheetKeys))]
			}
			if msg.Alt && msg.Type == tea.KeyLeft && b.Editing() && strings.TrimSpace(textBeforeCursor(b)) == "" {
				msg = tea.KeyMsg{Type: tea.KeyLeft} // bubbles' word jump back never returns there
			}
			did = fmt.Sprintf("key %v", msg)
			a.UpdateText(msg)
			textareaUpdate(&b, msg)
		case n < 95:
			w, h := 10+rng.IntN(50), 2+rng.IntN(8)
			did = fmt.Sprintf("size %dx%d", w, h)
			both(func(s *Sheet) { s.SetTextSize(w, h) })
		case n < 97:
			did = "stop"
			both(func(s *Sheet) { s.StopEditing() })
		default:
			id := rows[rng.IntN(len(rows))]
			did = "start " + id
			both(func(s *Sheet) { s.StartEditing(id) })
		}
		log = append(log, did)
		if got, want := a.TextView(), b.ed.area().View(); got != want {
			start := max(0, len(log)-12)
			t.Fatalf("seed %d step %d: TextView differs after\n  %s\ngot\n%s\nwant\n%s\n(text %q)",
				seed, step, strings.Join(log[start:], "\n  "), got, want, b.Text())
		}
		if ta := b.ed.ta; b.Editing() && wrappedLines(ta.Value(), ta.Width()) > ta.Height()+2 {
			scrolled++
		}
	}
	if scrolled < steps/4 {
		t.Errorf("seed %d: the text overflowed the textarea in only %d of %d steps", seed, scrolled, steps)
	}
}

// textareaUpdate is UpdateText through the textarea's own Update, as
// bubbles is used, so that its View is the reference.
func textareaUpdate(s *Sheet, msg tea.Msg) {
	if !s.Editing() {
		return
	}
	ta := s.ed.area()
	*ta, _ = ta.Update(msg)
	s.Feedback[s.editing] = ta.Value()
}

// textBeforeCursor is the text before the textarea's cursor.
func textBeforeCursor(s Sheet) string {
	ta := s.ed.ta
	lines := strings.Split(ta.Value(), "\n")
	info := ta.LineInfo()
	return strings.Join(lines[:ta.Line()], "\n") + string([]rune(lines[ta.Line()])[:info.StartColumn+info.ColumnOffset])
}

// TestTextCursorRowFollowsCursor: a pane short of room shows the
// textarea's lines round TextCursorRow, so it must be the drawn line the
// cursor is on, as the text scrolls down and back up.
func TestTextCursorRowFollowsCursor(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	r := uitest.Rubrics()[0]
	s := NewSheet(st, r, append(CriterionRows(r), review.OverallKey), nil, nil)
	s.SetTextSize(30, 4)
	s.StartEditing(s.Row())
	// Drawn after every key, as the program draws: the textarea scrolls
	// only once it has been drawn.
	key := func(k tea.KeyMsg) { s.UpdateText(k); s.TextView() }
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"}
	for i, w := range words {
		if i > 0 {
			key(tea.KeyMsg{Type: tea.KeyEnter})
		}
		key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(w)})
	}
	on := func(want string) {
		t.Helper()
		lines := strings.Split(s.TextView(), "\n")
		if row := s.TextCursorRow(); !strings.Contains(lines[row], want) {
			t.Errorf("TextCursorRow %d is %q, not the cursor's line %q:\n%s", row, lines[row], want, s.TextView())
		}
	}
	on("foxtrot")
	for i := len(words) - 2; i >= 0; i-- {
		key(tea.KeyMsg{Type: tea.KeyUp})
		on(words[i])
	}
}
