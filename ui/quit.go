package ui

// SaveAndQuitMsg asks a running program to end as if its user had pressed
// ctrl+c: the reviewer program saves any unsaved draft and then quits (and
// keeps running, saying so, when that save fails); the dashboard and
// adjudication, which hold nothing unsaved, quit at once. A server sends it
// with tea.Program.Send when a session ends from outside (the connection
// dropped, the server is shutting down); it is safe to send from any
// goroutine and more than once.
type SaveAndQuitMsg struct{}
