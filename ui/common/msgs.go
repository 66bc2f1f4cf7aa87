package common

import (
	"time"

	"assessor/review"
)

// SaveAndQuitMsg asks a running program to end as if its user had pressed
// ctrl+c: the reviewer program saves any unsaved draft and then quits (and
// keeps running, saying so, when that save fails); the dashboard and
// adjudication, which hold nothing unsaved, quit at once. A server sends it
// with tea.Program.Send when a session ends from outside (the connection
// dropped, the server is shutting down); it is safe to send from any
// goroutine and more than once.
type SaveAndQuitMsg struct{}

// UnsavedQuitMsg is what a program sent SaveAndQuitMsg reports when its
// draft could not be saved (the claim went to another reviewer): nobody is
// there to press ctrl+c again, so it quits at once, and a server that
// watches for this message tells the reviewer the draft was not saved.
type UnsavedQuitMsg struct{ Err error }

// AttemptChangedMsg tells a running program what a lead did to an attempt
// (review.AttemptNotice): the review screen showing its application reads
// the evidence again, or tells its reviewer their claim was ended; other
// screens ignore it. A server sends it with tea.Program.Send.
type AttemptChangedMsg struct{ Notice review.AttemptNotice }

// QueueChangedMsg tells a running program that the shared queue changed
// (another session claimed, released or decided an attempt). With Changes,
// the queue screen updates the rows they name in place, with no store
// read; without, it reloads as `r` would. Either way it keeps its status
// line, any claim in flight and the cursor on the same attempt; other
// screens ignore it, and the queue reloads anyway when the reviewer
// returns to it.
//
// Senders (assessor serve) deliver it with tea.Program.Send from any
// goroutine and should coalesce bursts into one message: each one costs a
// redraw, and one without Changes a Queue call.
type QueueChangedMsg struct {
	// Changes are what happened, oldest first; empty means "something
	// changed": reload everything.
	Changes []QueueChange
}

// QueueChange is one change to one attempt's place in the shared queue.
type QueueChange struct {
	Key      review.AttemptKey
	Reviewer string // who claimed, released or decided it
	Claimed  bool   // Reviewer holds it now, until Until; false: released
	// Until is the claim's lease expiry; on a release, the expiry of the
	// lease it ended (zero when unknown), which tells a blind claim's row
	// whether this release ended it without naming its holder.
	Until time.Time
	// Hidden: the attempt awaits its second, blind review, so others see
	// the claim without a name (review.Actor.ClaimSeen).
	Hidden bool
	Left   bool // it left the queue (a decision of record)
}
