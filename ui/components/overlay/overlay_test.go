package overlay

import (
	"testing"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// counter closes after n messages and remembers its size.
type counter struct {
	name string
	n    int
	w, h int
}

func (c counter) Update(tea.Msg) (Model, tea.Cmd) { c.n--; return c, nil }
func (c counter) View() string                    { return c.name }
func (c counter) SetSize(w, h int) Model          { c.w, c.h = w, h; return c }
func (c counter) Help() help.KeyMap               { return nil }
func (c counter) Title() string                   { return c.name }
func (c counter) Closed() bool                    { return c.n <= 0 }

func TestStackRoutesToTopAndPopsOnClose(t *testing.T) {
	var s Stack
	if s.Top() != nil || s.View() != "" {
		t.Fatal("an empty stack has a top")
	}
	s = s.Push(counter{name: "files", n: 5}).Push(counter{name: "picker", n: 2})
	old := s
	s, _, closed := s.Update(nil)
	if closed != nil || s.View() != "picker" || s.Top().(counter).n != 1 {
		t.Fatalf("after one message: top %v, closed %v", s.Top(), closed)
	}
	if old.Top().(counter).n != 2 {
		t.Error("an old copy of the stack saw the update")
	}
	s, _, closed = s.Update(nil)
	if closed == nil || closed.Title() != "picker" || s.Len() != 1 || s.View() != "files" {
		t.Fatalf("picker not popped: len %d, closed %v", s.Len(), closed)
	}
	s = s.SetSize(40, 10)
	if c := s.Top().(counter); c.w != 40 || c.h != 10 {
		t.Errorf("SetSize: %dx%d", c.w, c.h)
	}
}
