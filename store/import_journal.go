package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Imports in chunks (docs/PERFORMANCE.md, "Imports of any size"). A bbolt
// transaction that writes a whole large file holds all of it in memory
// until it commits, so a large import commits in chunks (import_chunks.go)
// and stays all or nothing another way: while it runs, bucketImportPending
// holds its marker, and every key it created is listed in
// bucketImportJournal, in the same commit as the key. Every other
// transaction that begins while a marker is there sees the store without
// those keys: a Get of one misses, cursors and ForEach step over it
// (importFilter, applied by the bucket wrapper, record.go). The import's
// final commit deletes the marker, and everything appears at once. A
// failed import deletes its keys, chunk by chunk, before its marker; an
// import that died leaves its marker, and the next read-write Open rolls
// it back (rollBackImport).

// keyImportMarker holds the running import's importMarker; keyImportConflict
// is set when another writer put a key the import created (see
// importFilter.overwrite): its final commit then fails as stale.
const (
	keyImportMarker   = "running"
	keyImportConflict = "conflict"
)

// importMarker says which import is running, for the line of a rollback.
type importMarker struct {
	File    string    `json:"file"`
	Started time.Time `json:"started"`
}

// journalKey is the journal's key of key in the top-level bucket name.
func journalKey(name string, key []byte) []byte {
	jk := make([]byte, 0, len(name)+1+len(key))
	jk = append(jk, name...)
	jk = append(jk, 0)
	return append(jk, key...)
}

// importFilter hides a running import's keys from a transaction that is
// not the import's own.
type importFilter struct {
	journal *bolt.Bucket
	pending *bolt.Bucket
	tx      *bolt.Tx
}

// loadFilter is the filter of a transaction: nil when no import is running
// or the transaction is the import's own. One Get when none runs.
func (t *txn) loadFilter() *importFilter {
	if t.importer {
		return nil
	}
	p := t.tx.Bucket([]byte(bucketImportPending))
	if p == nil || p.Get([]byte(keyImportMarker)) == nil {
		return nil
	}
	j := t.tx.Bucket([]byte(bucketImportJournal))
	if j == nil {
		return nil
	}
	return &importFilter{journal: j, pending: p, tx: t.tx}
}

// hides reports whether key of bucket name was created by the running import.
func (f *importFilter) hides(name string, key []byte) bool {
	return f.journal.Get(journalKey(name, key)) != nil
}

// overwrite is another writer's Put of a key the import created, which it
// cannot see: the key becomes that writer's (out of the journal, so no
// rollback deletes it) and the import's final commit will find the
// conflict and start over.
func (f *importFilter) overwrite(name string, key []byte) error {
	if err := f.journal.Delete(journalKey(name, key)); err != nil {
		return err
	}
	return f.pending.Put([]byte(keyImportConflict), sealed([]byte(keyImportConflict), []byte("1")))
}

// importRunning returns the marker of an import in the store, if any.
func importRunning(tx *bolt.Tx) (importMarker, bool) {
	var m importMarker
	p := tx.Bucket([]byte(bucketImportPending))
	if p == nil {
		return m, false
	}
	v := p.Get([]byte(keyImportMarker))
	if v == nil {
		return m, false
	}
	if d, ok := unseal([]byte(keyImportMarker), v); ok {
		_ = json.Unmarshal(d, &m) // the marker's presence is what counts
	}
	return m, true
}

// rollBackBatch is how many journaled keys one rollback commit deletes:
// each commit is short, and none holds much in memory.
var rollBackBatch = 20_000

// rollBackImport deletes every key the journal lists, in commits of
// rollBackBatch, then the marker: hidden all along, the keys are gone
// without anyone seeing them. With no marker it only empties a journal
// left by a final commit that could not drop it.
func (s *Store) rollBackImport() error {
	for {
		done := false
		err := s.db.Update(func(tx *bolt.Tx) error {
			j := tx.Bucket([]byte(bucketImportJournal))
			if j == nil {
				done = true
				return nil
			}
			var keys [][]byte
			c := j.Cursor()
			for k, _ := c.First(); k != nil && len(keys) < rollBackBatch; k, _ = c.Next() {
				keys = append(keys, bytes.Clone(k))
			}
			for _, jk := range keys {
				i := bytes.IndexByte(jk, 0)
				if i < 0 {
					return fmt.Errorf("%w (bad import journal key %s)", ErrCorrupt, quoteKey(jk))
				}
				if b := tx.Bucket(jk[:i]); b != nil {
					if err := b.Delete(jk[i+1:]); err != nil {
						return err
					}
				}
				if err := j.Delete(jk); err != nil {
					return err
				}
			}
			if len(keys) < rollBackBatch {
				done = true
				return clearMarker(tx)
			}
			return nil
		})
		if err != nil || done {
			return err
		}
		if rollBackHook != nil {
			rollBackHook()
		}
	}
}

// rollBackHook, when set (tests only), runs between rollback commits.
var rollBackHook func()

// clearMarker deletes the marker and the conflict flag.
func clearMarker(tx *bolt.Tx) error {
	p := tx.Bucket([]byte(bucketImportPending))
	if p == nil {
		return nil
	}
	if err := p.Delete([]byte(keyImportConflict)); err != nil {
		return err
	}
	return p.Delete([]byte(keyImportMarker))
}

// dropJournal empties the journal of an import that ended: with no marker
// it hides nothing, but the next import must start from an empty one.
func dropJournal(tx *bolt.Tx) error {
	if tx.Bucket([]byte(bucketImportJournal)) != nil {
		if err := tx.DeleteBucket([]byte(bucketImportJournal)); err != nil {
			return err
		}
	}
	_, err := tx.CreateBucket([]byte(bucketImportJournal))
	return err
}

// recoverImport, at a read-write Open, rolls back an import that did not
// finish (its process died: bbolt's file lock means no other runs) and
// says so in one line.
func (s *Store) recoverImport(opt Options) error {
	var m importMarker
	var running, leftover bool
	err := s.db.View(func(tx *bolt.Tx) error {
		m, running = importRunning(tx)
		if j := tx.Bucket([]byte(bucketImportJournal)); j != nil {
			k, _ := j.Cursor().First()
			leftover = k != nil
		}
		return nil
	})
	if err != nil || (!running && !leftover) {
		return err
	}
	if !running {
		return s.db.Update(dropJournal)
	}
	if err := s.rollBackImport(); err != nil {
		return fmt.Errorf("store %s: roll back the unfinished import of %s: %w", s.path, m.File, err)
	}
	if opt.Notify != nil {
		opt.Notify(fmt.Sprintf("store %s: rolled back the unfinished import of %s (started %s); nothing of it was stored", s.path, m.File, m.Started.UTC().Format(time.RFC3339)))
	}
	return nil
}
