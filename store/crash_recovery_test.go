package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// crashedImport leaves, in a fresh fixture's store, a chunked import of
// n submissions that died after its second chunk (its marker and chunks
// stay, as after kill -9), and closes the store. Each submission's text
// holds the candidate's name run together last name first.
func crashedImport(t *testing.T, n int) *fixture {
	t.Helper()
	f := newFixture(t)
	withChunks(t, 5, func(c int) error {
		if c == 2 {
			abandonChunks = true
			return errCrash
		}
		return nil
	})
	t.Cleanup(func() { abandonChunks = false })
	var lines []line
	for i := range n {
		s := submission(fmt.Sprintf("z%03d", i), "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
		s = s.with("candidate", map[string]string{"name": "Keala Mahoe", "email": fmt.Sprintf("k%d@example.org", i), "district": "Hilo", "state": "HI"})
		s["parts"] = []map[string]any{{"title": "Part 1: Overview questions", "text": "Posted by MahoeKeala on the class portal, where my students set goals each week."}}
		lines = append(lines, s)
	}
	if _, err := f.Import("crashed.jsonl", records(t, lines...)); !errors.Is(err, errCrash) {
		t.Fatalf("import: %v, want the crash", err)
	}
	if len(journaled(t, f.db)) == 0 {
		t.Fatal("the crash left no chunk")
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	f.Store = nil
	return f
}

// TestDamagedJournalIsOneLine: Open rolls back an import that died (kill
// -9, a power cut: when a page is likeliest torn); a damaged page of its
// journal is the store's one line naming the file, never a panic, so check
// and backup --force still run.
func TestDamagedJournalIsOneLine(t *testing.T) {
	f := crashedImport(t, 60)
	var root uint64
	var pageSize int
	db, err := bolt.Open(f.path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = db.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket([]byte(bucketImportJournal)).Root())
		return nil
	})
	pageSize = db.Info().PageSize
	db.Close()
	if root == 0 {
		t.Fatal("journal is inline: no page to damage")
	}
	// A bad disk turns the journal page's flags (bytes 8-9) to garbage.
	file, err := os.OpenFile(f.path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	var flags [2]byte
	binary.NativeEndian.PutUint16(flags[:], 0x77)
	if _, err := file.WriteAt(flags[:], int64(root)*int64(pageSize)+8); err != nil {
		t.Fatal(err)
	}
	file.Close()

	var s *Store
	panicked := func() (p any) {
		defer func() { p = recover() }()
		s, err = Open(f.path, f.options())
		return nil
	}()
	if panicked != nil {
		t.Fatalf("Open of a store with a damaged journal page panicked (the command prints a stack trace): %v", panicked)
	}
	if s != nil {
		s.Close()
	}
	if err == nil || !errors.Is(err, ErrCorrupt) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Open: %v, want one ErrCorrupt line", err)
	}
}

// TestUpgradeHidesUnfinishedImport: a schema-10 build died in the middle
// of a chunked import, and this build upgrades the store. The upgrade's
// steps hide the import's records, as every transaction does, so the step
// that redacts stored attempts writes no evidence as submitted for them;
// the rollback after it then leaves nothing of the import, and no record
// of an attempt that does not exist.
func TestUpgradeHidesUnfinishedImport(t *testing.T) {
	f := crashedImport(t, 40)
	// What a schema-10 build stored in those chunks: the text as
	// submitted (schema 10 did not read a name run together backwards),
	// so no evidence-as-submitted records.
	db, err := bolt.Open(f.path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		j := tx.Bucket([]byte(bucketImportJournal))
		var drop [][]byte
		_ = j.ForEach(func(k, _ []byte) error {
			i := bytes.IndexByte(k, 0)
			name, key := string(k[:i]), k[i+1:]
			switch name {
			case bucketAttempts:
				b := tx.Bucket([]byte(bucketAttempts))
				v, ok := unseal(key, b.Get(key))
				if !ok {
					return fmt.Errorf("attempt %q", key)
				}
				var a review.Attempt
				if err := json.Unmarshal(v, &a); err != nil {
					return err
				}
				for p := range a.Parts {
					a.Parts[p].Text = strings.ReplaceAll(a.Parts[p].Text, review.MarkName, "MahoeKeala")
				}
				a.Leaks = nil
				raw, _ := json.Marshal(a)
				if err := b.Put(bytes.Clone(key), sealed(key, raw)); err != nil {
					return err
				}
			case bucketSubmitted:
				drop = append(drop, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range drop {
			key := k[bytes.IndexByte(k, 0)+1:]
			if err := tx.Bucket([]byte(bucketSubmitted)).Delete(key); err != nil {
				return err
			}
			if err := j.Delete(k); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte(bucketMeta))
		return meta.Put([]byte(keySchema), sealed([]byte(keySchema), []byte("10")))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	var said []string
	opt := f.options()
	opt.Notify = func(l string) { said = append(said, l) }
	s, err := Open(f.path, opt) // assessor upgrade
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	t.Logf("open said: %q", said)
	var orphans []string
	err = s.view(func(tx *txn) error {
		return tx.bucket(bucketSubmitted).ForEach(func(k, v []byte) error {
			if tx.bucket(bucketAttempts).Get(k) == nil {
				orphans = append(orphans, keyName(k)+": "+string(v[:min(len(v), 90)]))
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(orphans) > 0 {
		t.Errorf("after the rollback (%q), bucket submitted holds %d records of the rolled-back import's attempts, which do not exist; check found %d problems.\nfirst: %s",
			said[len(said)-1], len(orphans), len(problems), orphans[0])
	}
}

// TestCheckDamageStopsWrites: check that finds a damaged record marks the
// store damaged, as a command that meets the damage does: a server that
// ran it writes nothing more on top of it.
func TestCheckDamageStopsWrites(t *testing.T) {
	f := damagedAttempt(t)
	problems, err := f.Check()
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) == 0 || !strings.Contains(problems[0], "checksum mismatch") {
		t.Fatalf("check: %q, want the damaged record", problems)
	}
	before, _ := os.ReadFile(f.path)
	err = f.AddReviewer(review.Reviewer{ID: "rev-after-check", Role: review.RoleReviewer})
	after, _ := os.ReadFile(f.path)
	if err == nil || !bytes.Equal(before, after) {
		t.Errorf("check reported %q, then the store took a write (err %v, file changed: %v)", problems[0], err, !bytes.Equal(before, after))
	}
}
