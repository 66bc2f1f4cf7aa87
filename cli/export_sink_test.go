//go:build unix

package cli

import (
	"archive/tar"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestExportFileKeptWhenItsWriteFails: an export into a folder writes each
// file beside its name and renames it over it, so a write that fails (a
// full disk; here a child process's file size limit, which fails the
// same way, with EFBIG) leaves the earlier export's file whole at the
// name, and no temporary file beside it. The limit is the child's alone:
// set in this process, it failed the writes of tests running beside it.
func TestExportFileKeptWhenItsWriteFails(t *testing.T) {
	dir := t.TempDir()
	name := "revocations.json"
	old := bytes.Repeat([]byte("o"), 100)
	if err := os.WriteFile(filepath.Join(dir, name), old, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := onFillingDisk(t, 1, "TestHelperSinkWrite", dir, name).CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	werr := strings.TrimSpace(string(out))
	if !strings.Contains(werr, filepath.Join(dir, name)+": ") {
		t.Errorf("the write's error does not name the file (or the write succeeded past the limit): %s", werr)
	}
	got, err := os.ReadFile(filepath.Join(dir, name))
	switch {
	case err != nil:
		t.Fatalf("after a failed write (%s) the earlier file is gone: %v", werr, err)
	case !bytes.Equal(got, old):
		t.Fatalf("after a failed write (%s) %s holds %d bytes, not the earlier file (%d bytes): %.20q…", werr, name, len(got), len(old), got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("after a failed write the folder holds %v, want only %s", entries, name)
	}
}

// TestHelperSinkWrite is TestExportFileKeptWhenItsWriteFails's child: it
// writes 100,000 bytes as the file NAME of an export into DIR (its
// arguments) and prints the write's error.
func TestHelperSinkWrite(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	args := os.Args[len(os.Args)-2:]
	sink, err := newExportSink(args[0], nil)
	if err != nil {
		fmt.Println("sink:", err)
		os.Exit(1)
	}
	fmt.Println(sink.write(args[1], bytes.Repeat([]byte("n"), 100_000)))
	if err := sink.close(); err != nil {
		fmt.Println("close:", err)
		os.Exit(1)
	}
	os.Exit(0)
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

// TestExportTarEntriesArePrivate: the files of export feedback --all -
// are 0600 in the tar stream (export badges - writes through the same
// sink), so unpacking it makes them as private as export feedback --all
// DIR does (exports are created 0600: docs/operations.md, README).
func TestExportTarEntriesArePrivate(t *testing.T) {
	t.Parallel()
	db := knownStore(t)
	stream := mustRun(t, "export", "feedback", "--all", "-", "--db", db)
	n := 0
	eachTarEntry(t, strings.NewReader(stream), func(h *tar.Header, _ []byte) {
		if h.Typeflag == tar.TypeReg {
			n++
			if perm := os.FileMode(h.Mode).Perm(); perm != 0o600 {
				t.Errorf("%s: mode %v in the tar stream, want 0600", h.Name, perm)
			}
		}
	})
	if n == 0 {
		t.Fatal("the tar stream holds no file")
	}
}
