package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"assessor/store"
)

// submissionLines is n submissions of new applications N-1… for the
// known rubrics' credential df, one per line.
func submissionLines(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `{"type":"submission","application":"N-%d","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",`+
			`"parts":[{"title":"Part 1: Overview","text":"Grade 4 reading."},{"title":"Part 2: Artifacts","text":"Two samples."}]}`+"\n", i)
	}
	return b.String()
}

// TestImportStdinSpool: import - spools stdin to a file of mode 0600 in
// the store's folder (over ssh too), whose name is gone while the import
// reads it: nothing is left beside the store after the import, whether it
// succeeded or failed on a bad line, and no open, its own included, takes
// it for a crash's leftover.
func TestImportStdinSpool(t *testing.T) {
	db := storeWithKnownRubrics(t)
	var spools []string
	var modes []fs.FileMode
	spoolHook = func(f *os.File) {
		spools = append(spools, f.Name())
		if info, err := f.Stat(); err == nil {
			modes = append(modes, info.Mode().Perm())
		}
		if _, err := os.Stat(f.Name()); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("spool %s has a name while the import reads it (%v)", f.Name(), err)
		}
	}
	t.Cleanup(func() { spoolHook = nil })
	out, stderr, err := executeSplit(New(), submissionLines(3), "import", "-", "--db", db)
	if err != nil || !strings.Contains(out, "stdin: 3 submissions") || strings.Contains(stderr, "temporary file") {
		t.Fatalf("import -: %v %q %q", err, out, stderr)
	}
	_, err = run(t, submissionLines(2)+"not json\n", "import", "-", "--db", db)
	if err == nil || !strings.HasPrefix(err.Error(), "stdin:3: bad JSON") {
		t.Fatalf("bad line: %v, want stdin:3: bad JSON …", err)
	}
	// Over ssh, in the folder of the store serve holds, not the default
	// data folder's.
	dir := t.TempDir()
	keyFile, key := signerFile(t, dir, "adm.pub")
	if out, err := run(t, "", "reviewers", "add", "adm", "--role", "admin", "--key", keyFile, "--db", db); err != nil {
		t.Fatalf("reviewers add: %v %s", err, out)
	}
	addr, _ := serveStore(t, db, dir)
	if out, errOut, code := sshRun(t, addr, key, submissionLines(4), "import -"); code != 0 || !strings.Contains(out, "stdin: 1 submission") {
		t.Fatalf("ssh import -: %d %q %q", code, out, errOut)
	}
	if len(spools) != 3 || len(modes) != 3 {
		t.Fatalf("spools %v (modes %v), want three", spools, modes)
	}
	for i, p := range spools {
		if modes[i] != 0o600 {
			t.Errorf("spool %s mode %v, want 0600", p, modes[i])
		}
		if filepath.Dir(p) != filepath.Dir(db) {
			t.Errorf("spool %s, want it in the store's folder %s", p, filepath.Dir(db))
		}
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("spool %s left behind (%v)", p, err)
		}
	}
}

// TestSpoolOverLimitFailsEarly: stdin (or a named pipe) past the limit
// fails as it passes it, with one line naming the input, and leaves no
// spool behind.
func TestSpoolOverLimitFailsEarly(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"stdin", "/run/feed.fifo"} {
		dir := t.TempDir()
		in := &endlessInput{}
		_, _, err := spool(name, in, dir, 1<<20)
		if want := name + ": over 1 MiB: split the input"; err == nil || err.Error() != want {
			t.Fatalf("err = %v, want %q", err, want)
		}
		if n := in.n.Load(); n > 1<<20+64<<10 {
			t.Errorf("read %d bytes for a limit of 1 MiB", n)
		}
		if left, _ := os.ReadDir(dir); len(left) > 0 {
			t.Errorf("left %v behind", left)
		}
	}
}

// TestImportFileChangedBetweenPasses: a file that grows after pass 1
// fails the import with one line naming it, and nothing is stored.
func TestImportFileChangedBetweenPasses(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	path := filepath.Join(t.TempDir(), "new.jsonl")
	if err := os.WriteFile(path, []byte(submissionLines(3)), 0o600); err != nil {
		t.Fatal(err)
	}
	idx, done, err := indexInput(path, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(submissionLines(4)[len(submissionLines(3)):])
	f.Close()
	st := openTestStore(t, db)
	defer st.Close()
	_, err = st.ImportFrom(path, idx, nil)
	if want := path + ": the file changed while it was imported; nothing of it was stored: import it again"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if c, err := st.Counts(); err != nil || c.Applications != 0 {
		t.Errorf("counts after the changed file: %+v %v", c, err)
	}
}

// TestLargeImportOverSSH: an import of more than one chunk sent over SSH
// to a served store (stdin spooled on the server, read in two passes)
// arrives whole.
func TestLargeImportOverSSH(t *testing.T) {
	var chunks atomic.Int64
	t.Cleanup(store.SetImportChunks(60, &chunks))
	dir := t.TempDir()
	db := leadStore(t)
	adminKey, admin := signerFile(t, dir, "admin.pub")
	if out, err := run(t, "", "reviewers", "add", "--db", db, "admin-1", "--role", "admin", "--key", adminKey); err != nil {
		t.Fatalf("reviewers add: %v %s", err, out)
	}
	before := counts(t, db)
	addr, stop := serveStore(t, db, dir)
	out, errOut, code := sshRun(t, addr, admin, submissionLines(250), "import -")
	if err := stop(); err != nil {
		t.Error(err)
	}
	if code != 0 || out != "stdin: 250 submissions, 0 decisions imported; 0 lines unchanged\n" {
		t.Fatalf("import over ssh: %d %q %q", code, out, errOut)
	}
	if n := chunks.Load(); n < 4 {
		t.Errorf("%d chunk commits, want the file in several", n)
	}
	if c := counts(t, db); c.Applications != before.Applications+250 || c.Pending != before.Pending+250 {
		t.Errorf("counts after the import: %+v (before %+v)", c, before)
	}
}

// TestImportFolderIsNotAFile: a folder given as FILE fails with one line
// naming it.
func TestImportFolderIsNotAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	_, err := run(t, "", "import", dir, "--db", filepath.Join(t.TempDir(), "a.db"))
	if want := dir + ": a folder, not a JSON Lines file"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

// TestImportStdinBesideAFolderNobodyWrites: a store its user may write in a
// folder they may not (a service user's store under a folder root owns)
// spools stdin in $TMPDIR instead of failing.
func TestImportStdinBesideAFolderNobodyWrites(t *testing.T) {
	t.Parallel()
	childExe(t) // skips with -short
	dir := sharedDir(t)
	exe := sharedExe(t, dir)
	db := filepath.Join(dir, "a.db")
	if out, err := run(t, "", "rubrics", "add", "../testdata/known/df.md", "--db", db); err != nil {
		t.Fatalf("rubrics add: %v %s", err, out)
	}
	uid := -1
	if os.Geteuid() == 0 {
		uid = nobody // root writes any folder: the child drops to nobody
		if err := os.Chown(db, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	r := runChildIn(t, exe, uid, submissionLines(2), "import", "-", "--db", db)
	if r.code != 0 || !strings.Contains(r.stdout, "stdin: 2 submissions") {
		t.Fatalf("import - beside a folder nobody writes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestImportFileRewrittenInPlaceFails: a file rewritten between the two
// passes at the same size (an editor saving it) fails the import: its
// modification time changed.
func TestImportFileRewrittenInPlaceFails(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	path := filepath.Join(t.TempDir(), "new.jsonl")
	orig := submissionLines(3)
	if err := os.WriteFile(path, []byte(orig), 0o600); err != nil {
		t.Fatal(err)
	}
	idx, done, err := indexInput(path, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	// Same length, another candidate's text.
	changed := strings.Replace(orig, "Grade 4 reading.", "Grade 3 reading.", 1)
	if len(changed) != len(orig) || changed == orig {
		t.Fatalf("fixture: %q", changed)
	}
	if err := os.WriteFile(path, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, db)
	defer st.Close()
	_, err = st.ImportFrom(path, idx, nil)
	if want := path + ": the file changed while it was imported; nothing of it was stored: import it again"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
}
