package store

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// unzipFixture writes the fixture store name (gzipped in testdata/stores),
// unzipped, to a new file and returns its path.
func unzipFixture(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile("../testdata/stores/" + name + ".db.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// entry is one stored key (or nested bucket, with its sequence) of a store,
// named by its bucket path.
type entry struct{ path, key, value string }

// entries lists every entry of the bbolt file at path, nested buckets and
// sequences included, each value passed through fn.
func entries(t *testing.T, path string, fn func(k, v []byte) []byte) []entry {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var out []entry
	var walk func(b *bolt.Bucket, path string) error
	walk = func(b *bolt.Bucket, path string) error {
		out = append(out, entry{path, "(sequence)", strconv.FormatUint(b.Sequence(), 10)})
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				return walk(b.Bucket(k), path+"/"+string(k))
			}
			out = append(out, entry{path, string(k), string(fn(k, v))})
			return nil
		})
	}
	err = db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(b, string(name)) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestChecksumsAddedByCopy: the step that adds checksums copies the store
// (schema 4 fixture) into a new file: every entry of the old store is in
// the new one with its checksum, nothing else changes but the schema,
// nested buckets and sequences are kept, and no temporary file is left
// beside it. The same copy in chunks of 512 bytes (many commits) gives the
// same entries.
func TestChecksumsAddedByCopy(t *testing.T) {
	path := unzipFixture(t, "schema4")
	schemaKey := []byte(keySchema)
	// The schema entry is compared apart: it is the one value that changes.
	seal := func(k, v []byte) []byte {
		if bytes.Equal(k, schemaKey) {
			return nil
		}
		return sealed(k, v)
	}
	stored := func(k, v []byte) []byte {
		if bytes.Equal(k, schemaKey) {
			return nil
		}
		return v
	}
	want := entries(t, path, seal)

	chunked := filepath.Join(t.TempDir(), "chunked.db")
	src, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	dst, err := bolt.Open(chunked, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = copyRewritten(dst, src, 512, sealed)
	dst.Close()
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	sameEntries(t, "copied in 512-byte chunks", entries(t, chunked, stored), want)

	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Schema() != SchemaVersion {
		t.Fatalf("schema %d after the upgrade", s.Schema())
	}
	if _, err := s.Counts(); err != nil { // reads through checksums
		t.Fatal(err)
	}
	s.Close()
	// Later steps (schema 6 on) add empty buckets, and step 19 writes the
	// turnaround index's fine keys again with nanoseconds and marks it
	// (migrate_turnarounds_test.go checks them): compared apart.
	got := withoutBuckets(entries(t, path, stored), bucketImportPending, bucketImportJournal, bucketTurnaroundFine)
	got = slices.DeleteFunc(got, func(e entry) bool { return e.path == bucketMeta && e.key == keyTurnaroundExact })
	sameEntries(t, "upgraded", got, withoutBuckets(want, bucketTurnaroundFine))
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// withoutBuckets is es without the entries of the named top-level buckets.
func withoutBuckets(es []entry, names ...string) []entry {
	return slices.DeleteFunc(es, func(e entry) bool { return slices.Contains(names, e.path) })
}

func sameEntries(t *testing.T, what string, got, want []entry) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries, %d before", what, len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("%s: entry %d is %q/%q, want %q/%q", what, i, got[i].path, got[i].key, want[i].path, want[i].key)
		}
	}
}

// TestCopyStepFailsWhole: a copy step that fails halfway (a damaged
// record, here faked by the rewrite) leaves the store byte for byte as it
// was, at its old schema, and no temporary file.
func TestCopyStepFailsWhole(t *testing.T) {
	path := unzipFixture(t, "schema4")
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{Schema: SchemaAsIs})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	step := migration{to: 5, what: "fail halfway", rewrite: func(k, v []byte) []byte {
		if n++; n == 500 {
			panic(&recordError{"test", quoteKey(k)})
		}
		return sealed(k, v)
	}}
	err = s.rewriteByCopy(step, Options{})
	s.Close()
	if err == nil {
		t.Fatal("the failing copy reported no error")
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the store changed")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestCopyStepKeepsTheLock: the step that copies the store and renames the
// copy over it held no lock on the new file between the rename and its
// reopening, so another process opening the store then (serve restarted
// by its service manager, a second upgrade) took it half upgraded, and
// the upgrade under way failed and put its backup back over what the
// other went on writing. The new file must be locked from the moment it
// is the store.
func TestCopyStepKeepsTheLock(t *testing.T) {
	path := unzipFixture(t, "schema1")
	was, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	took := make(chan string, 1)
	go func() { // another process's open, the moment a new file is at path
		defer close(took)
		for {
			select {
			case <-stop:
				return
			default:
			}
			fi, err := os.Stat(path)
			if err != nil || os.SameFile(fi, was) {
				continue
			}
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 20 * time.Millisecond})
			if err != nil {
				return // locked, as it should be
			}
			var schema []byte
			_ = db.View(func(tx *bolt.Tx) error {
				schema = bytes.Clone(tx.Bucket([]byte(bucketMeta)).Get([]byte(keySchema)))
				return nil
			})
			time.Sleep(200 * time.Millisecond) // as serve would keep it
			db.Close()
			took <- string(schema)
			return
		}
	}()
	s, err := Open(path, Options{Timeout: time.Second})
	close(stop)
	if schema, ok := <-took; ok {
		t.Errorf("another opener locked the store in the middle of its upgrade (schema value %q; the upgrade: %v)", schema, err)
	}
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	if s.Schema() != SchemaVersion {
		t.Errorf("schema %d after the upgrade, want %d", s.Schema(), SchemaVersion)
	}
	s.Close()
}
