package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Imports in chunks (docs/PERFORMANCE.md, "Imports in chunks"). A bbolt
// transaction that writes a whole large file holds all of it in memory
// until it commits, so a large import commits in chunks (import_chunks.go)
// and stays all or nothing another way: while it runs, bucketImportPending
// holds its marker, and every key it created is listed in
// bucketImportJournal, in the same commit as the key. Every other
// transaction that begins while a marker is there sees the store without
// those keys: a Get of one misses, cursors and ForEach step over it
// (importFilter, applied by the bucket wrapper, record.go). A count the
// import added to (a turnaround fine key) has its share in the journal
// instead: others see and change the count without it (bucket.screen). The
// import's
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
	keyStackFix       = "stack\x00" // + stack: a completion change for the final commit (stackShareFix)
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
	if t.importer || t.s == nil || !t.s.importing.Load() && t.tx.ID() >= int(t.s.importedBefore.Load()) {
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

// importEnded notes that the commit with transaction id ended the marker
// (the final commit, or the last of a rollback). A transaction that began
// before it still holds a snapshot with the marker, so it still looks for
// one: only those after it skip the look.
func (s *Store) importEnded(id int) {
	s.importedBefore.Store(uint64(id))
	s.importing.Store(false)
}

// screen is what the running import's journal says of key in bucket b:
// hidden, a key the import created; or share, what the import added to a
// count (turnaround fine keys, stack passes) or a minute histogram
// (import_chunks.go), which others may add to as well: they see and
// change it without the share (withShare).
func (b *bucket) screen(key []byte) (hidden bool, share []byte) {
	if b.hide == nil || key == nil {
		return false, nil
	}
	switch jv := b.hide.journal.Get(journalKey(b.jname, key)); {
	case jv == nil:
		return false, nil
	case len(jv) == sumSize: // empty: a key of the import's own
		return true, nil
	default:
		return false, jv[:len(jv)-sumSize]
	}
}

// withShare is the value v at key in bucket name with the import's share
// added (sign 1) or taken out (−1), nil when nothing is left; ok is false
// when v or the share is not what the key holds, or v lacks the share. A
// share is an 8-byte count, or for a minute histogram (isMinuteKey, in
// bucketTurnaroundFine) one encoded as the histogram is.
func withShare(name string, key, v, share []byte, sign int64) (out []byte, ok bool) {
	if name == bucketTurnaroundFine && isMinuteKey(key) {
		h, okv := decodeMinutes(v)
		s, oks := decodeMinutes(share)
		if !okv || !oks {
			return nil, false
		}
		for _, bin := range s {
			h.add(bin.minute, sign*bin.count)
		}
		for _, bin := range h {
			if bin.count < 0 {
				return nil, false
			}
		}
		if len(h) == 0 {
			return nil, true
		}
		return h.encode(), true
	}
	if len(share) != 8 || v != nil && len(v) != 8 {
		return nil, false
	}
	n, d := decodeCounter(v), decodeCounter(share)
	if sign < 0 && n < d {
		return nil, false
	}
	n += uint64(sign) * d
	if n == 0 {
		return nil, true
	}
	return counterValue(n), true
}

// hiddenBucket reports whether the nested bucket name (a credential's
// queue, queue_by_credential) is one the running import created.
func (b *bucket) hiddenBucket(name []byte) bool {
	if b.hide == nil || !b.nested {
		return false
	}
	hidden, _ := b.screen(name)
	return hidden
}

// shown is the stored value v at key, checked, as this transaction sees
// it: nil for a key the import created or a count that is all its share.
func (b *bucket) shown(key, v []byte) []byte {
	if b.hide == nil || v == nil {
		return b.open(key, v)
	}
	hidden, share := b.screen(key)
	switch {
	case hidden:
		return nil
	case share != nil:
		out, ok := withShare(b.jname, key, b.open(key, v), share, -1)
		if !ok {
			panic(&recordError{b.name, quoteKey(key)}) // as a failed checksum: guard makes it one line
		}
		return out
	}
	return b.open(key, v)
}

// overPut is the value another writer's Put stores at key: a count plus
// the import's share; for a key the import created (which that writer
// could not see), the value as given, and the import's final commit will
// find the conflict (overwrite).
func (b *bucket) overPut(key, value []byte) ([]byte, error) {
	hidden, share := b.screen(key)
	switch {
	case hidden:
		return value, b.hide.overwrite(b.jname, key)
	case share != nil:
		out, ok := withShare(b.jname, key, value, share, 1)
		if !ok {
			return nil, fmt.Errorf("%w (%s %s: the import's share does not fit)", ErrCorrupt, b.name, quoteKey(key))
		}
		return out, nil
	}
	return value, nil
}

// overDelete is another writer's Delete of key when the import has a say
// (done): a key it created stays, missing to that writer already; a
// count keeps the import's share.
func (b *bucket) overDelete(key []byte) (done bool, err error) {
	hidden, share := b.screen(key)
	switch {
	case hidden:
		return true, nil
	case share != nil:
		b.wrote()
		return true, b.b.Put(key, sealed(key, share))
	}
	return false, nil
}

// overwrite is another writer's Put of a key the import created, which it
// cannot see: the key becomes that writer's (out of the journal, so no
// rollback deletes it) and the import's final commit will find the
// conflict and start over. name is the bucket's journal name (jname).
func (f *importFilter) overwrite(name string, key []byte) error {
	if err := f.journal.Delete(journalKey(name, key)); err != nil {
		return err
	}
	return f.pending.Put([]byte(keyImportConflict), sealed([]byte(keyImportConflict), []byte("1")))
}

// stackShareFix is a reviewer's pass (sign) of cand while an import in
// chunks runs: the completion tally moved by d, what the pass changed as
// this transaction sees the counts; the import counted its own passes'
// completions on the counts with its shares (commitPasses). When the pass
// changes those otherwise (a stack the import's passes complete with this
// one), the difference is kept beside the marker for the final commit to
// add (stackFixes): the tally then counts every candidate once.
func (t *txn) stackShareFix(members *bucket, stack string, cand []byte, credential string, sign int, d int64) error {
	passes := t.rawBucket(bucketStackPasses)
	shared := func(k []byte) []byte { // the count with the import's share
		if v := passes.b.Get(k); v != nil {
			return passes.open(k, v)
		}
		return nil
	}
	n := int64(decodeCounter(shared(stackPassKey(cand, credential))))
	fix := completionChange(members, stack, cand, credential, n, sign, func(k []byte) bool { return shared(k) != nil }) - d
	if fix == 0 {
		return nil
	}
	k := append([]byte(keyStackFix), stack...)
	v, _ := unseal(k, t.filter.pending.Get(k))
	return t.filter.pending.Put(k, sealed(k, counterValue(decodeCounter(v)+uint64(fix))))
}

// stackFixes is the completion changes stackShareFix kept, by stack.
func stackFixes(tx *bolt.Tx) (map[string]int64, error) {
	out := map[string]int64{}
	p := tx.Bucket([]byte(bucketImportPending))
	if p == nil {
		return out, nil
	}
	c := p.Cursor()
	prefix := []byte(keyStackFix)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		d, ok := unseal(k, v)
		if !ok || len(d) != 8 {
			return nil, fmt.Errorf("%w (import marker: bad stack completion %s)", ErrCorrupt, quoteKey(k))
		}
		out[string(k[len(prefix):])] += int64(decodeCounter(d))
	}
	return out, nil
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
func (s *Store) rollBackImport() error { return s.emptyJournal(true, rollBackBatch, nil) }

// dropBatch is how many journal entries one commit of dropJournal deletes.
var dropBatch = 200_000

// dropJournal empties the journal of an import that ended, in commits of
// dropBatch, each short (deleting the bucket whole held the writer's lock
// for seconds at 1M attempts). With no marker it hides nothing, but the
// next import must start from an empty one. It returns the longest commit.
func (s *Store) dropJournal() (time.Duration, error) {
	var longest time.Duration
	err := s.emptyJournal(false, dropBatch, func(d time.Duration) { longest = max(longest, d) })
	return longest, err
}

// emptyJournal deletes the journal's entries in commits of batch, then the
// marker; undo first takes each journaled write out of the store. took,
// if not nil, is told how long each commit held the writer's lock.
func (s *Store) emptyJournal(undo bool, batch int, took func(time.Duration)) error {
	for {
		start := time.Now()
		done, id := false, 0
		err := s.db.Update(func(tx *bolt.Tx) error {
			id = tx.ID()
			j := tx.Bucket([]byte(bucketImportJournal))
			if j == nil {
				done = true
				return nil
			}
			var keys [][]byte
			c := j.Cursor()
			for k, _ := c.First(); k != nil && len(keys) < batch; k, _ = c.Next() {
				keys = append(keys, bytes.Clone(k))
			}
			for _, jk := range keys {
				if undo {
					if err := unjournal(tx, jk, j.Get(jk)); err != nil {
						return err
					}
				}
				if err := j.Delete(jk); err != nil {
					return err
				}
			}
			if len(keys) < batch {
				done = true
				return clearMarker(tx)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if took != nil {
			took(time.Since(start))
		}
		if done {
			s.importEnded(id)
			return nil
		}
		if rollBackHook != nil {
			rollBackHook()
		}
	}
}

// unjournal takes a running import's write jk (a journal key) out of
// the store: the key, a credential's queue it created (with what is in
// it), or for a count, the import's share (jv, the journal's value) of
// it. A key in a bucket that is gone (a queue taken out before its
// entries, which sort after it) has nothing left to undo.
func unjournal(tx *bolt.Tx, jk, jv []byte) error {
	i := bytes.IndexByte(jk, 0)
	if i < 0 {
		return fmt.Errorf("%w (bad import journal key %s)", ErrCorrupt, quoteKey(jk))
	}
	name, key := jk[:i], jk[i+1:]
	b := tx.Bucket(name)
	if b != nil && string(name) == bucketQueueByCredential {
		cred, rest, entry := bytes.Cut(key, []byte{0})
		if !entry {
			if b.Bucket(cred) == nil {
				return nil
			}
			return b.DeleteBucket(cred)
		}
		b, key = b.Bucket(cred), rest
	}
	if b == nil {
		return nil
	}
	if len(jv) <= sumSize {
		return b.Delete(key)
	}
	v, ok := unseal(key, b.Get(key))
	if ok {
		v, ok = withShare(string(name), key, v, jv[:len(jv)-sumSize], -1)
	}
	switch {
	case !ok:
		return fmt.Errorf("%w (%s %s lacks the import's share)", ErrCorrupt, name, quoteKey(key))
	case v == nil:
		return b.Delete(key)
	}
	return b.Put(key, sealed(key, v))
}

// rollBackHook, when set (tests only), runs between rollback commits.
var rollBackHook func()

// clearMarker deletes the marker, the conflict flag and the stack
// completion changes (stackShareFix): all the bucket holds.
func clearMarker(tx *bolt.Tx) error {
	p := tx.Bucket([]byte(bucketImportPending))
	if p == nil {
		return nil
	}
	var keys [][]byte
	_ = p.ForEach(func(k, _ []byte) error { keys = append(keys, bytes.Clone(k)); return nil })
	for _, k := range keys {
		if err := p.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// recoverImport, at a read-write Open, rolls back an import that did not
// finish (its process died: bbolt's file lock means no other runs) and
// says so in one line. A read-only Open of such a store only notes it:
// its transactions then hide the import.
func (s *Store) recoverImport(opt Options) error {
	if s.schema != SchemaVersion {
		return nil // below schema 6 there is none; a SchemaAsIs open writes nothing
	}
	if opt.ReadOnly {
		return s.db.View(func(tx *bolt.Tx) error {
			_, running := importRunning(tx)
			s.importing.Store(running)
			return nil
		})
	}
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
		_, err := s.dropJournal()
		return err
	}
	s.importing.Store(true) // hidden until rolled back
	if err := s.rollBackImport(); err != nil {
		return fmt.Errorf("store %s: roll back the unfinished import of %s: %w", s.path, m.File, err)
	}
	// An upgrade may have left an index to build once the import was
	// gone (migrateTo12).
	if err := s.completeLayoutIfNeeded(); err != nil {
		return err
	}
	if opt.Notify != nil {
		opt.Notify(fmt.Sprintf("store %s: rolled back the unfinished import of %s (started %s); nothing of it was stored", s.path, m.File, m.Started.UTC().Format(time.RFC3339)))
	}
	return nil
}
