package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// TestRecordChecksum flips one byte inside a stored value, then inside a
// stored key, of a small store, where it breaks none of bbolt's structure:
// reading the record, by its key or by a cursor, is ErrCorrupt naming its
// bucket (not the changed record, nor a missing one), check reports the bucket, the key and the count, and backup
// refuses to copy it.
func TestRecordChecksum(t *testing.T) {
	for _, tt := range []struct {
		name string
		find string // bytes in the file; the flip hits the first of them
		read func(f *fixture) error
	}{
		{"value", "Zebulonville", func(f *fixture) error {
			r, err := f.Reviewer("rev-zq")
			if err == nil && r.ConflictDistricts[0] != "Zebulonville" {
				t.Errorf("read the changed record %+v", r)
			}
			return err
		}},
		{"key by get", `rev-zq{"id"`, func(f *fixture) error {
			// The Get of the old key misses, right beside the changed key.
			_, err := f.Reviewer("rev-zq")
			return err
		}},
		{"key by cursor", `rev-zq{"id"`, func(f *fixture) error {
			rs, err := f.Reviewers()
			for _, r := range rs {
				if r.ID != "rev-zq" && strings.HasPrefix(r.ID, "rev-") {
					t.Errorf("listed the changed key %q", r.ID)
				}
			}
			return err
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			if err := f.AddReviewer(review.Reviewer{ID: "rev-zq", Role: review.RoleReviewer, ConflictDistricts: []string{"Zebulonville"}}); err != nil {
				t.Fatal(err)
			}
			if err := tt.read(f); err != nil {
				t.Fatalf("healthy store: %v", err)
			}
			f.Close()
			data, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			i := bytes.Index(data, []byte(tt.find))
			if i < 0 || bytes.Index(data[i+1:], []byte(tt.find)) >= 0 {
				t.Fatalf("%q is not in the file exactly once", tt.find)
			}
			data[i+4] ^= 0x03 // 'l' → 'o' in the value; 'z' → 'y' in the key
			if err := os.WriteFile(f.path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			f.Store = nil
			f.reopen()
			err = tt.read(f)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "in bucket reviewers fails its checksum") || !strings.Contains(err.Error(), f.path) {
				t.Errorf("read: %v, want ErrCorrupt naming bucket reviewers and the file", err)
			}
			problems, err := f.Check()
			if err != nil || len(problems) != 1 || !strings.HasPrefix(problems[0], "bucket reviewers: checksum mismatch in 1 record: \"rev-") {
				t.Errorf("check: %q %v, want one finding about bucket reviewers", problems, err)
			}
			if _, err := f.Backup(io.Discard); !errors.Is(err, ErrCorrupt) {
				t.Errorf("backup: %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestCheckPageSelfID: a meta page whose header names another page id
// breaks nothing a command reads, but bbolt's tx.Check asserts the id in a
// goroutine of its own, where a panic ends the process: check reports it.
func TestCheckPageSelfID(t *testing.T) {
	f := newFixture(t)
	f.Close()
	data, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	data[5] ^= 0xff // page 0's id, a byte no field of the meta covers
	if err := os.WriteFile(f.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f.Store = nil
	f.reopen()
	problems, err := f.Check()
	if err != nil || len(problems) != 1 || !strings.HasPrefix(problems[0], "bbolt: page 0: damaged header (it says it is page ") {
		t.Errorf("check: %q %v", problems, err)
	}
}

// TestCheckElementBounds: a branch element whose key, or a leaf element
// whose key, lies past the end of its page is read by no command (cursors
// walk to leaves by child id, and take a length without reading it all),
// but bbolt's tx.Check reads each key whole in a goroutine of its own, where
// a fault ends the process: check reports it.
func TestCheckElementBounds(t *testing.T) {
	for _, tt := range []struct {
		page string
		at   int // the byte of element 0 flipped
	}{
		{"branch", 3}, // the high byte of the key's offset
		{"leaf", 10},  // the third byte of the key's size: 16 MiB more
	} {
		t.Run(tt.page, func(t *testing.T) {
			f := newFixture(t)
			var lines []line
			for i := range 300 {
				lines = append(lines, submission(fmt.Sprintf("branch-%04d", i), "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
			}
			f.mustImport(lines...)
			f.Close()
			db, err := bolt.Open(f.path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			page, pageSize := -1, db.Info().PageSize
			err = db.View(func(tx *bolt.Tx) error {
				for id := 2; page < 0 && int64(id*pageSize) < tx.Size(); id++ {
					if p, err := tx.Page(id); err == nil && p.Type == tt.page && p.Count > 0 {
						page = id
					}
				}
				return nil
			})
			db.Close()
			if err != nil || page < 0 {
				t.Fatalf("no %s page in the store (%v)", tt.page, err)
			}
			data, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			data[page*pageSize+16+tt.at] ^= 0xff
			if err := os.WriteFile(f.path, data, 0o600); err != nil {
				t.Fatal(err)
			}
			f.Store = nil
			f.reopen()
			problems, err := f.Check()
			want := fmt.Sprintf("bbolt: page %d: damaged element 0 (key or value past the end of the page)", page)
			if err != nil || len(problems) != 1 || problems[0] != want {
				t.Errorf("check: %q %v, want %q", problems, err, want)
			}
		})
	}
}

// TestSumUvarint: the table walk is crc32 of the uvarint's bytes.
func TestSumUvarint(t *testing.T) {
	for _, x := range []uint64{0, 1, 127, 128, 300, 16383, 16384, 1 << 40} {
		if got, want := sumUvarint(x), crc32.Checksum(binary.AppendUvarint(nil, x), castagnoli); got != want {
			t.Errorf("%d: %08x, want %08x", x, got, want)
		}
	}
}

// damagedAttempt is a fixture's store holding attempt A-1 whose record
// fails its checksum (a byte of its text flipped on disk), reopened.
func damagedAttempt(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	f.Close()
	data, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	const text = "set goals each week" // in the attempt's record only
	i := bytes.Index(data, []byte(text))
	if i < 0 || bytes.Index(data[i+1:], []byte(text)) >= 0 {
		t.Fatalf("%q is not in the file exactly once", text)
	}
	data[i] ^= 0x03
	if err := os.WriteFile(f.path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	f.Store = nil
	f.reopen()
	return f
}

// TestNoWriteAfterDamage: once the store has met damage (a record that
// fails its checksum), it writes nothing more, each write refused with
// the same one line, so that nothing builds on the damage while the admin
// restores a backup; what still reads goes on reading.
func TestNoWriteAfterDamage(t *testing.T) {
	f := damagedAttempt(t)
	// A write the damage does not touch works until the damage is met.
	if err := f.AddReviewer(review.Reviewer{ID: "rev-a", Role: review.RoleReviewer}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Attempt(key("A-1", 1)); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("reading the damaged attempt: %v, want ErrCorrupt", err)
	}
	before, _ := os.ReadFile(f.path)
	err := f.AddReviewer(review.Reviewer{ID: "rev-b", Role: review.RoleReviewer})
	// A backup taken now would copy the damage: the advice is an earlier one.
	if !errors.Is(err, ErrCorrupt) || !strings.HasSuffix(err.Error(), ": restore it from a backup made before it was damaged") {
		t.Errorf("a write after the damage: %v, want the damage", err)
	}
	if after, _ := os.ReadFile(f.path); !bytes.Equal(before, after) {
		t.Error("the store wrote into a file it knows is damaged")
	}
	if r, err := f.Reviewer("rev-a"); err != nil || r.ID != "rev-a" {
		t.Errorf("an undamaged record no longer reads: %v", err)
	}
}
