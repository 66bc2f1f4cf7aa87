package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestOpenCreatesPrivateFileAndDirs(t *testing.T) {
	f := newFixture(t)
	info, err := os.Stat(f.path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, want 0600", info.Mode().Perm())
	}
	dir, err := os.Stat(filepath.Dir(f.path))
	if err != nil {
		t.Fatal(err)
	}
	if dir.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, want 0700", dir.Mode().Perm())
	}
	if f.Path() != f.path {
		t.Errorf("Path() = %q, want %q", f.Path(), f.path)
	}
}

func TestReopenKeepsData(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	f.reopen()
	if c := f.counts(); c != (Counts{Applications: 1, Attempts: 1, Pending: 1}) {
		t.Errorf("counts after reopen = %+v", c)
	}
	a, err := f.Attempt(key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	if a.Pseudonym == "" || !strings.HasPrefix(a.Pseudonym, "DF-") {
		t.Errorf("pseudonym %q", a.Pseudonym)
	}
	creds, err := f.Credentials()
	if err != nil || len(creds) != 2 {
		t.Errorf("credentials after reopen: %v, %v", creds, err)
	}
}

func TestOpenLockedFailsFast(t *testing.T) {
	f := newFixture(t)
	for _, readOnly := range []bool{false, true} {
		start := time.Now()
		s, err := Open(f.path, Options{Timeout: 100 * time.Millisecond, ReadOnly: readOnly})
		if err == nil {
			s.Close()
			t.Fatalf("read-only %v: second Open succeeded", readOnly)
		}
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("read-only %v: err = %v, want ErrLocked", readOnly, err)
		}
		if want := "store " + f.path + " is in use by another assessor process"; err.Error() != want {
			t.Errorf("message %q, want %q", err, want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v to fail", d)
		}
	}
}

func TestOpenRejectsNonStoreUntouched(t *testing.T) {
	dir := t.TempDir()
	random := make([]byte, 64<<10)
	rand.NewChaCha8([32]byte{1}).Read(random)

	// A real store, then cut short in two ways.
	f := newFixture(t)
	for i := range 300 {
		f.mustImport(submission("A-"+string(rune('a'+i%26))+strings.Repeat("x", i/26), "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	}
	f.Close()
	full, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}

	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	db.Close()
	foreignBytes, _ := os.ReadFile(foreign)

	cases := map[string][]byte{
		"random":         random,
		"short random":   random[:100],
		"truncated half": full[:len(full)/2],
		"truncated meta": full[:100],
		"foreign bbolt":  foreignBytes,
	}
	for name, data := range cases {
		for _, readOnly := range []bool{false, true} {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".db")
			if err := os.WriteFile(path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			s, err := Open(path, Options{Timeout: 100 * time.Millisecond, ReadOnly: readOnly})
			if err == nil {
				s.Close()
				t.Errorf("%s (read-only %v): Open succeeded", name, readOnly)
				continue
			}
			if !errors.Is(err, ErrNotStore) {
				t.Errorf("%s: err = %v, want ErrNotStore", name, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, path+" is not an assessor store (") || strings.Contains(msg, "\n") {
				t.Errorf("%s: message %q", name, msg)
			}
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, data) {
				t.Errorf("%s: file changed by Open", name)
			}
		}
	}
}

func TestOpenNewerSchema(t *testing.T) {
	f := newFixture(t)
	f.Close()
	db, err := bolt.Open(f.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketMeta)).Put([]byte(keySchema), sealed([]byte(keySchema), []byte(strconv.Itoa(SchemaVersion+1))))
	})
	db.Close()
	before, _ := os.ReadFile(f.path)

	_, err = Open(f.path, Options{})
	if !errors.Is(err, ErrNewerSchema) {
		t.Fatalf("err = %v, want ErrNewerSchema", err)
	}
	want := fmt.Sprintf("store %s was written by a newer assessor (schema %d; this build reads up to %d): upgrade assessor", f.path, SchemaVersion+1, SchemaVersion)
	if err.Error() != want {
		t.Errorf("message %q\nwant %q", err, want)
	}
	if after, _ := os.ReadFile(f.path); !bytes.Equal(before, after) {
		t.Error("Open wrote to a newer store")
	}
}

func TestReadOnly(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	f.Close()
	s, err := Open(f.path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, err := s.Counts(); err != nil || c.Pending != 1 {
		t.Errorf("counts %+v, %v", c, err)
	}
	if _, err := s.Claim("rev-1", key("A-1", 1)); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Claim on read-only store: %v, want ErrReadOnly", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "missing.db"), Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read-only Open of a missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestClosedStore(t *testing.T) {
	f := newFixture(t)
	f.Close()
	if _, err := f.Counts(); !errors.Is(err, ErrClosed) {
		t.Errorf("Counts after Close: %v, want ErrClosed", err)
	}
}
