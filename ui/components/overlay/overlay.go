// Package overlay is the stack of child models a screen pushes over
// itself (a history, a list of files, a snippet picker, a dialog) and pops
// when they close. Keys, help and drawing go to the top of the stack, so a
// new overlay is one more type, not one more case in every switch.
package overlay

import (
	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is one overlay. Its methods work on a copy, as Bubble Tea models
// do, and return the changed overlay.
type Model interface {
	// Update handles a message sent to the top of the stack.
	Update(tea.Msg) (Model, tea.Cmd)
	// View draws the overlay in the size last set.
	View() string
	// SetSize sets the size the overlay is drawn in.
	SetSize(w, h int) Model
	// Help is the key map help shows while the overlay is on top.
	Help() help.KeyMap
	// Title is the title of the pane the overlay is drawn in, or "".
	Title() string
	// Closed reports that the overlay is done; the stack pops it after
	// the Update that closed it.
	Closed() bool
}

// Stack is a screen's overlays, bottom first. The zero value is empty. A
// Stack is a value: every method that changes it returns a new one that
// shares no array with the old, so an old copy of the screen's model
// never sees a later change.
type Stack struct{ items []Model }

// Len is how many overlays are open.
func (s Stack) Len() int { return len(s.items) }

// Top is the overlay on top, or nil when none is open.
func (s Stack) Top() Model {
	if len(s.items) == 0 {
		return nil
	}
	return s.items[len(s.items)-1]
}

// Push opens m on top.
func (s Stack) Push(m Model) Stack {
	return Stack{items: append(append([]Model(nil), s.items...), m)}
}

// Pop closes the top overlay, if any.
func (s Stack) Pop() Stack {
	if len(s.items) == 0 {
		return s
	}
	return Stack{items: append([]Model(nil), s.items[:len(s.items)-1]...)}
}

// Update sends msg to the top overlay. When that closes it, it is popped
// and returned as closed, so the screen can read what it was closed with
// (an answer, a chosen snippet); closed is nil otherwise. With no overlay
// open, Update does nothing.
func (s Stack) Update(msg tea.Msg) (_ Stack, cmd tea.Cmd, closed Model) {
	top := s.Top()
	if top == nil {
		return s, nil, nil
	}
	top, cmd = top.Update(msg)
	if top.Closed() {
		return s.Pop(), cmd, top
	}
	return s.Pop().Push(top), cmd, nil
}

// SetSize sets the size of every open overlay, so one uncovered by a pop
// is already laid out.
func (s Stack) SetSize(w, h int) Stack {
	out := Stack{items: make([]Model, len(s.items))}
	for i, m := range s.items {
		out.items[i] = m.SetSize(w, h)
	}
	return out
}

// View draws the top overlay, or "" when none is open.
func (s Stack) View() string {
	if top := s.Top(); top != nil {
		return top.View()
	}
	return ""
}
