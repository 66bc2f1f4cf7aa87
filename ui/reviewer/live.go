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
// entries for each one), to the listed rows and the spare ones past the
// limit, which move up as listed ones leave; else, or when the queue is
// stale or the spare rows ran out with more attempts past them, by a
// reload.
func (m *queueModel) liveUpdate(msg common.QueueChangedMsg) tea.Cmd {
	if len(msg.Changes) == 0 || !m.loaded || m.c.Now().Sub(m.loadedAt) > liveFullEvery {
		return m.liveReload()
	}
	// The listed rows and the spare ones, in queue order, as one list.
	items := append(append(make([]review.QueueItem, 0, len(m.items)+len(m.spare)), m.items...), m.spare...)
	at := make(map[review.AttemptKey]int, len(items))
	for i, it := range items {
		at[it.Key()] = i
	}
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
			it := claimSeen(items[i], ch, m.c.Reviewer)
			changed = changed || it != items[i]
			items[i] = it
		}
	}
	if left == 0 && !changed {
		return nil // nothing this reviewer is shown changed
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
	if len(items) < queueLimit && m.more {
		return m.liveReload() // attempts past the spare ones move up
	}
	m.setQueue(items)
	return nil
}

// setQueue lists the first queueLimit of items, in queue order, and keeps
// the rest as the spare rows.
func (m *queueModel) setQueue(items []review.QueueItem) {
	n := min(len(items), queueLimit)
	m.spare = items[n:]
	m.setItems(items[:n:n])
}

// claimSeen is it after the claim or release ch, as the reviewer's Queue
// would list it (store.Queue: Listed's claimed, then ClaimSeen): another
// reviewer's claim is claimed and named unless the attempt awaits a blind
// second review; the reviewer's own is not claimed but theirs. A release
// clears the row only when the claim it shows is the releaser's: releasing
// a lease one does not hold changes nothing in the store, and the
// announcements of two sessions may arrive in the other order, even two
// of one reviewer's (one leaving, the other claiming again). So it also
// goes by the expiry, which a blind claim's row, with no name to match,
// goes by alone: a lease only ever runs longer as it is renewed, and any
// earlier lease ended before this claim was taken, so it expired earlier.
func claimSeen(it review.QueueItem, ch common.QueueChange, reviewer string) review.QueueItem {
	switch {
	case ch.Claimed && ch.Reviewer == reviewer:
		it.Claimed, it.Holder, it.Until, it.Mine = false, reviewer, ch.Until, true
	case ch.Claimed:
		it.Claimed, it.Holder, it.Until, it.Mine = true, ch.Reviewer, ch.Until, false
		if ch.Hidden {
			it.Holder = ""
		}
	case (it.Holder == ch.Reviewer || it.Holder == "") && !ch.Until.Before(it.Until):
		it.Claimed, it.Holder, it.Until, it.Mine = false, "", time.Time{}, false
	}
	return it
}

// liveReload fetches the queue again without touching what the reviewer is
// doing: unlike reload it leaves status and opening alone, so a refresh
// never clears an error or lets a second `n` through while one is pending.
func (m *queueModel) liveReload() tea.Cmd {
	return loadQueueCmd(m.c, m.filter, m.creds == nil)
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
	m.noteFreed()
	m.show()
}

// noteFreed turns a status saying another reviewer holds an attempt into
// one saying it is free, once its row shows nobody does (a release or a
// lease run out), or clears it once the attempt is no longer listed: the
// status would go on naming a holder who is gone. A status written since
// (an action) is left alone.
func (m *queueModel) noteFreed() {
	if m.refused == "" || m.status != m.refusal {
		m.refused = "" // none, or another status since
		return
	}
	h := m.refused
	for _, it := range m.items {
		if it.Handle() != h {
			continue
		}
		if !it.Claimed {
			m.status, m.isErr, m.refused = review.Sanitize(h)+" is free now: enter opens it", false, ""
		}
		return
	}
	m.status, m.isErr, m.refused = "", false, ""
}

// ShowsApplication reports whether m is the reviewer program's root model
// with the review screen of an attempt of app open: the only case an
// AttemptChangedMsg about app changes anything, so a server may drop it
// for every other program.
func ShowsApplication(m tea.Model, app string) bool {
	a, ok := m.(*appModel)
	return ok && a.screen == reviewScreen && a.review.key.Application == app
}

// ShowsQueue reports whether m is the reviewer program's root model (from
// New) with its queue screen showing and not about to leave it (no claim
// in flight): the only case a QueueChangedMsg changes anything. A server
// may drop the message for every other program (with tea.WithFilter):
// Bubble Tea redraws the whole view after each message, so a review screen
// redrawn for nothing costs as much as a keystroke, and the queue reloads
// anyway when the reviewer comes back to it.
func ShowsQueue(m tea.Model) bool {
	a, ok := m.(*appModel)
	return ok && a.screen == queueScreen && !a.queue.opening
}
