package cli

import (
	"errors"
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
// status 0. (`X --help` prints before any command runs, and is left.)
func TestStdoutWriteErrorFailsTheCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, err := buildDemo(db, 40, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)); err != nil {
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
