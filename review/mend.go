package review

import "fmt"

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
