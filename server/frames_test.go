package server

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// stillModel draws its lines; setLine changes one, setLines all, stillMsg
// nothing.
type stillModel struct{ lines []string }

type setLine struct {
	i int
	s string
}

type setLines []string

type stillMsg struct{}

func (m stillModel) Init() tea.Cmd { return nil }

func (m stillModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case setLine:
		m.lines = append([]string(nil), m.lines...)
		m.lines[msg.i] = msg.s
	case setLines:
		m.lines = msg
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

// TestFramesInProgram runs frames as a session does, in a program without
// a renderer: the terminal is set up before the first frame, which comes
// with the first window size; a message that leaves the screen as it is
// writes nothing; and a change writes only its line, at its row.
func TestFramesInProgram(t *testing.T) {
	const w, h = 20, 5
	lines := make([]string, h)
	for i := range lines {
		lines[i] = fmt.Sprintf("line %d", i)
	}
	out := &syncBuffer{}
	p := tea.NewProgram(newFrames(stillModel{lines: lines}, out), tea.WithInput(nil), tea.WithOutput(out),
		tea.WithoutRenderer(), tea.WithoutSignalHandler())
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() {
		p.Quit()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	p.Send(tea.WindowSizeMsg{Width: w, Height: h})
	first := waitOutput(t, out, 0, "first frame", func(s string) bool { return strings.Contains(s, "line 4") })
	if !strings.HasPrefix(first, terminalSetup) {
		t.Errorf("the output does not start by setting the terminal up: %q", first)
	}

	m := out.len()
	for range 3 {
		p.Send(stillMsg{})
	}
	p.Send(setLine{2, "changed"})
	got := waitOutput(t, out, m, "changed line", func(s string) bool { return strings.Contains(s, "changed") })
	if want := "\x1b[3;1H" + ansi.ResetStyle + "changed" + ansi.EraseLineRight; got != want {
		t.Errorf("unchanged frames and a one-line change wrote %q, want %q", got, want)
	}
}

// TestFramesCutWideLines: a line wider than the window is cut to it (the
// terminal would wrap it and move every line below), styles and all; one
// as wide is written without an erase, which would clear its last cell.
func TestFramesCutWideLines(t *testing.T) {
	var out bytes.Buffer
	f := newFrames(stillModel{lines: []string{"\x1b[1mabcdefgh\x1b[0m", "abcd", "ab"}}, &out)
	f.Update(tea.WindowSizeMsg{Width: 4, Height: 3})
	f.View()
	want := ansi.EraseEntireScreen + "\x1b[1;1H\x1b[m\x1b[1mabcd\x1b[0m" + "\x1b[2;1H\x1b[mabcd" + "\x1b[3;1H\x1b[mab" + ansi.EraseLineRight
	if got := out.String(); got != want {
		t.Errorf("drew %q, want %q", got, want)
	}
}

// TestFramesMatchTheirViews replays random frames (lines changed, added,
// removed, too wide, styled, the window resized) through frames into a
// model terminal, and requires after each that the terminal shows the
// View as Bubble Tea's renderer would: its bottom rows, each cut to the
// width, nothing below (cell by cell, frames_cells_test.go).
func TestFramesMatchTheirViews(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"a", "bb", "ccc", "é", "日本", "\x1b[31mred\x1b[0m", "│", " "}
	line := func() string {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	var out bytes.Buffer
	term := &cellTerminal{}
	w, h := 10, 6
	view := make([]string, h)
	for i := range view {
		view[i] = line()
	}
	f := newFrames(stillModel{lines: view}, &out)
	f.Update(tea.WindowSizeMsg{Width: w, Height: h})
	for step := range 3000 {
		switch r := rng.IntN(20); {
		case r == 0:
			w, h = 1+rng.IntN(14), 1+rng.IntN(9)
			f.Update(tea.WindowSizeMsg{Width: w, Height: h})
		case r < 3:
			next := make([]string, rng.IntN(h+3))
			for i := range next {
				next[i] = line()
			}
			f.Update(setLines(next))
		case r < 15 && len(f.Model.(stillModel).lines) > 0:
			f.Update(setLine{rng.IntN(len(f.Model.(stillModel).lines)), line()})
		default:
			f.Update(stillMsg{})
		}
		f.View()
		term.play(t, out.String())
		out.Reset()
		lines := f.Model.(stillModel).lines
		if len(lines) > h {
			lines = lines[len(lines)-h:]
		}
		if diff := term.differs(t, lines, w, h); diff != "" {
			t.Fatalf("step %d (%dx%d): %s", step, w, h, diff)
		}
	}
}

// writes records each Write apart.
type writes []string

func (w *writes) Write(p []byte) (int, error) { *w = append(*w, string(p)); return len(p), nil }

// TestFramesRedrawAResizeInOneWrite: a new window size blanks the screen
// in the same write as the frame drawn for it, so the terminal never shows
// the blank screen alone; the same size again blanks nothing.
func TestFramesRedrawAResizeInOneWrite(t *testing.T) {
	var out writes
	f := newFrames(stillModel{lines: []string{"one", "two"}}, &out)
	f.Update(tea.WindowSizeMsg{Width: 10, Height: 4})
	f.View()
	out = nil
	f.Update(tea.WindowSizeMsg{Width: 12, Height: 4})
	f.View()
	want := ansi.EraseEntireScreen + "\x1b[1;1H\x1b[mone" + ansi.EraseLineRight + "\x1b[2;1H\x1b[mtwo" + ansi.EraseLineRight
	if len(out) != 1 || out[0] != want {
		t.Errorf("a resize wrote %q, want one write %q", []string(out), want)
	}
	out = nil
	f.Update(tea.WindowSizeMsg{Width: 12, Height: 4})
	f.View()
	if len(out) != 0 {
		t.Errorf("the same size again wrote %q, want nothing", []string(out))
	}
}
