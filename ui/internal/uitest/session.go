package uitest

import (
	"bytes"
	"cmp"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// Session drives one program under teatest and keeps all of its output,
// so a wait can look at exactly what was drawn after a given point.
type Session struct {
	T    *testing.T
	TM   *teatest.TestModel
	Out  bytes.Buffer  // everything read from the program so far
	Wait time.Duration // how long each wait may take; WaitTimeout when zero
}

// Start runs m under teatest at w×h; the program is quit when the test
// ends.
func Start(t *testing.T, m tea.Model, w, h int) *Session {
	t.Helper()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
	t.Cleanup(func() { _ = tm.Quit() })
	return &Session{T: t, TM: tm}
}

func (s *Session) read() {
	b, _ := io.ReadAll(s.TM.Output())
	s.Out.Write(b)
}

// Mark is a point in the output; waits after it ignore earlier frames.
func (s *Session) Mark() int { s.read(); return s.Out.Len() }

// WaitAfter waits until every sub appears in the output drawn after mark.
func (s *Session) WaitAfter(mark int, subs ...string) {
	s.T.Helper()
	limit := s.timeout()
	deadline := time.Now().Add(limit)
	for {
		s.read()
		got := s.Out.String()[mark:]
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
			s.T.Fatalf("waited %s for %q; output after mark:\n%s", limit, missing, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Press sends keys: names like "enter", "esc", "tab", "down", "up",
// "ctrl+c", "ctrl+s", or literal text typed rune by rune.
func (s *Session) Press(keys ...string) {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "down": tea.KeyDown,
		"up": tea.KeyUp, "ctrl+c": tea.KeyCtrlC, "ctrl+s": tea.KeyCtrlS, "pgdown": tea.KeyPgDown,
		"pgup": tea.KeyPgUp,
	}
	for _, k := range keys {
		if kt, ok := special[k]; ok {
			s.TM.Send(tea.KeyMsg{Type: kt})
			continue
		}
		for _, r := range k {
			s.TM.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
}

// Do presses keys and waits for subs to be drawn as a result.
func (s *Session) Do(keys []string, subs ...string) {
	s.T.Helper()
	m := s.Mark()
	s.Press(keys...)
	s.WaitAfter(m, subs...)
}

// Final waits for the program to end and returns its last model.
func (s *Session) Final() tea.Model {
	s.T.Helper()
	return s.TM.FinalModel(s.T, teatest.WithFinalTimeout(s.timeout()))
}

// timeout is how long one wait may take.
func (s *Session) timeout() time.Duration { return cmp.Or(s.Wait, WaitTimeout) }
