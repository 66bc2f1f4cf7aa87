package store

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// TestTallyGrows: a tally stored with fewer counters than this build's
// record reads with the missing ones zero (a release adding a counter must
// not turn every stored tally into damage); extra bytes, or a broken varint,
// are still damage.
func TestTallyGrows(t *testing.T) {
	full := review.Tally{Applications: 3, FirstDecided: 2, FirstPasses: 1, Passed: 1, SumAttemptsToPass: 1, DecidedAttempts: 2, Pending: 1}
	enc := encodeGroupTally(full)
	older := tallyValue(3, 2, 1) // as if written before the other four counters
	got, ok := decodeGroupTally(older)
	if !ok || got != (review.Tally{Applications: 3, FirstDecided: 2, FirstPasses: 1}) {
		t.Errorf("older tally: %+v, %v", got, ok)
	}
	if got, ok := decodeGroupTally(enc); !ok || got != full {
		t.Errorf("round trip: %+v, %v", got, ok)
	}
	if _, ok := decodeGroupTally(append(enc, 2)); ok {
		t.Error("a counter past the record decoded")
	}
	if _, ok := decodeReviewerTally([]byte{0x80}); ok {
		t.Error("a broken varint decoded")
	}
}

// TestFreshStoreLayout: a new store has every bucket and index from the
// start, at SchemaVersion, so nothing is created on first use.
func TestFreshStoreLayout(t *testing.T) {
	f := newFixture(t)
	if f.Schema() != SchemaVersion {
		t.Errorf("schema %d", f.Schema())
	}
	err := f.view(func(tx *txn) error {
		if m := tx.missingBuckets(); len(m) > 0 {
			t.Errorf("missing buckets %v", m)
		}
		if !layoutComplete(tx) {
			t.Error("layout incomplete")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range migrations {
		if m.to != i+2 {
			t.Errorf("migration %d goes to schema %d, want %d", i, m.to, i+2)
		}
	}
	if last := migrations[len(migrations)-1].to; last != SchemaVersion {
		t.Errorf("last migration reaches schema %d, SchemaVersion is %d", last, SchemaVersion)
	}
}

// TestMigrateSchema1: a store set back to schema 1 (version 1, the buckets
// schema 1 made on first use dropped) is refused by SchemaRefuse and by a
// read-only open without a write, opened as is by SchemaAsIs, and migrated
// by a read-write open: backup NAME.v1.bak (0600) first, one notice, every
// bucket there, and the data as it was.
func TestMigrateSchema1(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("a1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("a1", 1, "r1", "2024-02-03T10:00:00Z", "meets", "not-yet", "meets"),
		submission("a1", "descriptive-feedback", 2, "2024-02-05T10:00:00Z"),
		submission("a2", "classroom-discourse", 1, "2024-02-02T10:00:00Z"),
	)
	before, err := f.Counts()
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := bolt.Open(f.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range []string{bucketRevocations, bucketCalibration, bucketSecondReview, bucketDisputes, bucketDoubleReviews} {
			if tx.Bucket([]byte(name)) != nil {
				if err := tx.DeleteBucket([]byte(name)); err != nil {
					return err
				}
			}
		}
		if err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return unsealAll(b) }); err != nil {
			return err
		}
		return tx.Bucket([]byte(bucketMeta)).Put([]byte(keySchema), []byte("1"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	old, _ := os.ReadFile(f.path)
	for _, opt := range []Options{{Schema: SchemaRefuse}, {ReadOnly: true}} {
		if _, err := Open(f.path, opt); !errors.Is(err, ErrOldSchema) {
			t.Errorf("%+v: %v, want ErrOldSchema", opt, err)
		}
		if now, _ := os.ReadFile(f.path); string(now) != string(old) {
			t.Fatalf("%+v wrote to the store", opt)
		}
	}
	s, err := Open(f.path, Options{Schema: SchemaAsIs})
	if err != nil || s.Schema() != 1 {
		t.Fatalf("as is: %v", err)
	}
	s.Close()
	var notes []string
	s, err = Open(f.path, Options{Notify: func(l string) { notes = append(notes, l) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bak := BackupPath(f.path, 1)
	want := "upgraded store " + f.path + " from schema 1 to " + strconv.Itoa(SchemaVersion) + "; the old store is backed up in " + bak
	if len(notes) != 1 || notes[0] != want {
		t.Errorf("notices %q\nwant %q", notes, want)
	}
	if fi, err := os.Stat(bak); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup: %v %v", fi, err)
	}
	if s.Schema() != SchemaVersion {
		t.Errorf("schema %d after migration", s.Schema())
	}
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check after migration: %v %v", problems, err)
	}
	if after, err := s.Counts(); err != nil || after != before {
		t.Errorf("counts %+v, want %+v (%v)", after, before, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(f.path), "*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
