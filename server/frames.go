package server

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// repeatPads is how many different paddings a repeated frame cycles
// through (see frames). The renderer is stuck again only if that many
// repeats arrive between two of its ticks (8 ms at sessionFPS).
const repeatPads = 16

// frames wraps a session's root model for Bubble Tea's renderer, which
// draws the latest View on its next tick. When the latest View equals the
// frame already on screen, the renderer's tick returns without clearing
// it, and from then on every tick (120 a second) copies the whole frame
// to compare it again, until the screen next changes: under 200 paced
// sessions that was a quarter of all memory allocated and 5% of the CPU
// (and the garbage collection of those copies), for screens that did not
// change (a draft saved, a lease renewed, a queue update that moved no
// row).
//
// So a View equal to the last one is handed over with blank lines above
// it. The renderer keeps only the bottom `height` lines of a taller frame,
// finds each of them already on screen, writes a few cursor moves and
// nothing else, and clears its buffer, so its idle ticks cost nothing.
// Successive repeats get different paddings, so a repeat never equals the
// frame the renderer last drew; a View equal to the one before the last
// (a change undone before the renderer drew it) counts as a repeat too. Frames shorter than the window are handed
// over as they are (padding them would move them down).
type frames struct {
	tea.Model
	height int    // the window's, as the renderer knows it (0 until known)
	last   string // the model's last View
	before string // the different View before it
	padded string // repeatPads newlines and last, built on its first repeat
	pad    int    // the padding the last repeat was given
}

// newFrames wraps m.
func newFrames(m tea.Model) *frames { return &frames{Model: m} }

// unwrapFrames returns the model inside f, or m itself.
func unwrapFrames(m tea.Model) tea.Model {
	if f, ok := m.(*frames); ok {
		return f.Model
	}
	return m
}

// Update notes the window's height (the renderer has taken the same
// message before Update runs) and passes msg on.
func (f *frames) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if ws, ok := msg.(tea.WindowSizeMsg); ok {
		f.height = ws.Height
	}
	var cmd tea.Cmd
	f.Model, cmd = f.Model.Update(msg)
	return f, cmd
}

// View is the model's View, padded above when it repeats the last one and
// fills the window.
func (f *frames) View() string {
	v := f.Model.View()
	switch v {
	case f.last:
	case f.before:
		// Back to the frame before within a tick or two (a status shown
		// and cleared): the renderer may still hold it as drawn.
		f.last, f.before, f.padded = v, f.last, ""
	default:
		f.last, f.before, f.padded, f.pad = v, f.last, "", 0
		return v
	}
	if f.height <= 0 || strings.Count(v, "\n")+1 < f.height {
		return v
	}
	if f.padded == "" {
		f.padded = strings.Repeat("\n", repeatPads) + v
	}
	f.pad = f.pad%repeatPads + 1
	return f.padded[repeatPads-f.pad:]
}
