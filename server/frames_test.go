package server

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// stillModel draws its lines; setLine changes one, stillMsg nothing.
type stillModel struct{ lines []string }

type setLine struct {
	i int
	s string
}

type stillMsg struct{}

func (m stillModel) Init() tea.Cmd { return nil }

func (m stillModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if s, ok := msg.(setLine); ok {
		m.lines = append([]string(nil), m.lines...)
		m.lines[s.i] = s.s
	}
	return m, nil
}

func (m stillModel) View() string { return strings.Join(m.lines, "\n") }

// syncBuffer is a program's output, read while it writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// after is what was written after mark.
func (s *syncBuffer) after(mark int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()[mark:]
}

func (s *syncBuffer) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}

// waitOutput waits until ok holds for what was written after mark.
func waitOutput(t *testing.T, out *syncBuffer, mark int, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		got := out.after(mark)
		if ok(got) {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not written within 3s (written after the mark: %q)", what, got)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestRepeatedFrameIsFlushed: after a message that leaves the screen as it
// was, the renderer must still flush (a few cursor moves, no text), so it
// stops copying the frame on every tick; and the next change draws only
// the line that changed, so the padding moved nothing on screen. Without
// frames, the renderer writes nothing after the repeat.
func TestRepeatedFrameIsFlushed(t *testing.T) {
	const w, h = 20, 5
	lines := make([]string, h)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i)
	}
	out := &syncBuffer{}
	p := tea.NewProgram(newFrames(stillModel{lines: lines}), tea.WithInput(nil), tea.WithOutput(out),
		tea.WithAltScreen(), tea.WithoutSignalHandler(), tea.WithFPS(sessionFPS))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() {
		p.Quit()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	p.Send(tea.WindowSizeMsg{Width: w, Height: h})
	waitOutput(t, out, 0, "first frame", func(s string) bool { return strings.Contains(s, "line 4") })

	for range 3 * repeatPads {
		m := out.len()
		p.Send(stillMsg{})
		got := waitOutput(t, out, m, "flush of the repeated frame", func(s string) bool { return s != "" })
		if text := strings.TrimSpace(ansi.Strip(got)); text != "" {
			t.Fatalf("repeated frame wrote text %q (all written: %q)", text, got)
		}
	}

	m := out.len()
	p.Send(setLine{2, "changed"})
	got := waitOutput(t, out, m, "changed line", func(s string) bool { return strings.Contains(s, "changed") })
	if text := ansi.Strip(got); strings.Contains(text, "line") {
		t.Errorf("a one-line change redrew other lines: %q", text)
	}
}

// TestFramesPadOnlyRepeatsThatFill: a repeated frame as tall as the window
// comes back padded above, differently each time for repeatPads repeats
// and always ending in the frame; a new frame, or a repeat shorter than
// the window, comes back as it is.
func TestFramesPadOnlyRepeatsThatFill(t *testing.T) {
	f := newFrames(stillModel{lines: []string{"a", "b", "c"}})
	f.Update(tea.WindowSizeMsg{Width: 10, Height: 3})
	first := f.View()
	if first != "a\nb\nc" {
		t.Fatalf("first View = %q", first)
	}
	seen := map[string]bool{first: true}
	for i := range repeatPads {
		v := f.View()
		if seen[v] || !strings.HasSuffix(v, "\n"+first) {
			t.Fatalf("repeat %d = %q: want a new padding of %q", i, v, first)
		}
		seen[v] = true
	}
	f.Update(setLine{0, "x"})
	if v := f.View(); v != "x\nb\nc" {
		t.Errorf("changed View = %q", v)
	}
	f.Update(tea.WindowSizeMsg{Width: 10, Height: 4})
	f.View()
	if v := f.View(); v != "x\nb\nc" {
		t.Errorf("repeat shorter than the window = %q, want it as it is", v)
	}
}

// TestFramesPadChangeUndone: a View equal to the one before the last (a
// status shown and cleared within a tick) is padded too: the renderer may
// hold it as the frame it drew.
func TestFramesPadChangeUndone(t *testing.T) {
	f := newFrames(stillModel{lines: []string{"a", "b"}})
	f.Update(tea.WindowSizeMsg{Width: 10, Height: 2})
	a := f.View()
	f.Update(setLine{1, "busy"})
	if v := f.View(); v != "a\nbusy" {
		t.Fatalf("changed View = %q", v)
	}
	f.Update(setLine{1, "b"})
	if v := f.View(); v == a || !strings.HasSuffix(v, "\n"+a) {
		t.Errorf("View back to the one before = %q, want %q padded above", v, a)
	}
}
