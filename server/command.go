package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/charmbracelet/ssh"

	"assessor/review"
	"assessor/store"
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
func (s *Server) runCommand(ctx context.Context, sess ssh.Session, who review.Reviewer, args []string) {
	// The command's name and no more: its arguments may hold feedback, a
	// reason or a candidate's name, and a log goes where the store's
	// protection does not.
	name, p, known := review.LookupCommand(args)
	if !known {
		name = loggedName(args) // help, or "(not a command)"
	}
	if known && p.Streams {
		if _, _, pty := sess.Pty(); pty {
			// A terminal would mangle the bytes (ssh -tt … export badges -
			// would exit 0 with a corrupt tar).
			s.refuse(sess, who, name, "assessor: "+args[0]+" writes a byte stream: run it without -t and redirect it to a file")
			return
		}
	}
	remote := sess.RemoteAddr().String()
	s.log.Info("command", "reviewer", who.ID, "role", who.Role, "remote", remote, "name", name, "words", len(args))
	tooBig := func() error { return fmt.Errorf("%w of %d MiB: split it", ErrInputTooBig, s.cfg.MaxInput>>20) }
	stdin := &wholeInput{r: CappedReader(sess, s.cfg.MaxInput, tooBig), ctx: ctx}
	err := s.cfg.Commands(ctx, who, args, stdin, sess, sess.Stderr())
	if _, rerr := s.keys.refresh(); rerr != nil {
		if !errors.Is(rerr, store.ErrClosed) { // closed: the server is stopping
			s.log.Error("read reviewers", "err", rerr)
		}
	} else if len(args) > 0 && args[0] == "reviewers" {
		s.endChanged(sess) // sessions whose access changed end now
	}
	s.hub.broadcast(s.cfg.RefreshEvery)
	if err != nil {
		// Not the error: it quotes what was typed ("no application
		// \"Dana Ruiz\""), which the client reads on stderr.
		s.log.Info("command failed", "reviewer", who.ID, "remote", remote, "name", name)
		fatal(sess, review.ErrorLine(err))
		return
	}
	_ = sess.Exit(0)
}

// dropGrace is how long the end of a command's stdin waits to tell a
// finished input from a dropped connection, which closes the session's
// context right after it ends stdin.
const dropGrace = 100 * time.Millisecond

// ErrInputCut is what reading a command's stdin fails with when the
// connection dropped, its channel closed, or the server stopped the
// command, before the client ended the input; the error says which.
var ErrInputCut = errors.New("so the input may be cut short: nothing was done with it")

// wholeInput is a command's stdin. A dropped connection ends stdin just as
// a finished input does, and a cut import file must not be imported as if
// it were whole: at the end of stdin it waits briefly for the connection
// to go, and if it does, reading fails with ErrInputCut instead.
type wholeInput struct {
	r    io.Reader
	ctx  context.Context
	done error // the end once told apart: io.EOF or ErrInputCut
}

func (w *wholeInput) Read(p []byte) (int, error) {
	if w.done != nil {
		return 0, w.done
	}
	n, err := w.r.Read(p)
	if !errors.Is(err, io.EOF) {
		return n, err
	}
	select {
	case <-w.ctx.Done():
		cut := "the connection dropped"
		var stopped stopCause
		var closed channelClosed
		switch cause := context.Cause(w.ctx); {
		case errors.As(cause, &stopped):
			cut = stopped.Error()
		case errors.As(cause, &closed) && !closed.dropped(dropGrace):
			cut = closed.Error()
		}
		w.done = fmt.Errorf("%s before the end of stdin, %w", cut, ErrInputCut)
	case <-time.After(dropGrace):
		w.done = io.EOF
	}
	return n, w.done
}
