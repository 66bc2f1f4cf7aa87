package store

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/demo"
	"assessor/review"
)

// TestImportStagedStoreIsTheSame imports the same generated files, with
// the same pseudonym source, once staged and once writing straight
// through: every bucket must end up byte for byte the same, sequences
// included. The second file lands on a store that already holds the
// first.
func TestImportStagedStoreIsTheSame(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	files := [][]review.Record{
		demo.Records(rs, demo.Options{Seed: 3, Applications: 150, Now: now, Reviewers: 20}),
		demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150}),
	}
	build := func(staged bool) string {
		defer func(was bool) { stageImports = was }(stageImports)
		stageImports = staged
		s, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{9})})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		for _, r := range rs {
			if _, err := s.AddRubric(r); err != nil {
				t.Fatal(err)
			}
		}
		fixBadgeSecret(t, s)
		for i, recs := range files {
			st, err := s.Import(fmt.Sprintf("f%d.jsonl", i), recs)
			if err != nil {
				t.Fatal(err)
			}
			if st.Submissions == 0 || st.Decisions == 0 {
				t.Fatalf("file %d imported %+v", i, st)
			}
		}
		return dumpStore(t, s.db)
	}
	plain, staged := build(false), build(true)
	if plain != staged {
		pl, sl := strings.Split(plain, "\n"), strings.Split(staged, "\n")
		for i := range min(len(pl), len(sl)) {
			if pl[i] != sl[i] {
				t.Fatalf("stores differ at line %d:\nplain:  %.200s\nstaged: %.200s", i, pl[i], sl[i])
			}
		}
		t.Fatalf("stores differ in length: %d and %d lines", len(pl), len(sl))
	}
}

// fixBadgeSecret gives s a fixed badge secret, which stack pass keys
// derive from, so that two stores built alike hold the same bytes.
func fixBadgeSecret(t *testing.T, s *Store) {
	t.Helper()
	err := s.update(func(t *txn) error {
		b, err := t.createBucket(bucketIssuer)
		if err != nil {
			return err
		}
		return b.Put([]byte(keyBadgeSecret), bytes.Repeat([]byte{7}, review.BadgeSecretSize))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// dumpStore lists every bucket, its sequence, and its keys and values.
func dumpStore(t *testing.T, db *bolt.DB) string {
	var out strings.Builder
	var walk func(path string, b *bolt.Bucket) error
	walk = func(path string, b *bolt.Bucket) error {
		fmt.Fprintf(&out, "bucket %s seq %d\n", path, b.Sequence())
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				return walk(path+"/"+string(k), b.Bucket(k))
			}
			fmt.Fprintf(&out, "%q=%q\n", k, v)
			return nil
		})
	}
	err := db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error { return walk(string(name), b) })
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// TestImportStageReadsItsWrites checks the staging itself: staged writes
// reach bbolt only at the flush, in key order, while reads in the
// transaction see them, and a direct use of the bucket flushes it first.
func TestImportStageReadsItsWrites(t *testing.T) {
	f := newFixture(t)
	err := f.update(func(t *txn) error {
		if err := t.put(bucketVault, []byte("old"), review.Candidate{Name: "Old"}); err != nil {
			return err
		}
		t.stageImport()
		for _, k := range []string{"m", "z", "a"} {
			if err := t.put(bucketVault, []byte(k), review.Candidate{Name: k}); err != nil {
				return err
			}
		}
		if err := t.del(bucketVault, []byte("old")); err != nil {
			return err
		}
		if v := t.rawBucket(bucketVault).Get([]byte("z")); v != nil {
			return fmt.Errorf("staged write reached bbolt before the flush: %s", v)
		}
		if t.rawBucket(bucketVault).Get([]byte("old")) == nil {
			return fmt.Errorf("staged delete reached bbolt before the flush")
		}
		if c, ok, err := t.candidate("z"); err != nil || !ok || c.Name != "z" {
			return fmt.Errorf("staged write not read back: %+v %v %v", c, ok, err)
		}
		if _, ok, err := t.candidate("old"); err != nil || ok {
			return fmt.Errorf("staged delete not read back: %v %v", ok, err)
		}
		var keys []string
		_ = t.bucket(bucketVault).ForEach(func(k, _ []byte) error { keys = append(keys, string(k)); return nil })
		if !sort.StringsAreSorted(keys) || strings.Join(keys, ",") != "a,m,z" {
			return fmt.Errorf("direct use saw %v, want the staged writes a,m,z", keys)
		}
		return t.flushStage()
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImportMapAhead checks that a large import grows the file before its
// commit, and a small one leaves the file as bbolt grows it.
func TestImportMapAhead(t *testing.T) {
	f := newFixture(t)
	size := func() int64 {
		fi, err := os.Stat(f.path)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	err := f.update(func(t *txn) error {
		t.stagedBytes = 1 << 20
		return t.mapAhead(0)
	})
	if err != nil || size() != before {
		t.Fatalf("small import: size %d, want %d (%v)", size(), before, err)
	}
	var want int64
	err = f.update(func(t *txn) error {
		t.stagedBytes = mapAheadMin
		want = t.tx.Size() + 2*mapAheadMin + 5
		return t.mapAhead(5)
	})
	if err != nil || size() != want {
		t.Fatalf("large import: size %d, want %d (%v)", size(), want, err)
	}
	if problems, err := f.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check of the grown store: %v %v", problems, err)
	}
}
