package cli

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// These tests run the command tree in a child process, as the assessor
// binary would run (main prints "assessor: ERR" and exits 1), so a panic,
// a second output line or a wrong exit code shows. The child is this test
// binary re-executed with helperEnv set: TestHelperAssessor then acts as
// main.

// helperEnv turns TestHelperAssessor into the assessor binary.
const helperEnv = "ASSESSOR_CLI_HELPER"

// nobody is the uid the read-only cases drop to when the tests run as
// root, for whom file permissions block nothing.
const nobody = 65534

// TestHelperAssessor is main, run only in a child process of these tests:
// it executes the arguments after "--" and exits like the binary.
func TestHelperAssessor(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	cmd := New()
	cmd.SetArgs(args)
	if err := Execute(cmd); err != nil {
		fmt.Fprintln(os.Stderr, "assessor:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

// childExe is the test binary that runChild re-executes as the assessor
// binary; a test that uses it is skipped with -short.
func childExe(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs child processes: skipped with -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	return exe
}

// result is what a child run of the command tree did.
type result struct {
	stdout, stderr string
	code           int
}

// runChild runs the command tree in a child process, as uid when uid >= 0.
func runChild(t *testing.T, exe string, uid int, args ...string) result {
	t.Helper()
	return runChildIn(t, exe, uid, "", args...)
}

// runChildIn is runChild with stdin.
func runChildIn(t *testing.T, exe string, uid int, stdin string, args ...string) result {
	t.Helper()
	cmd := exec.Command(exe, append([]string{"-test.run=^TestHelperAssessor$", "--"}, args...)...)
	cmd.Stdin = strings.NewReader(stdin)
	// The operator runs it: nobody named, not even by $ASSESSOR_REVIEWER.
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, reviewerEnv+"=") })
	cmd.Env = append(env, helperEnv+"=1", "NO_COLOR=1")
	if uid >= 0 {
		runAs(t, cmd, uid)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("run child: %v", err)
	}
	return result{stdout: out.String(), stderr: errOut.String(), code: code}
}

// requireOneLineFailure fails unless r is exit 1 with exactly one line,
// "assessor: …" containing want, on stderr, and no panic.
func requireOneLineFailure(t *testing.T, r result, want string) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(r.stderr, "\n"), "\n")
	if r.code != 1 || len(lines) != 1 || !strings.HasPrefix(lines[0], "assessor: ") || !strings.Contains(lines[0], want) {
		t.Errorf("exit %d, stderr %q; want exit 1 and one line containing %q", r.code, r.stderr, want)
	}
	if strings.Contains(r.stderr+r.stdout, "panic") || strings.Contains(r.stderr+r.stdout, "goroutine ") {
		t.Errorf("panicked:\n%s%s", r.stdout, r.stderr)
	}
}

// fileState is a file's bytes and modification time, to prove nothing
// wrote to it.
type fileState struct {
	data  []byte
	mtime time.Time
	exist bool
}

// stateOf is the file (or folder) at path as it is now; a missing one is
// the zero fileState.
func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return fileState{}
	} else if err != nil {
		t.Fatal(err)
	}
	if fi.IsDir() {
		return fileState{mtime: fi.ModTime(), exist: true}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{data: data, mtime: fi.ModTime(), exist: true}
}

// equal reports whether nothing about the file changed.
func (s fileState) equal(o fileState) bool {
	return s.exist == o.exist && bytes.Equal(s.data, o.data) && s.mtime.Equal(o.mtime)
}

// knownStoreBytes is a healthy store holding testdata/known.
func knownStoreBytes(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(knownStore(t))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// patchAll replaces every occurrence of old in data (live and stale page
// copies alike) with new, of the same length, and fails if there is none.
// bbolt checksums only its meta pages, so a changed value in a leaf page
// opens fine; this changes a stored value without importing bbolt here.
func patchAll(t *testing.T, data, old, new []byte) []byte {
	t.Helper()
	if len(old) != len(new) || !bytes.Contains(data, old) {
		t.Fatalf("patch %q: not found", old)
	}
	return bytes.ReplaceAll(data, old, new)
}

// record is a stored key and its value as they lie in a leaf page: the
// key, the value, then the value's checksum (store/record.go: CRC-32C of
// the key's length as a uvarint, the key and the value, 4 bytes big-endian),
// so that a patch makes a record that reads back as sound.
func record(key string, value []byte) []byte {
	sum := crc32.New(crc32.MakeTable(crc32.Castagnoli))
	sum.Write(binary.AppendUvarint(nil, uint64(len(key))))
	sum.Write([]byte(key))
	sum.Write(value)
	return sum.Sum(append([]byte(key), value...))
}

// sharedExe is a copy of the test binary in dir (from sharedDir), which
// uid nobody can run.
func sharedExe(t *testing.T, dir string) string {
	t.Helper()
	exe := filepath.Join(dir, "assessor.test")
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	return exe
}

// sharedDir is a fresh directory that uid nobody can enter, unlike
// t.TempDir's parent, for the cases that run the child as nobody.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "assessor-badstore-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBadStores: a truncated file, random bytes, a store of a newer schema,
// a directory and a missing store each make `rubrics list` and `check` exit
// 1 with one line on stderr, without a panic and without writing (bytes and
// mtime unchanged, nothing created); so do a command that writes (config
// leaks add) on a read-only file, and one that creates a missing store in a
// read-only directory.
// The line names the store once ("open store X: permission denied", not
// "open store X: open X: permission denied").
//
// As root, permissions block nothing, so the read-only cases run the child
// as uid nobody, for whom the file (owned by nobody, 0400) or the directory
// (owned by root, 0555) is read-only. Commands that only read open a
// read-only file read-only (TestReadOnlyStore).
func TestBadStores(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs child processes: skipped with -short")
	}
	dir := sharedDir(t)
	exe := sharedExe(t, dir)
	good := knownStoreBytes(t)
	random := make([]byte, 64<<10)
	rand.NewChaCha8([32]byte{9}).Read(random)

	asUser := -1
	if os.Geteuid() == 0 {
		asUser = nobody
	}
	type badStore struct {
		name  string
		setup func(path string) // creates the bad store at path
		uid   int
		want  string
		args  [][]string // the commands to run; nil: rubrics list and check
	}
	write := func(data []byte) func(string) {
		return func(p string) {
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	cases := []badStore{
		{"truncated", write(good[:len(good)/2]), -1, "is not an assessor store (the file is truncated", nil},
		{"truncated meta", write(good[:100]), -1, "is not an assessor store (", nil},
		{"random bytes", write(random), -1, "is not an assessor store (not a bbolt database)", nil},
		{"both headers damaged", write(damageMetas(good)), -1, "is damaged (both of its header pages are damaged): restore it from a backup", nil},
		{"both headers zeroed", write(zeroMetas(good)), -1, "is damaged (both of its header pages are damaged): restore it from a backup", nil},
		// A demo store whose schema reads 99: no patch of a one-digit
		// version can write a newer one of the same length.
		{"newer schema", write(gunzipFile(t, "../testdata/newer/schema99.db.gz")), -1,
			fmt.Sprintf("was written by a newer assessor (schema 99; this build reads up to %d): upgrade assessor", store.SchemaVersion), nil},
		{"directory", func(p string) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, -1, "is not an assessor store (it is a directory)", nil},
		{"read-only file", func(p string) {
			write(good)(p)
			if err := os.Chmod(p, 0o400); err != nil {
				t.Fatal(err)
			}
			if asUser >= 0 {
				if err := os.Chown(p, asUser, asUser); err != nil {
					t.Fatal(err)
				}
			}
		}, asUser, "assessor.db: permission denied", [][]string{{"config", "leaks", "add", "Kapolei High"}}},
		{"missing", func(string) {}, -1, "no store at ", nil},
		// Only a command that starts a store creates one.
		{"read-only directory", func(p string) {
			if err := os.Chmod(filepath.Dir(p), 0o555); err != nil {
				t.Fatal(err)
			}
		}, asUser, "permission denied", [][]string{{"config", "leaks", "add", "Kapolei High"}}},
	}
	for i, c := range cases {
		cmds := c.args
		if cmds == nil {
			cmds = [][]string{{"rubrics", "list"}, {"check"}}
		}
		for _, args := range cmds {
			t.Run(c.name+"/"+strings.Join(args, "-"), func(t *testing.T) {
				caseDir := filepath.Join(dir, fmt.Sprintf("case%d-%s", i, args[0]))
				if err := os.Mkdir(caseDir, 0o755); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(caseDir, "assessor.db")
				t.Cleanup(func() { _ = os.Chmod(caseDir, 0o755) }) // so it can be removed
				c.setup(path)
				before, dirBefore := stateOf(t, path), stateOf(t, caseDir)
				r := runChild(t, exe, c.uid, append(args, "--db", path)...)
				requireOneLineFailure(t, r, c.want)
				// A line to paste names it again, as its --db.
				if n := strings.Count(r.stderr, path) - strings.Count(r.stderr, "--db "+server.ShellWord(path)); n != 1 {
					t.Errorf("the line names the store %d times, want once: %s", n, r.stderr)
				}
				if !stateOf(t, path).equal(before) {
					t.Error("the store file changed")
				}
				if !stateOf(t, caseDir).equal(dirBefore) {
					t.Error("the store's directory changed (a file was created or removed)")
				}
			})
		}
	}
}

// TestReadOnlyStore: a store this process may only read (a 0400 file of
// nobody's, run as nobody when the tests run as root; a backup on
// read-only media alike) is opened read-only by the commands that only
// read: check (saying that bbolt's own check needs write access), report,
// reviewers list, backup to a file and to stdout, and a named admin's
// check (whose role is read first); a command that writes fails in one
// line naming the file once. Nothing writes to the file; an older store
// there is refused as anywhere.
func TestReadOnlyStore(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs child processes: skipped with -short")
	}
	dir := sharedDir(t)
	exe := sharedExe(t, dir)
	asUser := -1
	if os.Geteuid() == 0 {
		asUser = nobody
	}
	out := filepath.Join(dir, "out") // where nobody may write the backup
	if err := os.Mkdir(out, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(out, 0o777); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "ro.db")
	if err := os.WriteFile(db, knownStoreBytes(t), 0o600); err != nil {
		t.Fatal(err)
	}
	addReviewers(t, db, review.Reviewer{ID: "adm-1", Role: review.RoleAdmin})
	old := filepath.Join(dir, "old.db")
	if err := os.WriteFile(old, gunzipFile(t, filepath.Join("..", "testdata", "stores", "schema"+itoa(int64(store.SchemaVersion-1))+".db.gz")), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, old} {
		if err := os.Chmod(p, 0o400); err != nil {
			t.Fatal(err)
		}
		if asUser >= 0 {
			if err := os.Chown(p, asUser, asUser); err != nil {
				t.Fatal(err)
			}
		}
	}
	before, oldBefore := stateOf(t, db), stateOf(t, old)

	r := runChild(t, exe, asUser, "check", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, db+": ok (5 applications") || !strings.Contains(r.stdout, "without bbolt's own check") {
		t.Errorf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runChild(t, exe, asUser, "check", "--as", "adm-1", "--db", db); r.code != 0 || !strings.Contains(r.stdout, ": ok (") {
		t.Errorf("check --as adm-1: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"report", "--format", "json"}, {"reviewers", "list"}, {"rubrics", "list"}} {
		if r := runChild(t, exe, asUser, append(args, "--db", db)...); r.code != 0 || r.stdout == "" || r.stderr != "" {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	bak := filepath.Join(out, "copy.db")
	if r := runChild(t, exe, asUser, "backup", bak, "--db", db); r.code != 0 || !strings.Contains(r.stdout, "backed up "+db) || !strings.Contains(r.stderr, "the backup is not in the audit log: store "+db+": store is open read-only") {
		t.Errorf("backup FILE: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := runChild(t, exe, -1, "check", "--db", bak); r.code != 0 || !strings.Contains(r.stdout, ": ok (5 applications") {
		t.Errorf("check of the backup: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	copied, _ := os.ReadFile(bak)
	if r := runChild(t, exe, asUser, "backup", "-", "--db", db); r.code != 0 || r.stdout != string(copied) {
		t.Errorf("backup -: exit %d, %d bytes, want the %d of backup FILE\n%s", r.code, len(r.stdout), len(copied), r.stderr)
	}
	r = runChild(t, exe, asUser, "config", "leaks", "add", "Kapolei High", "--db", db)
	requireOneLineFailure(t, r, "open store "+db+": permission denied")
	if n := strings.Count(r.stderr, db); n != 1 {
		t.Errorf("the line names the store %d times: %s", n, r.stderr)
	}
	// An older store is checked as it is, on a copy: nothing changes.
	if r := runChild(t, exe, asUser, "check", "--db", old); r.code != 0 || !strings.Contains(r.stdout, "pages and records ok (schema ") {
		t.Errorf("check of an older store: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !stateOf(t, db).equal(before) || !stateOf(t, old).equal(oldBefore) {
		t.Error("a read-only store file changed")
	}
}

// TestCheckCorruptStore: `check` on a store whose records disagree (a
// counter off by 16) lists the problem on stdout and exits 1 with a
// one-line summary; the healthy store passes.
func TestCheckCorruptStore(t *testing.T) {
	t.Parallel()
	exe := childExe(t)
	good := knownStoreBytes(t)
	dir := t.TempDir()
	healthy := filepath.Join(dir, "healthy.db")
	if err := os.WriteFile(healthy, good, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runChild(t, exe, -1, "check", "--db", healthy); r.code != 0 || !strings.Contains(r.stdout, ": ok (5 applications, 9 attempts") {
		t.Fatalf("healthy store: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// count.pending is 8 bytes big-endian right after its key: 2 → 18,
	// with the checksum of 18, so only check's cross-check can tell.
	old := record("count.pending", []byte{0, 0, 0, 0, 0, 0, 0, 2})
	bad := filepath.Join(dir, "bad.db")
	if err := os.WriteFile(bad, patchAll(t, good, old, record("count.pending", []byte{0, 0, 0, 0, 0, 0, 0, 18})), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runChild(t, exe, -1, "check", "--db", bad)
	requireOneLineFailure(t, r, bad+": 1 problem found")
	if !strings.Contains(r.stdout, "counter count.pending is 18, but the store holds 2") {
		t.Errorf("problems listed:\n%s", r.stdout)
	}
}

// damageMetas is a copy of a store's bytes with a byte of each of its two
// meta pages flipped (their txid), past the magic that says what they are.
func damageMetas(good []byte) []byte {
	bad := slices.Clone(good)
	pageSize := int(binary.NativeEndian.Uint32(bad[16+8:]))
	for _, page := range []int{0, pageSize} {
		bad[page+16+48] ^= 0xff
	}
	return bad
}

// zeroMetas is good with both header pages zeroed, as a bad disk or a
// stray dd leaves them: no magic number left to know the file by.
func zeroMetas(good []byte) []byte {
	bad := slices.Clone(good)
	pageSize := int(binary.NativeEndian.Uint32(bad[16+8:]))
	clear(bad[:2*pageSize])
	return bad
}
