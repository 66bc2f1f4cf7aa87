package ui

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"
)

var _ tea.ExecCommand = (*tempFileRun)(nil)

// tempFileRun is one run of an external program (the reviewer's editor or
// file opener) on a private temp file. It implements tea.ExecCommand, so
// the file is written, handed over and removed while the program has given
// up the terminal, never in Update.
type tempFileRun struct {
	argv     []string // the command; the file's path is appended
	pattern  string   // os.CreateTemp's pattern for the file's name
	data     []byte   // what the file holds when the command starts
	readBack bool     // read the file again after a successful run into data
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
}

// SetStdin implements tea.ExecCommand; the program passes its terminal.
func (r *tempFileRun) SetStdin(in io.Reader) { r.stdin = in }

// SetStdout implements tea.ExecCommand.
func (r *tempFileRun) SetStdout(w io.Writer) { r.stdout = w }

// SetStderr implements tea.ExecCommand.
func (r *tempFileRun) SetStderr(w io.Writer) { r.stderr = w }

// Run writes data to a new temp file (0600, as os.CreateTemp makes it: it
// holds a candidate's evidence or feedback), runs the command on it and
// removes the file, whatever happened. With readBack set, data is the
// file's content after a successful run; on failure it is untouched.
func (r *tempFileRun) Run() error {
	f, err := os.CreateTemp("", r.pattern)
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	path := f.Name()
	defer os.Remove(path)
	_, err = f.Write(r.data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("temp file: %w", err)
	}
	cmd := exec.Command(r.argv[0], append(r.argv[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = r.stdin, r.stdout, r.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", filepath.Base(r.argv[0]), err)
	}
	if !r.readBack {
		return nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading back %s: %w", path, err)
	}
	r.data = b
	return nil
}
