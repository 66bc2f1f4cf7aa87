//go:build unix

package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestExportFileKeptWhenItsWriteFails: an export into a folder writes each
// file beside its name and renames it over it, so a write that fails (a
// full disk; here RLIMIT_FSIZE, which fails the same way with EFBIG)
// leaves the earlier export's file whole at the name, and no temporary
// file beside it.
func TestExportFileKeptWhenItsWriteFails(t *testing.T) {
	dir := t.TempDir()
	name := "revocations.json"
	old := bytes.Repeat([]byte("o"), 100)
	if err := os.WriteFile(filepath.Join(dir, name), old, 0o600); err != nil {
		t.Fatal(err)
	}
	sink, err := newExportSink(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	small := lim
	small.Cur = 500
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &small); err != nil {
		t.Fatal(err)
	}
	werr := sink.write(name, bytes.Repeat([]byte("n"), 1000))
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Fatal(err)
	}
	if werr == nil {
		t.Fatal("write succeeded past the limit")
	}
	if !strings.Contains(werr.Error(), filepath.Join(dir, name)+": ") {
		t.Errorf("the error does not name the file: %v", werr)
	}
	if err := sink.close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, name))
	switch {
	case err != nil:
		t.Fatalf("after a failed write (%v) the earlier file is gone: %v", werr, err)
	case !bytes.Equal(got, old):
		t.Fatalf("after a failed write (%v) %s holds %d bytes, neither the earlier file (%d bytes) nor the new one (1000): %.20q…", werr, name, len(got), len(old), got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after a failed write the folder holds %v, want only %s", entries, name)
	}
}

// TestExportRemovesAKilledExportsTemporaryFiles: the temporary file a
// killed export left in the folder (its process ended) goes at the next
// export into it; one whose writer still runs, and any other hidden file,
// stays.
func TestExportRemovesAKilledExportsTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "badges"), 0o700); err != nil {
		t.Fatal(err)
	}
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(dir, "badges", ".df.json.p"+strconv.Itoa(ended.Process.Pid)+"-123.tmp")
	live := filepath.Join(dir, "badges", ".df.json.p"+strconv.Itoa(os.Getpid())+"-456.tmp")
	other := filepath.Join(dir, "badges", ".keep.tmp")
	for _, p := range []string{dead, live, other} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	sink, err := newExportSink(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	sink.(*dirSink).notify = func(s string) { notes = append(notes, s) }
	if err := sink.write("badges/df.json", []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	if err := sink.close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a killed export's temporary file is still there: %v", err)
	}
	for _, p := range []string{live, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	if want := "removed 1 temporary file a killed export left in " + dir; len(notes) != 1 || notes[0] != want {
		t.Errorf("notes %q, want %q", notes, want)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "badges", "df.json")); err != nil || string(b) != "{}\n" {
		t.Errorf("df.json: %q %v", b, err)
	}
}
