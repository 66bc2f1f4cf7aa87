package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"assessor/store"
)

// TestFileCare: an empty file is never made a store, by a read command or
// one that writes; an import that fails on a store it created leaves no
// file; --db in a missing folder fails without creating it; the store and
// a backup are 0600; `backup -` writes a store to stdout.
func TestFileCare(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"rubrics", "list"}, {"config", "leaks", "add", "Kapolei High"}, {"rubrics", "add", "../testdata/known"}} {
		_, err := run(t, "", append(args, "--db", empty)...)
		if err == nil || !strings.Contains(err.Error(), empty+" is not an assessor store (the file is empty)") {
			t.Errorf("%v on an empty file: %v", args, err)
		}
		if fi, _ := os.Stat(empty); fi == nil || fi.Size() != 0 {
			t.Fatalf("%v wrote to the empty file", args)
		}
	}

	// A file that names a missing evidence file fails after the store
	// is opened (created): the new store goes with the failure.
	in := filepath.Join(dir, "in.jsonl")
	putFile(t, in, subWithFiles("A-1", `"gone.pdf"`)+"\n")
	fresh := filepath.Join(dir, "fresh.db")
	if _, err := run(t, "", "import", in, "--db", fresh); err == nil {
		t.Fatal("import of a missing evidence file succeeded")
	}
	if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("failed import left %s (%v)", fresh, err)
	}

	missing := filepath.Join(dir, "no-such-folder", "a.db")
	if _, err := run(t, "", "rubrics", "add", "../testdata/known", "--db", missing); err == nil || !strings.HasSuffix(err.Error(), "folder "+filepath.Dir(missing)+" does not exist") {
		t.Errorf("--db in a missing folder: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the missing folder was created")
	}

	db := storeWithKnownRubrics(t)
	bak := filepath.Join(dir, "copy.db")
	if _, err := run(t, "", "backup", bak, "--db", db); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, bak} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v %v, want 0600", p, fi, err)
		}
	}
	out, err := run(t, "", "backup", "-", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	stdout := filepath.Join(dir, "stdout.db")
	if err := os.WriteFile(stdout, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(stdout, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("backup - is not a store: %v", err)
	}
	defer st.Close()
	if rs, err := st.Credentials(); err != nil || len(rs) == 0 {
		t.Errorf("backup - holds %d rubrics (%v)", len(rs), err)
	}
}

// TestSidecarReplaced: a stale sidecar left 0644, or a symlink planted in
// its place, is replaced by a 0600 file of serve's own; the link's target
// is untouched.
func TestSidecarReplaced(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	victim := filepath.Join(dir, "victim")
	if err := os.WriteFile(victim, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, plant := range []func(p string) error{
		func(p string) error { return os.WriteFile(p, []byte("stale\n"), 0o644) },
		func(p string) error { return os.Symlink(victim, p) },
	} {
		db := filepath.Join(dir, "s"+strconv.Itoa(i)+".db")
		if err := plant(sidecarPath(db)); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(sidecarPath(db), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := writeSidecar(db, "127.0.0.1:2222"); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Lstat(sidecarPath(db))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o600 {
			t.Errorf("sidecar %d: %v %v, want a regular 0600 file", i, fi, err)
		}
		if got, _ := os.ReadFile(victim); string(got) != "precious" {
			t.Errorf("the symlink's target was written: %q", got)
		}
	}
}
