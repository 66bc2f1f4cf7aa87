// Package external runs the reviewer's own programs (their editor, their
// file viewer) on a private temp file, and finds which program to run.
// Over SSH those programs would run on the server, so the server turns
// them off (Options.NoExternalEditor) and nothing here runs.
package external

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"
)

var _ tea.ExecCommand = (*TempFile)(nil)

// TempFile is one run of an external program (the reviewer's editor or
// file opener) on a private temp file. It implements tea.ExecCommand, so
// the file is written, handed over and removed while the program has given
// up the terminal, never in Update.
type TempFile struct {
	Argv     []string // the command; the file's path is appended
	Pattern  string   // os.CreateTemp's pattern for the file's name
	Data     []byte   // what the file holds when the command starts
	ReadBack bool     // read the file again after a successful run into data
	MaxRead  int64    // with ReadBack, the most bytes read back; more is an error
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
}

// SetStdin implements tea.ExecCommand; the program passes its terminal.
func (r *TempFile) SetStdin(in io.Reader) { r.stdin = in }

// SetStdout implements tea.ExecCommand.
func (r *TempFile) SetStdout(w io.Writer) { r.stdout = w }

// SetStderr implements tea.ExecCommand.
func (r *TempFile) SetStderr(w io.Writer) { r.stderr = w }

// Run writes data to a new temp file (0600, as os.CreateTemp makes it: it
// holds a candidate's evidence or feedback), runs the command on it and
// removes the file, whatever happened. With ReadBack set, Data is the
// file's content after a successful run; on failure it is untouched.
func (r *TempFile) Run() error {
	f, err := os.CreateTemp("", r.Pattern)
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = f.Write(r.Data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	cmd := exec.Command(r.Argv[0], append(r.Argv[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = r.stdin, r.stdout, r.stderr
	if t, ok := r.stdin.(interface{ Terminal() *os.File }); ok {
		cmd.Stdin = t.Terminal() // the terminal a wrapper reads (ui's ttyInput)
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(r.Argv[0]), err)
	}
	if !r.ReadBack {
		return nil
	}
	b, err := readBack(path, r.MaxRead)
	if err != nil {
		return fmt.Errorf("reading back %s: %w", path, err)
	}
	r.Data = b
	return nil
}

// readBack is the file's bytes, refused past max bytes (when max > 0)
// before more of it is read: the program may have left anything there.
func readBack(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var in io.Reader = f
	if max > 0 {
		in = io.LimitReader(f, max+1)
	}
	b, err := io.ReadAll(in)
	if err == nil && max > 0 && int64(len(b)) > max {
		err = fmt.Errorf("%w: over %d bytes", ErrTooLong, max)
	}
	return b, err
}

// ErrTooLong is a file read back longer than TempFile.MaxRead.
var ErrTooLong = errors.New("the file is too long")
