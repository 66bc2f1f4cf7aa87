package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
)

// MinWidth and MinHeight are the smallest window the screens are laid out
// for: at 50×16 the review screen's two panes, the scoring panel and the
// confirm dialog still show whole words. Below it they cut mid-word, and a
// reviewer could confirm a decision whose levels they cannot read.
const (
	MinWidth  = 50
	MinHeight = 16
)

// sized is every program's outermost model: while the window is smaller
// than MinWidth×MinHeight it draws one line asking for more room and keeps
// keys and the mouse from a screen nobody can see, except ctrl+c, which
// quits as it always does (saving a draft on the review screen).
type sized struct {
	m     tea.Model
	w, h  int
	known bool // a size came: before it nothing is known
}

// guardSize wraps m, a program's root, in sized.
func guardSize(m tea.Model) tea.Model { return sized{m: m} }

// unwrapSized returns the model inside sized, or m itself.
func unwrapSized(m tea.Model) tea.Model {
	if s, ok := m.(sized); ok {
		return s.m
	}
	return m
}

// small reports whether the last size given is under the minimum; before
// any size, nothing is known and the screen draws as usual. A size of 0×0
// (a pty with none set) is small too: drawn at it, the screens ask for
// negative widths.
func (s sized) small() bool { return s.known && (s.w < MinWidth || s.h < MinHeight) }

func (s sized) Init() tea.Cmd { return s.m.Init() }

func (s sized) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.w, s.h, s.known = msg.Width, msg.Height, true
	case tea.KeyMsg:
		if s.small() && msg.Type != tea.KeyCtrlC {
			return s, nil
		}
	case tea.MouseMsg:
		if s.small() {
			return s, nil
		}
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	return s, cmd
}

func (s sized) View() string {
	if !s.small() {
		return s.m.View()
	}
	msg := fmt.Sprintf("Window too small (%d×%d): make it at least %d×%d.\nctrl+c quits.", s.w, s.h, MinWidth, MinHeight)
	if s.w < 1 {
		return msg // no width to fit it to: the terminal wraps it, if it shows anything
	}
	return common.Fit(common.Wrap(msg, s.w), s.w, s.h)
}
