package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// closedFile closes f's store after importing lines, and returns its
// file's bytes, the page size and which header page (0 or 1) the last
// commit wrote, at which offset.
func closedFile(f *fixture, lines ...line) (data []byte, pageSize int64, newer int, at int64) {
	f.t.Helper()
	f.mustImport(lines...)
	if err := f.Close(); err != nil {
		f.t.Fatal(err)
	}
	f.Store = nil
	data, err := os.ReadFile(f.path)
	if err != nil {
		f.t.Fatal(err)
	}
	r := bytes.NewReader(data)
	m0, ok0, m1, ok1 := readMetas(r, int64(len(data)))
	if !ok0 || !ok1 {
		f.t.Fatal("a sound store's headers do not read")
	}
	if m1.txid > m0.txid {
		return data, int64(m0.pageSize), 1, int64(m0.pageSize)
	}
	return data, int64(m0.pageSize), 0, 0
}

// TestCheckSaysAHeaderIsDamaged: one damaged byte in the header page of the
// last commit makes bbolt open the store as of the commit before, with
// nothing missing that check could see; check now says which header page
// is damaged and that the last change may be missing. The next commit
// rewrites that page, and check is clean again. A header page a bad disk
// zeroed is that one problem too, not also a damaged page bbolt's check
// would advise restoring for: a backup checks clean, and compaction
// writes both header pages afresh.
func TestCheckSaysAHeaderIsDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(page []byte)
		after  func(t *testing.T, f *fixture)
	}{
		{"txid", func(page []byte) { page[metaOffset+48] ^= 1 }, func(t *testing.T, f *fixture) {
			if _, err := f.Application("a2"); !errors.Is(err, ErrNotFound) {
				t.Errorf("a2, committed last, still reads: %v", err)
			}
			f.mustImport(submission("a3", "descriptive-feedback", 1, "2024-02-03T10:00:00Z"))
		}},
		{"zeroed", func(page []byte) { clear(page) }, func(t *testing.T, f *fixture) {
			if _, err := f.Backup(io.Discard); err != nil {
				t.Errorf("backup of a store with one zeroed header: %v", err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			f.Store = nil
			if _, _, err := Compact(f.path, f.options()); err != nil {
				t.Fatalf("compact of a store with one zeroed header: %v", err)
			}
			f.reopen()
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.mustImport(submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
			data, pageSize, newer, at := closedFile(f, submission("a2", "descriptive-feedback", 1, "2024-02-02T10:00:00Z"))
			tc.damage(data[at : at+pageSize])
			if err := os.WriteFile(f.path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			f.reopen()
			problems, err := f.Check()
			if err != nil {
				t.Fatal(err)
			}
			want := "header page " + string(rune('0'+newer)) + " is damaged (a crash mid-write, or a bad disk); the store reads at transaction "
			if len(problems) != 1 || !strings.HasPrefix(problems[0], want) {
				t.Fatalf("check: %q, want one problem starting %q", problems, want)
			}
			tc.after(t, f)
			f.mustCheck()
		})
	}
}

// TestOpenSaysADamagedPageIsDamage: a store whose root page a bad disk
// zeroed is a damaged store, not "not an assessor store": the line says to
// restore, and the error matches ErrCorrupt.
func TestOpenSaysADamagedPageIsDamage(t *testing.T) {
	f := newFixture(t)
	data, pageSize, _, at := closedFile(f, submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	root := int64(binary.NativeEndian.Uint64(data[at+metaOffset+16:])) * pageSize
	clear(data[root : root+pageSize])
	if err := os.WriteFile(f.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(f.path, f.options())
	if err == nil || !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), "store "+f.path+" is damaged (") ||
		!strings.HasSuffix(err.Error(), "): restore it from a backup") {
		t.Fatalf("open of a store with its root page zeroed: %v", err)
	}
}
