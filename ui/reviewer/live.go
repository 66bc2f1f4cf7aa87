package reviewer

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// liveFullEvery is how stale a queue that only applies changes may get
// before a change makes it reload in full: no change announces a lease
// that ran out, so its row would say "in review" until then.
const liveFullEvery = 30 * time.Second

// liveUpdate applies a QueueChangedMsg: in place when it names its changes
// (a claim, release or decision elsewhere costs no store read: under
// `serve` every session on the queue screen used to reload up to 500
// entries for each one), else, or when the queue is stale or an attempt
// past the limit may now be listed, by a reload.
func (m queueModel) liveUpdate(msg common.QueueChangedMsg) (queueModel, tea.Cmd) {
	if len(msg.Changes) == 0 || !m.loaded || m.c.Now().Sub(m.loadedAt) > liveFullEvery {
		return m.liveReload()
	}
	at := make(map[review.AttemptKey]int, len(m.items))
	for i, it := range m.items {
		at[it.Key()] = i
	}
	items := append([]review.QueueItem(nil), m.items...)
	gone := make([]bool, len(items))
	left, changed := 0, false
	for _, ch := range msg.Changes {
		i, ok := at[ch.Key]
		switch {
		case !ok || gone[i]:
			// Not listed for this reviewer (or already gone): nothing
			// shows it, and a change must never add a row a reload would
			// not (conflicts of interest, first reviews).
		case ch.Left:
			gone[i] = true
			left++
		default:
			// Queue marks only other reviewers' leases as claimed. A change
			// does not say whether the holder may be named (a blind second
			// review) nor until when: the row says "in review" until the
			// next full load fills them in.
			it := &items[i]
			claimed := ch.Claimed && ch.Reviewer != m.c.Reviewer
			mine := ch.Claimed && ch.Reviewer == m.c.Reviewer
			if it.Claimed == claimed && it.Mine == mine {
				continue
			}
			changed = true
			it.Claimed, it.Mine, it.Holder, it.Until = claimed, mine, "", time.Time{}
			if mine {
				it.Holder, it.Until = ch.Reviewer, m.c.Now().Add(review.LeaseDuration)
			}
		}
	}
	if left == 0 && !changed {
		return m, nil // nothing this reviewer is shown changed
	}
	if left > 0 && len(m.items) >= queueLimit {
		return m.liveReload() // the attempts past the limit move up
	}
	if left > 0 {
		kept := items[:0]
		for i, it := range items {
			if !gone[i] {
				kept = append(kept, it)
			}
		}
		items = kept
	}
	m.setItems(items)
	return m, nil
}

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
