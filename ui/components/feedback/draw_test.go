package feedback

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// drawConfigs are the textareas the equivalence tests draw: New's on the
// styles of each mode the program runs in, and two whose styles do more
// than colour (a Base with padding; styled text rows), which only the
// replica can draw.
func drawConfigs() []drawConfig {
	ascii := lipgloss.NewRenderer(io.Discard)
	ascii.SetColorProfile(termenv.Ascii)
	colour := uitest.TrueColorRenderer()
	return []drawConfig{
		{"ascii", true, func() textarea.Model { return New(styles.New(ascii, true)) }},
		{"no-colour", true, func() textarea.Model { return New(styles.New(colour, true)) }},
		{"truecolor", true, func() textarea.Model { return New(styles.New(colour, false)) }},
		{"padded", false, func() textarea.Model {
			return restyle(New(styles.New(colour, false)), func(s *textarea.Style) {
				s.Base = colour.NewStyle().Padding(0, 1)
			})
		}},
		{"styled lines", false, func() textarea.Model {
			return restyle(New(styles.New(colour, false)), func(s *textarea.Style) {
				s.CursorLine = colour.NewStyle().Background(lipgloss.Color("#202020"))
				s.Text = colour.NewStyle().Italic(true)
			})
		}},
	}
}

type drawConfig struct {
	name string
	fast bool // drawn the fast way, mostly
	make func() textarea.Model
}

// restyle gives ta the style f makes of its own, focused and blurred.
func restyle(ta textarea.Model, f func(*textarea.Style)) textarea.Model {
	s := ta.FocusedStyle
	f(&s)
	ta.FocusedStyle, ta.BlurredStyle = s, s
	ta.Blur()
	return ta
}

// simplePieces are what the random typing types: letters, spaces, wide
// runes, whitespace the wrap turns into spaces, runes of no width, and
// words longer than any width. oddPieces add runes that join the one
// before, and runes bubbles and lipgloss measure as wide apart.
var (
	simplePieces = []string{
		"a", "b", "e", "s", "t", "x", " ", " ", " ", "漢", "☕", "é", "—", "’",
		"\u00a0", "\u3000", "\u200b", "\u00ad",
		"supercalifragilisticexpialidocious", "漢字漢字漢字漢字漢字漢字漢字", "two words",
	}
	oddPieces = append([]string{"e\u0301", "👍🏽", "❤\ufe0f", "☰", "〰"}, simplePieces...)
)

var keys = []tea.KeyMsg{
	{Type: tea.KeyEnter}, {Type: tea.KeyBackspace}, {Type: tea.KeyDelete},
	{Type: tea.KeyUp}, {Type: tea.KeyDown}, {Type: tea.KeyLeft}, {Type: tea.KeyRight},
	{Type: tea.KeyHome}, {Type: tea.KeyEnd},
	{Type: tea.KeyLeft, Alt: true}, {Type: tea.KeyRight, Alt: true}, // word jumps
	{Type: tea.KeyCtrlK}, {Type: tea.KeyCtrlU}, {Type: tea.KeyCtrlW}, {Type: tea.KeyCtrlT},
	{Type: tea.KeyCtrlV}, // paste: returns before scrolling
	{Type: tea.KeyCtrlHome}, {Type: tea.KeyCtrlEnd},
	{Type: tea.KeyRunes, Runes: []rune("d"), Alt: true}, // delete word forward
	{Type: tea.KeyRunes, Runes: []rune("u"), Alt: true}, // uppercase word
}

// randomMsg is a message for the textarea: mostly typing, then keys that
// move and delete, and now and then a mouse wheel or a message it ignores.
func randomMsg(rng *rand.Rand, pieces []string) tea.Msg {
	switch n := rng.IntN(100); {
	case n < 55:
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(pieces[rng.IntN(len(pieces))])}
	case n < 62:
		return tea.KeyMsg{Type: tea.KeyEnter}
	case n < 95:
		return keys[rng.IntN(len(keys))]
	case n < 98:
		b := tea.MouseButtonWheelUp
		if rng.IntN(2) == 0 {
			b = tea.MouseButtonWheelDown
		}
		return tea.MouseMsg{Action: tea.MouseActionPress, Button: b}
	}
	return struct{}{}
}

func randomText(rng *rand.Rand, pieces []string) string {
	var b strings.Builder
	for range rng.IntN(60) {
		if rng.IntN(8) == 0 {
			b.WriteString("\n")
		} else {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
	}
	return b.String()
}

// TestDrawerDrawsAsView drives two textareas alike through thousands of
// random steps, one through a Drawer (its View never called, as in the
// program) and one as bubbles is used, drawn with its own View, and
// requires the drawings to be the same, byte for byte, whenever both are
// drawn: typing, moving, deleting, scrolling by cursor and by wheel,
// resizing, setting the text, focusing and blurring, and steps between
// which nothing is drawn (the viewport scrolls over what it held when
// last drawn).
func TestDrawerDrawsAsView(t *testing.T) {
	for _, c := range drawConfigs() {
		t.Run(c.name, func(t *testing.T) {
			for seed := range uint64(2) {
				fast := drawLikeView(t, c.make, seed, 2500, simplePieces)
				if c.fast && fast < 1500 {
					t.Errorf("seed %d: %d of 2500 steps drawn the fast way", seed, fast)
				}
				drawLikeView(t, c.make, seed, 2500, oddPieces)
			}
		})
	}
}

// drawLikeView runs the steps and returns how many were drawn the fast way.
func drawLikeView(t *testing.T, make func() textarea.Model, seed uint64, steps int, pieces []string) int {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 16))
	ta, ref := make(), make()
	var d Drawer
	both := func(f func(*textarea.Model)) { f(&ta); f(&ref) }
	both(func(m *textarea.Model) { m.SetWidth(24); m.SetHeight(4); m.Focus() })
	var log []string
	drawn, fast := 0, d.fastN
	for step := range steps {
		var did string
		switch n := rng.IntN(100); {
		case n < 88:
			msg := randomMsg(rng, pieces)
			did = fmt.Sprintf("update %#v", msg)
			d.Update(&ta, msg)
			ref, _ = ref.Update(safeWordLeft(&ref, msg)) // bubbles' own word jump back may never return

		case n < 92:
			w, h := 3+rng.IntN(40), 1+rng.IntN(9)
			did = fmt.Sprintf("size %dx%d", w, h)
			both(func(m *textarea.Model) { m.SetWidth(w); m.SetHeight(h) })
		case n < 95:
			s := randomText(rng, pieces)
			if rng.IntN(4) == 0 {
				s = ""
			}
			did = fmt.Sprintf("set %q", s)
			d.SetValue(&ta, s)
			ref.SetValue(s)
		case n < 97:
			did = "blur"
			both(func(m *textarea.Model) { m.Blur() })
		default:
			did = "focus"
			both(func(m *textarea.Model) { m.Focus() })
		}
		log = append(log, did)
		if rng.IntN(10) == 0 {
			continue // neither is drawn
		}
		got, want := d.View(&ta), ref.View()
		drawn++
		if got != want {
			start := max(0, len(log)-12)
			t.Fatalf("seed %d step %d: drawing differs after\n  %s\ngot\n%s\nwant\n%s\n(value %q, %dx%d)",
				seed, step, strings.Join(log[start:], "\n  "), got, want, ref.Value(), ref.Width(), ref.Height())
		}
	}
	if drawn == 0 {
		t.Fatal("nothing was drawn")
	}
	if d.typedN == 0 {
		t.Errorf("seed %d: no key was typed without the textarea's Update", seed)
	}
	t.Logf("seed %d: %d drawings, %d the fast way, %d keys typed", seed, drawn, d.fastN-fast, d.typedN)
	return d.fastN - fast
}

// TestSetValueEmptyKeepsTheTextarea: setting no text on an empty textarea
// does not make it anew (bubbles' SetValue makes room for 10,000 lines,
// 240 KB, on every call, and writing feedback for a criterion without any
// starts so), while setting no text on one with text still empties it.
// TestDrawerDrawsAsView checks that the drawings stay bubbles' own.
func TestSetValueEmptyKeepsTheTextarea(t *testing.T) {
	ta := New(styles.New(uitest.TrueColorRenderer(), false))
	var d Drawer
	d.SetValue(&ta, "some feedback\nover two lines")
	d.SetValue(&ta, "")
	if v := d.Value(&ta); v != "" || ta.Value() != "" || ta.Line() != 0 || ta.LineInfo().ColumnOffset != 0 {
		t.Fatalf("after setting no text: %q (kept %q), line %d, column %d", ta.Value(), v, ta.Line(), ta.LineInfo().ColumnOffset)
	}
	const calls = 20
	alloc := uitest.Allocated(func() {
		for range calls {
			d.SetValue(&ta, "")
		}
	})
	if per := alloc / calls; per > 1<<10 {
		t.Errorf("setting no text on an empty textarea allocated %d bytes a call", per)
	}
}
