package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"assessor/ui/components/external"
)

// TestEditorGetsTheTerminalAndReturnsWhenItExits: the program's input on a
// real terminal is terminalInput's ttyInput, which Bubble Tea hands to the
// reviewer's $EDITOR (tea.Exec → TempFile.SetStdin). The editor must get
// that file itself as its standard input (vi needs a terminal), and
// TempFile.Run must return as soon as the editor exits, not when the
// reviewer next presses a key. Here the "terminal" is a pipe nobody writes
// to, as a reviewer who just saved and quit their editor.
func TestEditorGetsTheTerminalAndReturnsWhenItExits(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	defer r.Close()
	in := ttyInput{File: r, w: &wholeRunes{r: CapPastes(r, MaxPaste)}}
	want, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(r.Fd())))
	if err != nil {
		t.Skip("no /proc:", err)
	}
	out := filepath.Join(t.TempDir(), "stdin")
	// The "editor": records what its standard input is, then exits.
	script := filepath.Join(t.TempDir(), "ed.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nreadlink /proc/self/fd/0 > "+out+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	run := external.Editor([]string{script}, "C1", "some feedback")
	run.SetStdin(in)
	run.SetStdout(os.Stdout)
	run.SetStderr(os.Stderr)
	done := make(chan error, 1)
	go func() { done <- run.Run() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(3 * time.Second):
		t.Errorf("the editor exited but Run still waits (for a key on the terminal)")
		w.Write([]byte("\n")) // let Run finish
		<-done
	}
	got, _ := os.ReadFile(out)
	if s := strings.TrimSpace(string(got)); s != want {
		t.Errorf("the editor's standard input is %q, want the terminal itself (%q)", s, want)
	}
}
