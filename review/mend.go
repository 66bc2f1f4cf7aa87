package review

import (
	"errors"
	"fmt"
	"strings"
)

// Mend is an error whose text names the command that mends it, as run at
// the store's own terminal ("… (assessor calibration remove CE-YA97)").
// The command is kept beside the text as a value so that `assessor serve`
// can name it as its users run it over ssh, by replacing exactly that
// command and nothing the user typed.
type Mend struct {
	Err    error
	Args   string // the command line after "assessor"
	Remote string // the same over ssh where it differs (a file comes on stdin), or ""
}

func (e *Mend) Error() string { return e.Err.Error() }
func (e *Mend) Unwrap() error { return e.Err }

// Local is the command as the error's text names it.
func (e *Mend) Local() string { return "assessor " + e.Args }

// RemoteArgs is the command line over ssh, after "ssh -p PORT HOST".
func (e *Mend) RemoteArgs() string {
	if e.Remote != "" {
		return e.Remote
	}
	return e.Args
}

// Mendf is fmt.Errorf for a message that ends by naming the command args
// mends it: format's last verb is the command, which Mendf supplies.
func Mendf(args, remote, format string, a ...any) error {
	m := &Mend{Args: args, Remote: remote}
	m.Err = fmt.Errorf(format, append(a, m.Local())...)
	return m
}

// Reword names the command err says mends it (a Mend in its chain) as
// invoke(args) does, for users who run commands another way (over ssh).
// Only that command changes: the rest is as the command wrote it, what the
// user typed included, and an input file's problem still reads FILE:LINE:
// from its first byte (ErrorLine).
func Reword(err error, invoke func(args string) string) error {
	return reword(err, (*Mend).RemoteArgs, invoke)
}

// RewordHere is Reword for the command as run where the store is (Args,
// not Remote): a local command line adds the flags that picked the store
// and who acts, without which the line, pasted, ran elsewhere.
func RewordHere(err error, invoke func(args string) string) error {
	return reword(err, func(m *Mend) string { return m.Args }, invoke)
}

// reword is Reword with the command's args as pick reads them.
// An error reworded once (a screen's, then its command's) stays so: the
// command as reworded still holds m.Local().
func reword(err error, pick func(*Mend) string, invoke func(args string) string) error {
	var m *Mend
	var done *reworded
	var doneAt *rewordedAt
	if !errors.As(err, &m) || errors.As(err, &done) || errors.As(err, &doneAt) {
		return err
	}
	text := err.Error()
	i := strings.LastIndex(text, m.Local())
	if i < 0 {
		return err
	}
	w := &reworded{err: err, text: text[:i] + invoke(pick(m)) + text[i+len(m.Local()):]}
	var p positioned
	if errors.As(err, &p) && p.Error() == text {
		return &rewordedAt{w, p}
	}
	return w
}

// reworded is an error with its text changed by Reword.
type reworded struct {
	err  error
	text string
}

func (e *reworded) Error() string { return e.text }
func (e *reworded) Unwrap() error { return e.err }

// rewordedAt is a reworded problem in an input file, still one to
// ErrorLine.
type rewordedAt struct {
	*reworded
	at positioned
}

func (e *rewordedAt) Where() (string, int) { return e.at.Where() }
