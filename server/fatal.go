package server

import (
	"fmt"

	"github.com/charmbracelet/ssh"
)

// fatal prints line on the session's stderr and ends the session with
// status 1. wish.Fatalln adds a "\r" after the line end, which the client
// reads as a stray character (a blank line under -t, where the pty already
// turns "\n" into "\r\n").
func fatal(sess ssh.Session, line string) {
	_, _ = fmt.Fprintln(sess.Stderr(), line)
	_ = sess.Exit(1)
	_ = sess.Close()
}
