package ui

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

// TestMain pins the colour profile so rendered output is plain text and the
// same on every machine.
func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

const waitTimeout = 3 * time.Second

// session drives one program under teatest and keeps all of its output, so
// a wait can look at exactly what was drawn after a given point.
type session struct {
	t   *testing.T
	tm  *teatest.TestModel
	f   *fakeBackend
	out bytes.Buffer
}

// start runs the reviewer program on f at w×h. Unless opt says otherwise
// the clock is fixed and the draft debounce is an hour, so only the test
// that wants a debounced save gets one.
func start(t *testing.T, f *fakeBackend, opt Options, w, h int) *session {
	t.Helper()
	if opt.Now == nil {
		opt.Now = testClock
	}
	if opt.DraftDelay == 0 {
		opt.DraftDelay = time.Hour
	}
	tm := teatest.NewTestModel(t, New(f, "rev-1", opt), teatest.WithInitialTermSize(w, h))
	s := &session{t: t, tm: tm, f: f}
	t.Cleanup(func() { _ = tm.Quit() })
	return s
}

func (s *session) read() {
	b, _ := io.ReadAll(s.tm.Output())
	s.out.Write(b)
}

// mark is a point in the output; waits after it ignore earlier frames.
func (s *session) mark() int { s.read(); return s.out.Len() }

// waitAfter waits until every sub appears in the output drawn after mark.
func (s *session) waitAfter(mark int, subs ...string) {
	s.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		s.read()
		got := s.out.String()[mark:]
		missing := ""
		for _, sub := range subs {
			if !strings.Contains(got, sub) {
				missing = sub
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waited %s for %q; output after mark:\n%s", waitTimeout, missing, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// press sends keys: names like "enter", "esc", "tab", "down", "up",
// "ctrl+c", "ctrl+s", or literal text typed rune by rune.
func (s *session) press(keys ...string) {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "down": tea.KeyDown,
		"up": tea.KeyUp, "ctrl+c": tea.KeyCtrlC, "ctrl+s": tea.KeyCtrlS, "pgdown": tea.KeyPgDown,
	}
	for _, k := range keys {
		if kt, ok := special[k]; ok {
			s.tm.Send(tea.KeyMsg{Type: kt})
			continue
		}
		for _, r := range k {
			s.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
}

// do presses keys and waits for subs to be drawn as a result.
func (s *session) do(keys []string, subs ...string) {
	s.t.Helper()
	m := s.mark()
	s.press(keys...)
	s.waitAfter(m, subs...)
}

// keys is shorthand for a key list.
func keys(k ...string) []string { return k }

// final waits for the program to end and returns its last model.
func (s *session) final() appModel {
	s.t.Helper()
	return s.tm.FinalModel(s.t, teatest.WithFinalTimeout(waitTimeout)).(appModel)
}

// quit quits with q (saving any draft) and returns the final model.
func (s *session) quit() appModel {
	s.t.Helper()
	s.press("q")
	return s.final()
}

// waitFor polls cond until it holds or the test times out.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// holdsFor checks that cond stays true for d, failing as soon as it does
// not: the wait of a test that something does not happen.
func holdsFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if !cond() {
			t.Fatalf("%s: it did not hold", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !cond() {
		t.Fatalf("%s: it did not hold", what)
	}
}

// requireFits fails when view has a line wider than w cells or more than h
// lines.
func requireFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, more than %d", len(lines), h)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i, lipgloss.Width(l), w, l)
		}
	}
}

// teaSize is a terminal resize to w×h.
func teaSize(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// trueColorRenderer is a renderer that emits colour, whatever the test's
// terminal, for checking what the styles would do on a real terminal.
func trueColorRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}
