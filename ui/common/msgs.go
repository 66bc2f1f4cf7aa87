package common

// SaveAndQuitMsg asks a running program to end as if its user had pressed
// ctrl+c: the reviewer program saves any unsaved draft and then quits (and
// keeps running, saying so, when that save fails); the dashboard and
// adjudication, which hold nothing unsaved, quit at once. A server sends it
// with tea.Program.Send when a session ends from outside (the connection
// dropped, the server is shutting down); it is safe to send from any
// goroutine and more than once.
type SaveAndQuitMsg struct{}

// QueueChangedMsg tells a running program that the shared queue changed
// (another session claimed, released or decided an attempt). The queue
// screen reloads as `r` would, but keeps its status line, any claim in
// flight and the cursor on the same attempt; other screens ignore it, and
// the queue reloads anyway when the reviewer returns to it.
//
// Senders (assessor serve) deliver it with tea.Program.Send from any
// goroutine and should coalesce bursts: each one costs a Queue call.
type QueueChangedMsg struct{}
