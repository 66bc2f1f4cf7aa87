package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// TestUpgradeKeepsEarlierBackups: an upgrade never overwrites the backup an
// earlier one left (FILE.v4.bak, FILE.v4.1.bak): it backs up to the next
// free name, FILE.v4.2.bak, and names it in its notice.
func TestUpgradeKeepsEarlierBackups(t *testing.T) {
	path := unzipFixture(t, "schema4")
	earlier := []string{path + ".v4.bak", path + ".v4.1.bak"}
	for _, p := range earlier {
		if err := os.WriteFile(p, []byte("earlier backup"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	var notes []string
	s, err := Open(path, Options{Notify: func(l string) { notes = append(notes, l) }})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range earlier {
		if got, _ := os.ReadFile(p); string(got) != "earlier backup" {
			t.Errorf("%s was overwritten", p)
		}
	}
	bak := path + ".v4.2.bak"
	if len(notes) != 1 || !strings.HasSuffix(notes[0], "backed up in "+bak) {
		t.Errorf("notices %q, want one naming %s", notes, bak)
	}
	b, err := Open(bak, Options{ReadOnly: true, Schema: SchemaAsIs})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Schema() != 4 {
		t.Errorf("backup at schema %d, want 4", b.Schema())
	}
}

// TestFailedUpgradeRestores: an upgrade whose later step fails (a damaged
// attempt in a schema-4 store: the steps to 5 and 6 commit, the one to 7
// cannot read it) puts the backup back, so the store is byte for byte what
// it was, at a schema the old build reads, and not held; the one-line
// error says so and names the backup. A second try does the same.
func TestFailedUpgradeRestores(t *testing.T) {
	path := unzipFixture(t, "schema4")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketAttempts))
		k, _ := b.Cursor().First()
		return b.Put(k, []byte("{damaged"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i, bak := range []string{path + ".v4.bak", path + ".v4.1.bak"} {
		_, err := Open(path, Options{Timeout: 100 * time.Millisecond})
		if err == nil {
			t.Fatal("the upgrade of a damaged store succeeded")
		}
		msg := err.Error()
		if strings.Contains(msg, "\n") || !strings.Contains(msg, "to schema 7") || !strings.Contains(msg, "the store is unchanged (schema 4)") || !strings.HasSuffix(msg, bak) {
			t.Errorf("try %d: %q, want one line saying the store is unchanged and naming %s", i+1, msg, bak)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
			t.Fatalf("try %d: the store changed", i+1)
		}
		noTemps(t, filepath.Dir(path))
		s, err := Open(path, Options{Timeout: 100 * time.Millisecond, Schema: SchemaAsIs})
		if err != nil {
			t.Fatalf("try %d: %v", i+1, err)
		}
		if s.Schema() != 4 {
			t.Errorf("try %d: schema %d, want 4", i+1, s.Schema())
		}
		s.Close()
	}
}
