package store

import (
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
)

// TestCheckSaysAHeaderIsDamaged: one damaged byte in the header page of the
// last commit makes bbolt open the store as of the commit before, with
// nothing missing that check could see; check now says which header page
// is damaged and that the last change may be missing. The next commit
// rewrites that page, and check is clean again.
func TestCheckSaysAHeaderIsDamaged(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	f.mustImport(submission("a2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"))
	f.mustCheck()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f.Store = nil
	data, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	m0, ok0, m1, ok1 := readMetas(file, int64(len(data)))
	file.Close()
	if !ok0 || !ok1 {
		t.Fatal("a sound store's headers do not read")
	}
	newer, at := 0, int64(0)
	if m1.txid > m0.txid {
		newer, at = 1, int64(m0.pageSize)
	}
	data[at+metaOffset+48] ^= 1 // the txid: its checksum no longer holds
	if err := os.WriteFile(f.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f.reopen()
	problems, err := f.Check()
	if err != nil {
		t.Fatal(err)
	}
	want := "header page " + string(rune('0'+newer)) + " is damaged: the store reads as of the commit before it"
	if len(problems) != 1 || !strings.HasPrefix(problems[0], want) {
		t.Fatalf("check: %q, want one problem starting %q", problems, want)
	}
	f.mustImport(submission("a3", "descriptive-feedback", 1, "2024-02-03T10:00:00Z"))
	f.mustCheck()
}

// TestOpenSaysADamagedPageIsDamage: a store whose root page a bad disk
// zeroed is a damaged store, not "not an assessor store": the line says to
// restore, and the error matches ErrCorrupt.
func TestOpenSaysADamagedPageIsDamage(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f.Store = nil
	data, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	m0, _, m1, _ := readMetas(file, int64(len(data)))
	file.Close()
	at := int64(0)
	if m1.txid > m0.txid {
		at = int64(m0.pageSize)
	}
	root := int64(binary.NativeEndian.Uint64(data[at+metaOffset+16:])) * int64(m0.pageSize)
	clear(data[root : root+int64(m0.pageSize)])
	if err := os.WriteFile(f.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Open(f.path, f.options())
	if err == nil || !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), "store "+f.path+" is damaged (") ||
		!strings.HasSuffix(err.Error(), "): restore it from a backup") {
		t.Fatalf("open of a store with its root page zeroed: %v", err)
	}
}
