package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"

	"assessor/review"
	"assessor/ui"
)

// saveAndQuit is what a session's program is sent when the session ends
// from outside (connection dropped, server shutting down): every program
// saves what it holds unsaved and then quits, wherever the reviewer is.
func saveAndQuit() tea.Msg { return ui.SaveAndQuitMsg{} }

// Notices printed on the reviewer's terminal after the program has ended.
const (
	noticeShutdownSaved = "server shutting down — your draft is saved"
	noticeShutdownLost  = "server shutting down — your last edits could not be saved"
	// A screen that keeps no drafts (dashboard, flag work, adjudication,
	// whose choices are stored as each is made or not at all).
	noticeShutdownScreen = "server shutting down"
	// A session the shutdown reached before its screen started, or that
	// started after it: nothing was shown, so nothing was lost.
	noticeShutdownBefore = "assessor: server shutting down — try again in a minute"
)

// refuse ends sess with line to the client, having said in the log who
// was refused what, and from where. The line stays out of the log: it
// may quote what was typed (a candidate's name, a reason).
func (s *Server) refuse(sess ssh.Session, who review.Reviewer, name, line string) {
	s.logRefused(who, sess.RemoteAddr().String(), name)
	fatal(sess, line)
}

// logRefused is the log's line for a session refused: who, from where,
// and the command's name (never what was typed).
func (s *Server) logRefused(who review.Reviewer, remote, name string) {
	s.log.Info("refused", "reviewer", who.ID, "role", who.Role, "remote", remote, "name", name)
}

// loggedName is what the log calls cmd: a screen's or command's name,
// help (for anyone, and in no permission row), or "(not a command)" for
// words the permission table does not know, which could be anything typed.
func loggedName(cmd []string) string {
	if len(cmd) == 0 {
		return screenName(cmd)
	}
	if name, _, ok := review.LookupCommand(cmd); ok {
		return name
	}
	if cmd[0] == "help" {
		return "help"
	}
	return "(not a command)"
}

// legacyScp is the log's name for the scp protocol before sftp: OpenSSH's
// scp before 9.0, and scp -O, ask for no subsystem but run `scp -f FILE`
// (fetch) or `scp -t DIR` (send) as the session's command.
const legacyScp = "(legacy scp)"

// isLegacyScp reports whether cmd is such a command line.
func isLegacyScp(cmd []string) bool { return len(cmd) > 0 && cmd[0] == "scp" }

// screenName is the screen an SSH command names, or the command line it is
// otherwise: no command is the review queue.
func screenName(cmd []string) string {
	if name := strings.Join(cmd, " "); name != "" {
		return name
	}
	return "review"
}

// keepsDrafts reports whether the screen an SSH command names saves drafts
// (the review queue and calibration), which a shutdown then saves.
func keepsDrafts(cmd []string) bool {
	name := screenName(cmd)
	return name == "review" || name == "calibrate"
}

// liveSession is one reviewer's SSH session and its program. Its methods
// are safe for concurrent use.
type liveSession struct {
	reviewer  review.Reviewer
	key       ssh.PublicKey   // the key it signed in with
	ctx       context.Context // the SSH connection's; done when it drops
	grace     time.Duration
	refresh   *throttle
	log       *changeLog                 // the hub's: the queue changes announced (live.go)
	delivered delivered                  // how far this session has read log
	screen    func(ui.Options) tea.Model // the model the session runs
	frames    *frames                    // what draws it, holding it; set once, before Run
	input     *sessionInput              // what the program reads (terminal.go)
	over      chan struct{}              // closed once the program has returned (ui.Options.Ended)
	notices   noticeBox                  // lead's notices on their way to the program (live.go)

	program  atomic.Pointer[tea.Program] // set once, before Run
	ending   atomic.Bool                 // asked to save and quit
	quitOK   atomic.Bool                 // a quit reached the event loop: it ended on its own
	unsaved  atomic.Bool                 // it quit with a draft it could not save
	shutdown atomic.Bool                 // ended by server shutdown
	ended    atomic.Pointer[string]      // why an admin's change ended it (endChanged)
	killed   atomic.Bool                 // kill was called, perhaps before the program was made
	unshown  atomic.Bool                 // newProgram killed it before Run: no screen was shown
}

// sessionMiddleware identifies the reviewer, refuses sessions that cannot
// have a UI, registers the session for live updates and shutdown, and runs
// its program through wish's Bubble Tea middleware (which feeds the
// session's input, output and window changes to the program).
func (s *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		// Authentication let the key in; read the reviewer fresh so the
		// role and conflicts are current and a removed key is caught.
		who, err := s.keys.reviewer(sess.PublicKey())
		if err != nil {
			s.log.Info("session refused", "key", shortFingerprint(sess.PublicKey()), "err", err)
			fatal(sess, "assessor: "+err.Error())
			return
		}
		// Parsed here, not by sess.Command(), which drops a parse error
		// and would run what it could make of the line.
		cmd, err := parseCommand(sess.RawCommand())
		if err != nil {
			s.refuse(sess, who, "(not parsed)", "assessor: "+err.Error())
			return
		}
		if isLegacyScp(cmd) {
			// Refused as the sftp subsystem is (limitRequests): files
			// travel on a command's stdin and stdout.
			s.refuse(sess, who, legacyScp, "assessor: scp and sftp are not offered: files come on a command's stdin and go to its stdout ("+SSHHint(sess.LocalAddr().String())+" help)")
			return
		}
		backup, force := backupArgs(cmd)
		if backup || s.cfg.Commands != nil && !isScreen(cmd) {
			cs, ctx, ok := s.commands.start(sess, who)
			if !ok {
				fatal(sess, noticeShutdownBefore)
				return
			}
			defer s.commands.done(cs)
			if backup {
				s.serveBackup(sess, who, force)
			} else {
				s.runCommand(ctx, sess, who, cmd)
			}
			return
		}
		screen, err := s.screenFor(who, cmd)
		if err != nil {
			s.refuse(sess, who, loggedName(cmd), "assessor: "+err.Error())
			return
		}
		// ssh allocates no terminal when given a command unless told -t.
		if _, _, ok := sess.Pty(); !ok {
			name, what := screenName(cmd), "the review queue"
			if name != "review" {
				what = name
			}
			s.refuse(sess, who, name, "assessor: "+what+" is a screen and needs a terminal: connect with "+SSHScreenHint(sess.LocalAddr().String(), name))
			return
		}
		ls := &liveSession{reviewer: who, key: sess.PublicKey(), ctx: sess.Context(), grace: s.cfg.SaveGrace, screen: screen}
		ls.refresh = newThrottle(func() {
			if msg, ok := ls.queueChanged(); ok {
				ls.send(msg)
			}
		})
		if !s.hub.add(ls) {
			fatal(sess, noticeShutdownBefore)
			return
		}
		defer s.hub.remove(ls)

		start := time.Now()
		s.log.Info("session start", "reviewer", who.ID, "role", who.Role, "remote", sess.RemoteAddr().String())
		switch err := runProgram(sess, s.newProgram(sess, ls)); { // program.go
		case errors.Is(err, tea.ErrProgramPanic):
			s.log.Error("session's screen failed", "reviewer", who.ID, "err", err)
		case err != nil:
			// Killed: a shutdown or an admin's change cut it off, or its
			// save outlasted the grace (ls.watchdog).
			s.log.Info("session cut off", "reviewer", who.ID, "err", err)
		}
		close(ls.over)        // its timers give up, and with them the screen they held
		restoreTerminal(sess) // the program has ended (frames.go)
		ls.input.close()
		next(sess)
		s.log.Info("session end", "reviewer", who.ID, "after", time.Since(start).Round(time.Second), "saved", ls.quitOK.Load() && !ls.unsaved.Load())

		if notice := ls.ended.Load(); notice != nil {
			line := *notice
			if line == noticeChanged && keepsDrafts(cmd) && !ls.unshown.Load() && (!ls.quitOK.Load() || ls.unsaved.Load()) {
				// Its save was refused (an attempt the reviewer now has
				// a conflict with) or cut off, as noticeShutdownLost says.
				line += " (your last edits could not be saved)"
			}
			wish.Println(sess, line)
			_ = sess.Exit(1)
			return
		}
		if ls.shutdown.Load() && ls.unshown.Load() {
			fatal(sess, noticeShutdownBefore)
			return
		}
		if ls.shutdown.Load() {
			notice := noticeShutdownSaved
			switch {
			case !keepsDrafts(cmd):
				notice = noticeShutdownScreen
			case !ls.quitOK.Load() || ls.unsaved.Load():
				notice = noticeShutdownLost
			}
			wish.Println(sess, notice)
		}
		if ls.frames != nil {
			if err := ui.LoadErr(ls.frames.Model); err != nil {
				// Ended with its data not loaded: say why after the
				// screen has gone, and exit 1, as the command does
				// locally.
				fatal(sess, "assessor: "+err.Error())
				return
			}
		}
		if line := s.closingLine(who, cmd); line != "" {
			wish.Println(sess, line)
		}
	}
}

// closingLine is what a screen prints after it closes, as its local
// command does: calibrate ends with the reviewer's agreement so far
// (store.CalibrationStanding, the line `assessor calibrate` prints).
func (s *Server) closingLine(who review.Reviewer, cmd []string) string {
	if screenName(cmd) != "calibrate" {
		return ""
	}
	line, err := s.cfg.Store.CalibrationStanding(who.ID)
	if err != nil {
		s.log.Warn("calibration standing", "reviewer", who.ID, "err", err)
		return ""
	}
	return line
}

// programOptions are the options of every session's program: its input
// in (the session's, read as terminal.go reads it), the session as its
// output, and no renderer (frames draws).
func programOptions(sess ssh.Session, in io.Reader) []tea.ProgramOption {
	return []tea.ProgramOption{
		tea.WithInput(in),
		tea.WithOutput(sess),
		tea.WithoutRenderer(),
		// The process's SIGINT/SIGTERM belong to the server, which saves
		// every session on shutdown; a program must not die of them.
		tea.WithoutSignalHandler(),
	}
}

// newProgram builds the session's program, soft-serve style: the session's
// own input and output, a lipgloss renderer for that client's terminal, and
// the screen the reviewer's role gets.
func (s *Server) newProgram(sess ssh.Session, ls *liveSession) *tea.Program {
	// $EDITOR would run on the server, not on the reviewer's machine, and
	// could hand them a shell there: sessions never get it.
	ls.input = newSessionInput(sess)
	dark := askBackground(ls.input, sess, answerWait) // terminal.go
	r, attrsOnly := sessionRenderer(sess, dark)
	ls.over = make(chan struct{})
	m := ls.screen(ui.Options{Renderer: r, Now: s.cfg.Now, NoColor: noColor(sess) || attrsOnly, NoExternalEditor: true, Ended: ls.over})
	f := newFrames(m, sess)
	ls.frames = f
	if pty, _, ok := sess.Pty(); ok && (pty.Window.Width <= 0 || pty.Window.Height <= 0) {
		f.unsized() // ls.filter drops zero sizes
	}
	p := tea.NewProgram(f, append(programOptions(sess, ls.input), tea.WithFilter(ls.filter))...)
	ls.program.Store(p)
	// A kill or a shutdown that came while the terminal was asked may
	// have found no program: its message was lost. Either way the screen
	// has shown nothing yet, so it never starts.
	if ls.killed.Load() || ls.shutdown.Load() {
		ls.unshown.Store(true)
		p.Kill()
	}
	return p
}

// screenFor picks the session's screen from the SSH command and the role:
// no command is the reviewer queue (every role reviews), and `dashboard`
// is the lead dashboard for leads and admins.
func (s *Server) screenFor(who review.Reviewer, cmd []string) (func(ui.Options) tea.Model, error) {
	name := screenName(cmd)
	if p, ok := review.Permissions[name]; ok && p.Where == review.Screen {
		if err := p.Allow(name, who.ID, who.Role); err != nil {
			return nil, fmt.Errorf("%w; connect without a command for the review queue", err)
		}
	}
	switch name {
	case "review":
		return func(opt ui.Options) tea.Model { return ui.New(s.backend, who.ID, opt) }, nil
	case "dashboard":
		if s.cfg.Lead == nil {
			return nil, errors.New("the lead dashboard is not available in this build")
		}
		return func(opt ui.Options) tea.Model { return ui.NewDashboard(s.cfg.Lead, who.ID, opt) }, nil
	case "calibrate":
		// The calibration examples, blind, in the reviewer screens: a
		// program that requires calibration sends reviewers here first.
		return func(opt ui.Options) tea.Model {
			opt.Mode = "calibration"
			return ui.New(s.cfg.Store.Calibration(), who.ID, opt)
		}, nil
	case "adjudicate":
		return func(opt ui.Options) tea.Model { return ui.NewAdjudicate(s.cfg.Store, who.ID, opt) }, nil
	case "leaks work":
		// The lead's flag screen; the store checks the lead and audits.
		return func(opt ui.Options) tea.Model { return ui.NewLeaks(s.cfg.Store, who.ID, opt) }, nil
	}
	return nil, fmt.Errorf("unknown command %q: connect without a command for the review queue, ssh -t … calibrate, or ssh -t … dashboard|adjudicate|leaks work (leads)", strings.Join(cmd, " "))
}

// isScreen reports whether an SSH command names a screen (none or review:
// the review queue; calibrate, dashboard, adjudicate, leaks work) rather
// than a command line for Config.Commands.
func isScreen(cmd []string) bool {
	switch screenName(cmd) {
	case "review", "calibrate", "dashboard", "adjudicate", "leaks work":
		return true
	}
	return false
}

// noColor follows NO_COLOR when the client sends it (ssh -o SendEnv=NO_COLOR).
func noColor(sess ssh.Session) bool {
	for _, kv := range sess.Environ() {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return true
		}
	}
	return false
}

// filter sits in front of the program's event loop. wish quits the program
// the moment the connection drops, which would skip the UI's save; the
// first such quit becomes saveAndQuit instead, so the last keystrokes are
// stored, and the program is killed if saving takes longer than grace.
//
// It also drops queue updates for programs not showing the queue: Bubble
// Tea redraws after every message, and under 200 sessions those redraws
// were most of the server's CPU.
func (ls *liveSession) filter(m tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case ui.QueueChangedMsg:
		if !ui.ShowsQueue(unwrapFrames(m)) {
			return nil
		}
	case ui.AttemptChangedMsg:
		if !ui.ShowsApplication(unwrapFrames(m), msg.Notice.Key.Application) {
			return nil
		}
	case ui.UnsavedQuitMsg:
		ls.unsaved.Store(true)
	case tea.QuitMsg:
		if ls.ctx.Err() != nil && ls.ending.CompareAndSwap(false, true) {
			ls.watchdog()
			return saveAndQuit()
		}
		ls.quitOK.Store(true)
	case tea.WindowSizeMsg:
		// A closed window-change channel yields zero sizes; ignore them.
		if msg.Width <= 0 || msg.Height <= 0 {
			return nil
		}
		return clampWindow(msg) // a hostile pty size must not size the frames
	}
	return msg
}

// end asks the program to save and quit (server shutdown), once. Before
// the program is made it marks the session, and newProgram ends it.
func (ls *liveSession) end() {
	ls.shutdown.Store(true)
	ls.saveThenQuit()
}

// saveThenQuit asks the program to save what it holds and quit, once, and
// kills it if that outlasts the grace.
func (ls *liveSession) saveThenQuit() {
	if ls.ending.CompareAndSwap(false, true) {
		ls.watchdog()
		go ls.send(saveAndQuit())
	}
}

// watchdog kills the program if it is still running after grace; killing
// a program that has ended is a no-op.
func (ls *liveSession) watchdog() { time.AfterFunc(ls.grace, ls.kill) }

// send delivers msg to the program. It blocks while the program is busy and
// is a no-op once the program has ended.
func (ls *liveSession) send(msg tea.Msg) {
	if p := ls.program.Load(); p != nil {
		p.Send(msg)
	}
}

// kill stops the program at once, skipping any save in progress. Called
// before the program is made (it waits up to answerWait for the
// terminal), it marks the session, and newProgram kills the program it
// makes: a reviewer removed in that second must not get a screen.
func (ls *liveSession) kill() {
	ls.killed.Store(true)
	if p := ls.program.Load(); p != nil {
		p.Kill()
	}
}
