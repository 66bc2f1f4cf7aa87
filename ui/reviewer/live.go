package reviewer

import (
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
)

// liveReload fetches the queue again without touching what the reviewer is
// doing: unlike reload it leaves status and opening alone, so a refresh
// never clears an error or lets a second `n` through while one is pending.
func (m queueModel) liveReload() (queueModel, tea.Cmd) {
	return m, loadQueueCmd(m.c, m.filter, m.creds == nil)
}

// setItems shows items, keeping the cursor on the attempt it was on when
// that attempt is still listed: rows appear and vanish above it as other
// reviewers work, and the selection must not slide onto another attempt.
// When it is gone (decided, or filtered out) the cursor stays at the same
// place in the list, on the last row if the list got shorter; either way
// show brings it on screen.
func (m *queueModel) setItems(items []review.QueueItem) {
	cur, had := m.selected()
	m.items = items
	if had {
		for i, it := range items {
			if it.Key() == cur.Key() {
				m.cursor = i
				break
			}
		}
	}
	m.show()
}

// ShowsQueue reports whether m is the reviewer program's root model (from
// New) with its queue screen showing and not about to leave it (no claim
// in flight): the only case a QueueChangedMsg changes anything. A server
// may drop the message for every other program (with tea.WithFilter):
// Bubble Tea redraws the whole view after each message, so a review screen
// redrawn for nothing costs as much as a keystroke, and the queue reloads
// anyway when the reviewer comes back to it.
func ShowsQueue(m tea.Model) bool {
	a, ok := m.(appModel)
	return ok && a.screen == queueScreen && !a.queue.opening
}
