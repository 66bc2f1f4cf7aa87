package cli

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"assessor/store/storetest"
)

// TestFailedCommandLeavesNoNewStore: every command that starts a store
// (settings, reviewers, rubrics, imports, serve) leaves no file when it
// fails on the store it started, so a typo'd --db and a bad value do not
// leave an empty store behind; a command that succeeds keeps it. A serve
// that could not listen does not tell anyone to stop it.
func TestFailedCommandLeavesNoNewStore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.jsonl", `{"type":"submission",`+"\n")
	rubric := writeFile(t, dir, "r.md", "no front matter\n")
	key := filepath.Join(dir, "k.pub")
	for i, args := range [][]string{
		{"config", "second-review", "--rate", "7"},
		{"reviewers", "add", "rev-1", "--role", "lead", "--key", key}, // no such key file
		{"rubrics", "add", rubric},
		{"import", bad},
		{"serve", "--listen", "127.0.0.1:99999"}, // no such port
	} {
		db := filepath.Join(dir, "new"+string(rune('a'+i))+".db")
		if out, err := run(t, "", append(args, "--db", db)...); err == nil {
			t.Fatalf("%v succeeded:\n%s", args, out)
		} else if strings.Contains(out, "stop the server") {
			t.Errorf("%v failed and said to stop the server:\n%s", args, out)
		}
		if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%v failed and left %s (%v)", args, db, err)
		}
	}
	// A --db symlink to a store still to be made: the failed command
	// removes the store it made at the target and keeps the link.
	target, link := filepath.Join(dir, "target.db"), filepath.Join(dir, "link.db")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	unknown := writeFile(t, dir, "unknown.jsonl", `{"type":"submission","application":"A-1","credential":"nosuch","attempt":1,`+
		`"submitted_at":"2024-02-01T10:00:00Z","parts":[{"title":"P","text":"x"}]}`+"\n") // fails on the store
	if out, err := run(t, "", "import", unknown, "--no-files", "--db", link); err == nil {
		t.Fatalf("import of a bad file succeeded:\n%s", out)
	}
	if _, err := os.Stat(target); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a failed import through a symlink left %s (%v)", target, err)
	}
	if _, err := os.Lstat(link); err != nil {
		t.Errorf("a failed import removed the --db symlink: %v", err)
	}
	db := filepath.Join(dir, "kept.db")
	if out, err := run(t, "", "config", "second-review", "--rate", "0.2", "--db", db); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("a setting stored in a new store: %v", err)
	}
}

// TestFullDiskLeavesNoEmptyStore: a command that cannot write the store
// it starts (here, no file may grow: `ulimit -f 0`, as on a full disk)
// fails in one line and leaves no empty file, which every later command,
// its own retry included, would refuse as "not an assessor store".
func TestFullDiskLeavesNoEmptyStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	out, err := onFullDisk(t, "TestHelperAssessor", "config", "second-review", "--rate", "0.2", "--db", db).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "assessor: open store "+db) {
		t.Fatalf("on a full disk: %v\n%s", err, out)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("left %s (%v)", db, err)
	}
	if out, err := run(t, "", "config", "second-review", "--rate", "0.2", "--db", db); err != nil {
		t.Errorf("the retry with room: %v\n%s", err, out)
	}
}

// TestBackupStdoutWhenTheStoreDiskIsFull: `backup -` checks its copy in a
// file beside the store; when that disk is full (here no file may grow,
// while stdout is a pipe), it checks the store itself and still writes
// the copy, which is when a copy elsewhere is most wanted.
func TestBackupStdoutWhenTheStoreDiskIsFull(t *testing.T) {
	db := knownStore(t)
	cmd := onFullDisk(t, "TestHelperAssessor", "backup", "-", "--db", db)
	var errOut strings.Builder
	cmd.Stderr = &errOut
	copied, err := cmd.Output()
	if err != nil {
		t.Fatalf("backup - beside a full disk: %v\n%s", err, errOut.String())
	}
	dst := writeFile(t, t.TempDir(), "copy.db", string(copied))
	if out, err := run(t, "", "check", "--db", dst); err != nil || !strings.Contains(out, "ok (5 applications, 9 attempts") {
		t.Errorf("check of the copy (%d bytes): %v\n%s", len(copied), err, out)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".*.check")); len(left) > 0 {
		t.Errorf("check copies left: %v", left)
	}
}

// TestStreamToFileIsPrivate: `backup -` and the exports to stdout (one
// application's feedback too), sent by the shell to a file its umask left
// readable by others (0644) or by the group (0640, umask 027), make that
// file 0600, as they make a FILE they write themselves; and since whoever
// opened the file before that keeps reading it, the streams (the store,
// every candidate's feedback) say so on stderr, where a file that arrived
// private (umask 077) gets no such line.
func TestStreamToFileIsPrivate(t *testing.T) {
	db := knownStore(t)
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o644, 0o640, 0o600} {
		for i, args := range [][]string{
			{"backup", "-"},
			{"export", "feedback", "--all", "-"},
			{"export", "feedback", "--application", "A2"},
		} {
			path := filepath.Join(dir, fmt.Sprintf("out%d-%o", i, mode))
			f := newFileMode(t, path, mode)
			var stderr strings.Builder
			err := runChildTo(t, f, &stderr, nil, append(args, "--db", db)...)
			f.Close()
			if err != nil {
				t.Fatalf("%v: %v\n%s", args, err, stderr.String())
			}
			fi, err := os.Stat(path)
			if err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
				t.Errorf("%v > a %o file: mode %v, %d bytes (%v); want 0600 and the stream", args, mode, fi.Mode().Perm(), fi.Size(), err)
			}
			warned := strings.Contains(stderr.String(), "umask 077")
			if want := mode != 0o600 && args[len(args)-1] == "-"; warned != want || strings.Count(stderr.String(), "warning") > 1 {
				t.Errorf("%v > a %o file: stderr %q; want a warning line: %v", args, mode, stderr.String(), want)
			}
		}
	}
}

// TestStreamWithStderrToTheSameFile: a stream redirected with its stderr
// to the same file, sharing its offset (`backup - > FILE 2>&1`, as a cron
// line has it, under cron's umask 022) or opened again (`2> FILE`), is the
// stream alone: the warning that the file arrived readable by others went
// in ahead of the store's bytes, and an export's closing line ("stdout: 7
// feedback files written") over the tar's first header. So are a backup
// of an older store, whose note that it is not in the audit log followed
// the copy, and a stream of the demo store, named on stderr first.
func TestStreamWithStderrToTheSameFile(t *testing.T) {
	old := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(old, gunzipFile(t, filepath.Join("..", "testdata", "stores", "schema18.db.gz")), 0o600); err != nil {
		t.Fatal(err)
	}
	data := t.TempDir() // XDG_DATA_HOME with only the demo store
	src, err := os.ReadFile(knownStore(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(data, "assessor"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, "assessor", "demo.db"), src, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		env  []string
	}{
		{args: []string{"backup", "-", "--db", knownStore(t)}},
		{args: []string{"export", "feedback", "--all", "-", "--db", knownStore(t)}},
		{args: []string{"backup", "-", "--db", old}},
		{args: []string{"backup", "-"}, env: []string{"XDG_DATA_HOME=" + data}},
		{args: []string{"export", "feedback", "--all", "-"}, env: []string{"XDG_DATA_HOME=" + data}},
	} {
		for _, shared := range []bool{true, false} {
			path := filepath.Join(t.TempDir(), "out")
			streamTo(t, path, shared, tc.env, tc.args...)
			if bad := streamFault(t, tc.args[0], path); bad != "" {
				b, _ := os.ReadFile(path)
				t.Errorf("%v > FILE, stderr to it too (shared offset %v): %s; it starts %q", tc.args, shared, bad, b[:min(len(b), 60)])
			}
		}
	}
}

// TestStreamAfterACrashWithStderrToTheSameFile: the one line an open
// prints after a process was killed midway (an import rolled back, or the
// temporary file of a compact, an upgrade or a backup removed) is left out
// of a stream whose stderr is its file (> FILE 2>&1, as the cron line of
// docs/operations.md has it), as the command's other notes are: it landed
// ahead of the store's bytes, the night after a crash, with exit 0. So it
// is run by a named admin, whose permission check opens the store first.
func TestStreamAfterACrashWithStderrToTheSameFile(t *testing.T) {
	crashes := map[string]func(db string) error{
		"a killed import": func(db string) error { return storetest.UnfinishedImport(db, "big.jsonl") },
		"a killed compact": func(db string) error {
			left := filepath.Join(filepath.Dir(db), "."+filepath.Base(db)+".4242.tmp")
			return os.WriteFile(left, []byte("half a store"), 0o600)
		},
	}
	for _, command := range [][]string{{"backup", "-"}, {"export", "feedback", "--all", "-"}, {"export", "badges", "-"}} {
		for crash, leave := range crashes {
			for _, who := range [][]string{nil, {"--reviewer", "ops-admin"}} {
				for _, shared := range []bool{true, false} {
					db := filepath.Join(t.TempDir(), "a.db")
					if err := os.WriteFile(db, knownStoreBytes(t), 0o600); err != nil {
						t.Fatal(err)
					}
					for _, setup := range [][]string{
						{"config", "issuer", "--name", "Org", "--url", "https://badges.example.org", "--email", "badges@example.org"},
						{"reviewers", "add", "ops-admin", "--role", "admin"},
					} {
						if _, err := run(t, "", append(setup, "--db", db)...); err != nil {
							t.Fatal(err)
						}
					}
					if err := leave(db); err != nil {
						t.Fatal(err)
					}
					path := filepath.Join(t.TempDir(), "out")
					streamTo(t, path, shared, nil, append(append(command, "--db", db), who...)...)
					if bad := streamFault(t, command[0], path); bad != "" {
						b, _ := os.ReadFile(path)
						t.Errorf("%v %v > FILE after %s, stderr to it too (shared offset %v): %s; it starts %q", command, who, crash, shared, bad, b[:min(len(b), 60)])
					}
				}
			}
		}
	}
}

// streamTo runs the command tree in a child with stdout to a new file at
// path, readable by others as umask 022 makes it, and stderr to it too:
// sharing stdout's offset (> FILE 2>&1) or opened again (> FILE 2>
// FILE). env is added to the child's.
func streamTo(t *testing.T, path string, shared bool, env []string, args ...string) {
	t.Helper()
	f := newFileMode(t, path, 0o644)
	stderr := f
	if !shared {
		var err error
		if stderr, err = os.OpenFile(path, os.O_WRONLY, 0); err != nil {
			t.Fatal(err)
		}
	}
	err := runChildTo(t, f, stderr, env, args...)
	f.Close()
	stderr.Close()
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
}

// newFileMode creates the file at path with mode, whatever the test's
// umask, as a shell's redirect would leave it, and returns it open for
// writing.
func newFileMode(t *testing.T, path string, mode os.FileMode) *os.File {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Chmod(mode); err != nil {
		t.Fatal(err)
	}
	return f
}

// runChildTo runs the command tree in a child process with args, stdout
// and stderr as given and env added to the child's.
func runChildTo(t *testing.T, stdout *os.File, stderr io.Writer, env []string, args ...string) error {
	t.Helper()
	cmd := exec.Command(childExe(t), append([]string{"-test.run=^TestHelperAssessor$", "--"}, args...)...)
	cmd.Env = append(append(os.Environ(), helperEnv+"=1", "NO_COLOR=1"), env...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	return cmd.Run()
}

// streamFault says what is wrong with the file a command's stream went to
// ("" when nothing): a store (backup) that check refuses, or a tar that
// does not read to its end.
func streamFault(t *testing.T, command, path string) string {
	t.Helper()
	if command == "backup" {
		if out, err := run(t, "", "check", "--db", path); err != nil || !strings.Contains(out, " ok (") {
			return fmt.Sprintf("no store (%v)", err)
		}
		return ""
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for tr, n := tar.NewReader(f), 0; ; n++ {
		if _, err := tr.Next(); err == io.EOF {
			if n == 0 {
				return "an empty tar"
			}
			return ""
		} else if err != nil {
			return "no tar: " + err.Error()
		}
	}
}

// TestHelperSidecar writes serve's sidecar for the store named after
// "--", in a child process of TestSidecarOnFullDisk.
func TestHelperSidecar(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	if err := writeSidecar(os.Args[len(os.Args)-1], "127.0.0.1:2222"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestSidecarOnFullDisk: serve's sidecar that cannot be written (no file
// may grow, as on a full disk) is an error naming the file once, and no
// empty sidecar is left to mislead the next command.
func TestSidecarOnFullDisk(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	out, err := onFullDisk(t, "TestHelperSidecar", db).CombinedOutput()
	p := sidecarPath(db)
	if err == nil || strings.Count(string(out), p) != 1 || !strings.Contains(string(out), "write "+p+": ") {
		t.Errorf("sidecar on a full disk: %v, %q", err, out)
	}
	if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("left %s (%v)", p, err)
	}
}

// onFullDisk is the command running helper (a TestHelper… of this
// package) in a child process with args, where no file may grow (`ulimit
// -f 0`): every write to a file fails, as on a full disk, while pipes
// (stdout, stderr) still work.
func onFullDisk(t *testing.T, helper string, args ...string) *exec.Cmd {
	return onFillingDisk(t, 0, helper, args...)
}

// onFillingDisk is onFullDisk where files may grow to blocks of 512 bytes
// (sh's ulimit -f) and no further: a disk that fills partway.
func onFillingDisk(t *testing.T, blocks int, helper string, args ...string) *exec.Cmd {
	t.Helper()
	exe := childExe(t)
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("needs sh for ulimit")
	}
	limit := fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, blocks)
	cmd := exec.Command("sh", append([]string{"-c", limit, exe, "-test.run=^" + helper + "$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), helperEnv+"=1", "NO_COLOR=1")
	return cmd
}

// TestDemoOnFillingDiskLeavesNoStore: a demo build the disk stops partway
// leaves no half-built store, which the next demo would refuse as not its
// own.
func TestDemoOnFillingDiskLeavesNoStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	out, err := onFillingDisk(t, 400, "TestHelperAssessor", "demo", "--build-only", "--db", db).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "file too large") {
		t.Fatalf("demo on a filling disk: %v\n%s", err, out)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("left %s (%v)", db, err)
	}
}

// TestBadgesStreamToFileWarns: `export badges -` sent by the shell to a
// file its umask left readable by others makes it 0600 and says on stderr
// that whoever opened it meanwhile can read it, as `backup -` and the
// other exports do (TestStreamToFileIsPrivate).
func TestBadgesStreamToFileWarns(t *testing.T) {
	db := knownStore(t)
	if out, err := runBadges(t, "config", "issuer", "--name", "NEA", "--url", "https://badges.example.net/", "--email", "badges@example.net", "--db", db); err != nil {
		t.Fatalf("config issuer: %v\n%s", err, out)
	}
	path := filepath.Join(t.TempDir(), "badges.tar")
	f := newFileMode(t, path, 0o644)
	var stderr strings.Builder
	err := runChildTo(t, f, &stderr, nil, "export", "badges", "-", "--db", db)
	f.Close()
	if err != nil {
		t.Fatalf("export badges -: %v\n%s", err, stderr.String())
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
		t.Errorf("export badges - > a 0644 file: %v, %v; want 0600 and the stream", fi, err)
	}
	if !strings.Contains(stderr.String(), "umask 077") {
		t.Errorf("export badges - > a 0644 file: stderr %q; want the warning line", stderr.String())
	}
}
