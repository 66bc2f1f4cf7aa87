package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// A large import in chunks (import_journal.go says how they stay hidden).
// Each chunk of records is computed against a fresh read-only snapshot
// that sees the import's earlier chunks, as importOutside computes a whole
// file, and then committed: every staged write to a key no one else can
// see (missing at the snapshot and still missing, or created by an earlier
// chunk) is put and journaled; the writes that change a key others see
// (an application a resubmission updates, a second review a decision
// settles) and every delta (counters, tallies, histograms, stack passes,
// the dequeues of attempts decided, the queue entries of the new attempts)
// wait for the final commit. That one re-checks what the import read of
// the keys others see, as importOutside's apply does, applies them, and
// deletes the marker. The memory held is one chunk's writes, plus the
// waiting writes and deltas: they grow with the existing keys the file
// touches, its tally subjects, and its attempts still pending at the end,
// not with the file.

// chunkLines is how many records one chunk computes; a file of no more
// records is imported in one commit (importOutside). chunkBytes ends a
// chunk sooner when its staged writes reach it.
var (
	chunkLines       = 8_192
	chunkBytes int64 = 64 << 20
)

// chunkHook, when set (tests only), runs after chunk n (from 1) of a
// chunked import committed, before the next chunk or the final commit;
// an error ends the import. abandonChunks (tests only) then skips the
// rollback, as a crash would.
var (
	chunkHook     func(n int) error
	abandonChunks bool
)

// chunkRetries is how many times a chunked import starts over after a
// conflict at its final commit before it gives up.
const chunkRetries = 1

// lastChunkNanos is the longest chunk commit of the last chunked import,
// for BenchmarkImportOneFile; lastApplyNanos is its final commit.
var lastChunkNanos atomic.Int64

// lastDropNanos is how long the last chunked import's journal drop held
// the writer's lock, for BenchmarkImportOneFile.
var lastDropNanos atomic.Int64

// importChunked runs a large import in chunks. done is false when the
// snapshot cannot serve it (a path it does not support): the chunks were
// rolled back, and the caller imports the old way. A conflict at the
// final commit (a reviewer changed something the import read) rolls the
// chunks back and starts over, once; a second conflict fails the import
// with one line, nothing of it stored.
func (s *Store) importChunked(file string, recs *importRecs) (ImportStats, bool, error) {
	for try := 0; ; try++ {
		st, done, err := s.importChunksOnce(file, recs)
		if !errors.Is(err, errSnapshotStale) {
			return st, done, err
		}
		snapshotFallbacks.Add(1)
		lastFallback = err.Error()
		if try == chunkRetries {
			return ImportStats{}, true, fmt.Errorf("import %s: the store changed under it twice (%v); nothing of the file was stored: run it again", file, err)
		}
	}
}

// importChunksOnce is one try of importChunked; on any error its chunks
// are rolled back before it returns.
func (s *Store) importChunksOnce(file string, recs *importRecs) (st ImportStats, done bool, err error) {
	sn := newSnapshot()
	if err := s.startChunks(file, sn); err != nil {
		return ImportStats{}, true, err
	}
	committed := false
	defer func() {
		if !committed && !abandonChunks {
			if rerr := s.guard(s.rollBackImport); rerr != nil && err == nil {
				err = rerr
			}
		}
	}()
	staged := newStage()
	var cache *tallyCache
	var queued map[string]queuedAttempt
	lastChunkNanos.Store(0)
	for lo, n := 0, 1; lo < recs.len(); n++ {
		rtx, err := s.db.Begin(false)
		if err != nil {
			return ImportStats{}, true, s.txError(err)
		}
		t := s.newTxn(rtx)
		t.importer, t.snap, t.staged, t.cache, t.queued = true, sn, staged, cache, queued
		sn.seqKnown, sn.seqUsed = false, 0 // drawn afresh in each chunk (commitChunk)
		var hi int
		err = s.guard(func() error {
			var err error
			full := func(n int) bool { return n >= chunkLines || t.stagedBytes >= chunkBytes }
			if hi, err = t.importFrom(file, recs, lo, full, &st); err == nil {
				err = sn.err
			}
			return err
		})
		_ = rtx.Rollback()
		cache, queued = t.cache, t.queued
		switch {
		case errors.Is(err, errSnapshotUnsupported), errors.Is(err, berrors.ErrTxNotWritable):
			return ImportStats{}, false, s.fellBack(err)
		case err != nil:
			return ImportStats{}, true, s.txError(err)
		}
		var grow int64 // the whole file's staged bytes, estimated from its first chunk
		if lo == 0 && hi > 0 {
			grow = t.stagedBytes * int64(recs.len()) / int64(hi)
		}
		if err := s.commitChunk(staged, sn, grow, cache); err != nil {
			return ImportStats{}, true, err
		}
		sn.seqUsed = 0 // drawn for real: nothing left for the final commit
		if chunkHook != nil {
			if err := chunkHook(n); err != nil {
				return ImportStats{}, true, err
			}
		}
		lo = hi
	}
	t := &txn{snap: sn, staged: staged, cache: cache, queued: queued}
	if err := s.finalCommit(t, recs.blobBytes()); err != nil {
		return ImportStats{}, true, err
	}
	committed = true
	// The journal hides nothing without the marker; emptied for the next.
	_ = s.guard(func() error {
		d, err := s.dropJournal()
		lastDropNanos.Store(int64(d))
		return err
	})
	return st, true, nil
}

// startChunks writes the marker, holding the writer's lock, and takes the
// write counts there: every commit after it, which the chunks' snapshots
// may or may not see, is counted past them (snapshotHolds).
func (s *Store) startChunks(file string, sn *snapshot) error {
	return s.guard(func() error {
		if err := s.recoverImport(Options{}); err != nil { // a leftover: this process's own failed rollback
			return err
		}
		return s.txError(s.db.Update(func(tx *bolt.Tx) error {
			p := tx.Bucket([]byte(bucketImportPending))
			if p == nil {
				return fmt.Errorf("%w (bucket %s is missing)", ErrCorrupt, bucketImportPending)
			}
			m, err := json.Marshal(importMarker{File: file, Started: s.clock()})
			if err != nil {
				return err
			}
			sn.gens, sn.chunked = s.gens.copy(), true
			s.importing.Store(true) // before any transaction can see the marker
			return p.Put([]byte(keyImportMarker), sealed([]byte(keyImportMarker), m))
		}))
	})
}

// commitChunk commits the staged writes no one else can see, journaled,
// and leaves the rest staged for the final commit. The first grows the
// file for the whole import (mapAhead), so that bbolt remaps once, not at
// each doubling, each time copying what the commit holds.
func (s *Store) commitChunk(staged stage, sn *snapshot, grow int64, cache *tallyCache) error {
	start := time.Now()
	err := s.guard(func() error {
		return s.txError(s.db.Update(func(tx *bolt.Tx) error {
			at := s.newTxn(tx)
			at.importer = true
			at.fillAppendOnly()
			at.stagedBytes = grow
			if err := at.mapAhead(0); err != nil {
				return err
			}
			j := at.rawBucket(bucketImportJournal)
			if j == nil {
				return fmt.Errorf("%w (bucket %s is missing)", ErrCorrupt, bucketImportJournal)
			}
			for _, name := range sortedKeys(staged) {
				m := staged[name]
				if len(m) == 0 {
					continue
				}
				b, err := at.createBucket(name)
				if err != nil {
					return err
				}
				if name == bucketHistory { // new keys only: real sequence numbers now
					if err := at.commitHistory(b, j, sn, m); err != nil {
						return err
					}
					staged[name] = map[string][]byte{}
					delete(sn.reads, name)
					continue
				}
				marks := sn.reads[name]
				for _, k := range sortedKeys(m) {
					v, key := m[k], []byte(k)
					jk := journalKey(name, key)
					switch {
					case j.Get(jk) != nil: // created by an earlier chunk
						if v == nil {
							err = errors.Join(b.Delete(key), j.Delete(jk))
						} else {
							err = b.Put(key, v)
						}
					case !marks[k].present && b.Get(key) == nil: // missing for everyone
						if v != nil {
							err = errors.Join(b.Put(key, v), j.Put(jk, nil))
						}
					default:
						continue // a key others see: at the final commit
					}
					if err != nil {
						return err
					}
					delete(m, k)
					delete(marks, k)
				}
			}
			return at.commitFine(j, cache)
		}))
	})
	if d := int64(time.Since(start)); d > lastChunkNanos.Load() {
		lastChunkNanos.Store(d)
	}
	return err
}

// commitFine adds the chunk's turnaround fine-key counts (tallyCache.fine)
// to the store, each with the import's share journaled: others see and
// change the counts without it until the final commit (import_journal.go).
// They are one key per subject and second, about as many as the file's
// decisions, so they do not wait for the final commit.
func (at *txn) commitFine(j *bucket, cache *tallyCache) error {
	if cache == nil || len(cache.fine) == 0 {
		return nil
	}
	fine, err := at.createBucket(bucketTurnaroundFine)
	if err != nil {
		return err
	}
	for _, k := range sortedKeys(cache.fine) {
		n, key := cache.fine[k], []byte(k)
		jk := journalKey(bucketTurnaroundFine, key)
		var share uint64
		switch jv := j.Get(jk); {
		case len(jv) == 8:
			share = decodeCounter(jv)
		case jv != nil:
			return fmt.Errorf("%w (import journal: %s is not a count)", ErrCorrupt, quoteKey(jk))
		}
		if err := errors.Join(
			fine.Put(key, counterValue(decodeCounter(fine.Get(key))+n)),
			j.Put(jk, counterValue(share+n))); err != nil {
			return err
		}
	}
	clear(cache.fine)
	return nil
}

// commitHistory puts a chunk's history entries under sequence numbers
// drawn now, after any a reviewer drew (shiftHistory), journaled.
func (at *txn) commitHistory(b, j *bucket, sn *snapshot, m map[string][]byte) error {
	m = at.shiftHistory(sn, m)
	cur := b.b.Sequence()
	for _, k := range sortedKeys(m) {
		if v := m[k]; v != nil {
			if err := errors.Join(b.Put([]byte(k), v), j.Put(journalKey(bucketHistory, []byte(k)), nil)); err != nil {
				return err
			}
		}
	}
	return b.b.SetSequence(cur + sn.seqUsed)
}

// finalCommit checks what the import read of the keys others see, applies
// what waited (t: the staged writes left, the deltas) and deletes the
// marker, in one short write transaction.
func (s *Store) finalCommit(t *txn, extra int64) error {
	start := time.Now()
	id := 0
	err := s.guard(func() error {
		return s.txError(s.db.Update(s.write(func(at *txn) error {
			at.importer, id = true, at.tx.ID()
			if p := at.tx.Bucket([]byte(bucketImportPending)); p != nil && p.Get([]byte(keyImportConflict)) != nil {
				return fmt.Errorf("%w: another writer put a key the import created", errSnapshotStale)
			}
			if err := at.applySnapshot(t, extra, func() {}); err != nil {
				return err
			}
			return clearMarker(at.tx)
		})))
	})
	lastApplyNanos.Store(int64(time.Since(start)))
	if err == nil {
		s.importEnded(id)
	}
	return err
}
