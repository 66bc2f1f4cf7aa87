package reviewer

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/components/overlay"
)

// The review screen's overlays: `h` pushes the history and `a` the files
// over both panes; esc pops them. While one is open it gets the keys and
// its help shows, except that q still quits (saving the draft) and ? still
// toggles help, as on every screen.

// push opens o over both panes.
func (r *reviewModel) push(o overlay.Model) {
	r.overlays = r.overlays.Push(o)
	r.setSize(r.width, r.height)
}

// toggleHelp shows or hides the full help on ?, and hides it on esc
// (esc closes what opened last), over the panes, an overlay or the
// picker; it reports whether k was such a key.
func (r *reviewModel) toggleHelp(k tea.KeyMsg) bool {
	if !key.Matches(k, r.keys.Help) && (k.Type != tea.KeyEsc || !r.help.ShowAll) {
		return false
	}
	r.help.ShowAll = !r.help.ShowAll
	r.setSize(r.width, r.height)
	return true
}

// updateOverlay passes msg to the overlay on top. The opener's result is
// the review screen's to report, on its status line.
func (r *reviewModel) updateOverlay(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, r.keys.Quit):
			return r.quit()
		case r.toggleHelp(msg):
			return nil
		}
		if cmd, ok := r.updateFindKey(msg); ok {
			return cmd
		}
		if f, ok := r.overlays.Top().(finder); ok && msg.Type == tea.KeyEsc && r.query != "" && f.CanFind() {
			// As over the evidence, esc ends a search before it leaves
			// the file or the feedback shown.
			r.query = ""
			r.overlays, _, _ = r.overlays.Update(findMsg{"", 1})
			r.setStatus("", false)
			return nil
		}
	case openerDoneMsg:
		if msg.err != nil {
			r.setStatus("Could not open the file: "+review.Sanitize(msg.err.Error()), true)
		} else {
			r.setStatus("Opened the file; its temporary copy is removed", false)
		}
		return nil
	}
	var cmd tea.Cmd
	var closed overlay.Model
	title := r.overlays.Top().Title()
	r.overlays, cmd, closed = r.overlays.Update(msg)
	if res, ok := closed.(calibrationResult); ok {
		// The reviewer has read the comparison: on to the next example,
		// or (esc) back to the queue, as esc goes back everywhere. The
		// answer is recorded: there is no claim or draft left to keep.
		r.setSize(r.width, r.height)
		if res.back {
			status := r.status
			return func() tea.Msg { return reviewClosedMsg{status: status} }
		}
		return nextCmd(r.c, r.filter, r.status)
	}
	if closed != nil {
		r.setStatus("", false) // it spoke of the overlay just closed
		r.setSize(r.width, r.height)
		return cmd
	}
	if _, isKey := msg.(tea.KeyMsg); isKey && r.overlays.Top().Title() != title {
		r.setStatus("", false) // the overlay changed view: a file, its diff, the list
	}
	return cmd
}
