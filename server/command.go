package server

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/ssh"

	"assessor/review"
)

// CommandFunc runs one command line sent over SSH (`ssh HOST import - <
// file.jsonl`) on the served store, acting as who: while serve holds the
// store no other process can open it, so this is how admins and leads run
// the command-line tools without stopping the server. It reads stdin,
// writes stdout and stderr, and checks who may run what.
type CommandFunc func(ctx context.Context, who review.Reviewer, args []string, stdin io.Reader, stdout, stderr io.Writer) error

// runCommand runs a session's command through Config.Commands. An error
// goes to stderr in one line with exit status 1, as the local command
// would fail. Afterwards the key index is rebuilt, so a key an admin just
// added logs in at once, and every queue screen reloads, so attempts an
// import added show without a keystroke.
func (s *Server) runCommand(sess ssh.Session, who review.Reviewer, args []string) {
	s.log.Info("command", "reviewer", who.ID, "role", who.Role, "args", strings.Join(args, " "))
	err := s.cfg.Commands(sess.Context(), who, args, sess, sess, sess.Stderr())
	if _, rerr := s.keys.refresh(); rerr != nil {
		s.log.Error("read reviewers", "err", rerr)
	}
	s.hub.broadcast(s.cfg.RefreshEvery)
	if err != nil {
		s.log.Info("command failed", "reviewer", who.ID, "err", err)
		fmt.Fprintln(sess.Stderr(), "assessor: "+err.Error())
		_ = sess.Exit(1)
		return
	}
	_ = sess.Exit(0)
}
