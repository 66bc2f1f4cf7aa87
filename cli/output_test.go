package cli

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// fullWriter fails every write as stdout redirected to /dev/full does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, syscall.ENOSPC }

// TestStdoutWriteErrorFailsTheCommand: a command whose output cannot be
// written (stdout on a full disk, `> /dev/full`) exits non-zero with the
// write's error, as report did; these said nothing and succeeded, so
// `assessor history X > file` on a full disk left an empty file and exit
// status 0.
func TestStdoutWriteErrorFailsTheCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, err := buildDemo(db, 40, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"report"},
		{"check"},
		{"history", "A-1001", "--as", "demo-lead"},
		{"calibration", "list"},
		{"release", "--list"},
		{"config", "fairness"},
		{"config", "issuer"},
		{"config", "files"},
		{"config", "calibration"},
		{"config", "second-review"},
		{"config", "consistency"},
		{"config", "leaks", "list"},
		{"config", "leaks", "require-worked"},
		{"upgrade"},
		{"help", "report"},
	} {
		root := New()
		root.SetArgs(append(args, "--db", db))
		root.SetOut(fullWriter{})
		root.SetErr(&strings.Builder{})
		if err := root.Execute(); err == nil || !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("assessor %s with stdout full: err = %v, want the write's error (exit 1)", strings.Join(args, " "), err)
		}
	}
}

// TestHelpAndVersionWriteErrorFail: `--help` and `--version`, which cobra
// answers before any command runs, fail on a full stdout as commands do,
// and the error is said once, by main: before, help exited 0 and
// --version printed the error twice.
func TestHelpAndVersionWriteErrorFail(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"--help"}, {"report", "--help"}, {"reviewers", "add", "-h"}} {
		root := New()
		root.SetArgs(args)
		root.SetOut(fullWriter{})
		var errOut strings.Builder
		root.SetErr(&errOut)
		if err := Execute(root); !errors.Is(err, syscall.ENOSPC) {
			t.Errorf("assessor %s with stdout full: err = %v, want the write's error (exit 1)", strings.Join(args, " "), err)
		}
		if errOut.Len() > 0 {
			t.Errorf("assessor %s with stdout full also wrote %q: main says it", strings.Join(args, " "), errOut.String())
		}
	}
}

// TestVersionToFullStdoutSaysItOnce: `assessor --version > /dev/full`
// says the write's error in one line; cobra printed it to stderr too.
func TestVersionToFullStdoutSaysItOnce(t *testing.T) {
	exe := childExe(t)
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	cmd := exec.Command(exe, "-test.run=^TestHelperAssessor$", "--", "--version")
	cmd.Env = append(os.Environ(), helperEnv+"=1")
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = full, &errOut
	err = cmd.Run()
	requireOneLineFailure(t, result{stderr: errOut.String(), code: cmd.ProcessState.ExitCode()}, "no space left on device")
	if err == nil {
		t.Error("exit 0")
	}
}
