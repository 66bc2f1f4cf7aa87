package store

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"assessor/review"
)

// A large import in chunks (import_journal.go says how they stay hidden).
// Each chunk of records is computed against a fresh read-only snapshot
// that sees the import's earlier chunks, as importOutside computes a whole
// file, and then committed: every staged write to a key no one else can
// see (missing at the snapshot and still missing, or created by an earlier
// chunk) is put and journaled, and so are the queue entries of the chunk's
// attempts still pending (a later chunk's decision deletes its own); the
// counts that grow with the file (turnaround fine keys and minute
// histograms, stack passes) are added with the import's share journaled.
// Keys that arrive in no order wait in a sweep and go in the commit of
// their part of the key space (import_sweep.go). What waits for the final
// commit is bounded by the subjects, not by the file: the writes that
// change a key others see (an application a resubmission updates, a second
// review a decision settles, the dequeue of an attempt stored before),
// counters, tallies, histograms and stack completions. That one re-checks
// what the import read of the keys others see, as importOutside's apply
// does, applies them, and deletes the marker. The memory held is one
// chunk's writes, plus the waiting writes and deltas.

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

// lastFinalPages is how many pages the last chunked import's final commit
// wrote, for BenchmarkImportOneFile: what it holds, apart from the disk.
var lastFinalPages atomic.Int64

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
	sn.sweep = newSweep()
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
	lastChunkNanos.Store(0)
	n := 0
	commit := func(grow int64, queued map[string]queuedAttempt) error {
		if err := s.commitChunk(staged, sn, grow, cache, queued); err != nil {
			return err
		}
		sn.seqUsed = 0 // drawn for real: nothing left for the final commit
		if n++; chunkHook != nil {
			return chunkHook(n)
		}
		return nil
	}
	for lo := 0; lo < recs.len(); {
		rtx, err := s.db.Begin(false)
		if err != nil {
			return ImportStats{}, true, s.txError(err)
		}
		t := s.newTxn(rtx)
		t.importer, t.snap, t.staged, t.cache = true, sn, staged, cache
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
		cache = t.cache
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
		sn.sweep.staged(staged)
		sn.sweep.next(false, staged)
		if err := commit(grow, t.queued); err != nil {
			return ImportStats{}, true, err
		}
		lo = hi
	}
	for sn.sweep.next(true, staged) { // what the sweep holds (import_sweep.go)
		if err := commit(0, nil); err != nil {
			return ImportStats{}, true, err
		}
	}
	t := &txn{snap: sn, staged: staged, cache: cache}
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
			if err := s.intact(); err != nil {
				return err
			}
			p := tx.Bucket([]byte(bucketImportPending))
			if p == nil {
				return fmt.Errorf("%w (bucket %s is missing)", ErrCorrupt, bucketImportPending)
			}
			m, err := json.Marshal(importMarker{File: file, Started: s.clk.now().UTC()}) // the machine's, as importNow
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
// but for the swept buckets' keys of parts not taken (import_sweep.go),
// the queue entries of queued (the chunk's attempts still pending), and
// the counts of the parts taken; it leaves the rest staged for later
// commits or the final commit. The first grows the file for the whole
// import (mapAhead), so that bbolt remaps once, not at each doubling, each
// time copying what the commit holds.
func (s *Store) commitChunk(staged stage, sn *snapshot, grow int64, cache *tallyCache, queued map[string]queuedAttempt) error {
	start := time.Now()
	err := s.guard(func() error {
		return s.txError(s.db.Update(func(tx *bolt.Tx) error {
			if err := s.intact(); err != nil {
				return err
			}
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
					if sn.sweep.waits(name, k) {
						continue // its part's commit writes it
					}
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
			if err := at.commitQueue(j, queued, sn.own); err != nil {
				return err
			}
			if err := at.commitPasses(j, sn); err != nil {
				return err
			}
			if err := at.commitFine(j, sn, cache); err != nil {
				return err
			}
			sn.sweep.committed(staged)
			return nil
		}))
	})
	sn.own = nil
	if d := int64(time.Since(start)); d > lastChunkNanos.Load() {
		lastChunkNanos.Store(d)
	}
	return err
}

// commitFine adds the chunk's turnaround fine-key counts and minute
// histograms (tallyCache.fine, .minutes) to their sweeps (import_sweep.go)
// and one part of each to the store, each with the import's share
// journaled: others see and change them without it until the final commit
// (import_journal.go). The fine keys are one per subject and second, about
// as many as the file's decisions, and the minute histograms one per
// subject and tenth of a day of turnaround, so neither waits for the
// final commit, but a histogram a decision taken back lowered (a share
// never goes below zero).
func (at *txn) commitFine(j *bucket, sn *snapshot, cache *tallyCache) error {
	w := sn.sweep
	if cache != nil {
		counts := make(map[string]int64, len(cache.fine))
		for k, n := range cache.fine {
			counts[k] = int64(n)
		}
		w.cur += w.fine.add(counts)
		clear(cache.fine)
		hs := map[string]minutes{}
	next:
		for k, h := range cache.minutes {
			for _, bin := range *h {
				if bin.count < 0 {
					continue next
				}
			}
			hs[k] = *h
			delete(cache.minutes, k)
		}
		w.cur += w.minutes.add(hs)
	}
	part, hs := w.fine.take(w.taken), w.minutes.take(w.taken)
	if len(part)+len(hs) == 0 {
		return nil
	}
	fine, err := at.createBucket(bucketTurnaroundFine)
	if err != nil {
		return err
	}
	// One pass in key order over both: the histograms sort among the fine
	// keys, and a second pass would insert into the nodes the first grew
	// (bbolt splits them only at commit), moving their keys each time.
	deltas := make(map[string][]byte, len(part)+len(hs))
	for k, n := range part {
		deltas[k] = counterValue(uint64(n))
	}
	for k, h := range hs {
		deltas[k] = h.encode()
	}
	for _, k := range sortedKeys(deltas) {
		if err := addShared(fine, j, []byte(k), deltas[k]); err != nil {
			return err
		}
	}
	return nil
}

// addShared adds delta to the value at key in b (a count: a turnaround
// fine key or a stack pass count; or a minute histogram) and to the
// import's share of it in the journal j (withShare).
func addShared(b, j *bucket, key, delta []byte) error {
	jk := journalKey(b.jname, key)
	v, okv := withShare(b.jname, key, b.Get(key), delta, 1)
	share, oks := withShare(b.jname, key, j.Get(jk), delta, 1)
	if !okv || !oks {
		return fmt.Errorf("%w (%s %s or its import share is not what the key holds)", ErrCorrupt, b.name, quoteKey(key))
	}
	return errors.Join(b.Put(key, v), j.Put(jk, share))
}

// commitPasses adds the chunk's stack passes (sn.passes) to their sweep
// (import_sweep.go) and one part of it to the counts, each with the
// import's share journaled (addShared), and keeps what they change of each
// stack's completion, counted on the counts as stored (shares included),
// for the final commit (sn.stackDone): a count of stacks, not of
// candidates. A reviewer's pass meanwhile of a candidate the import has a
// share of leaves the final commit what the shares change of it
// (stackShareFix). A pass taken back waits for the final commit: a share
// never goes below zero.
func (at *txn) commitPasses(j *bucket, sn *snapshot) error {
	var later []stackPassDelta
	counts := map[string]int64{}
	for _, d := range sn.passes {
		if d.sign > 0 {
			counts[string(stackPassKey(d.cand, d.credential))] += int64(d.sign)
		} else {
			later = append(later, d)
		}
	}
	sn.passes = later
	w := sn.sweep
	w.cur += w.passes.add(counts)
	part := w.passes.take(w.taken)
	if len(part) == 0 {
		return nil
	}
	now := make([]stackPassDelta, 0, len(part))
	for k, n := range part { // stackPassKey: the candidate's hash, then the credential
		now = append(now, stackPassDelta{cand: []byte(k[:sha256.Size]), credential: k[sha256.Size:], sign: int(n)})
	}
	passes, err := at.createBucket(bucketStackPasses)
	if err != nil {
		return err
	}
	return at.addStackPasses(now,
		func(k []byte, n int64) error { return addShared(passes, j, k, counterValue(uint64(n))) },
		func(stack string, d int64) error { sn.stackDone[stack] += d; return nil })
}

// ownQueued reports whether attempt a, being decided by this chunk, was
// stored by an earlier chunk of the import and is still pending: its queue
// entry is a hidden key of the import (commitQueue). Its decision then
// deletes that entry at this chunk's commit (sn.own), so nothing of it
// waits for the final commit.
func (t *txn) ownQueued(a review.Attempt) bool {
	if t.snap == nil || !t.snap.chunked {
		return false
	}
	j := t.tx.Bucket([]byte(bucketImportJournal))
	if j == nil || j.Get(journalKey(bucketQueue, queueKey(a.SubmittedAt, a.Key()))) == nil {
		return false
	}
	a.Parts, a.Note, a.Leaks = nil, "", nil // the queue key and credential only
	t.snap.own = append(t.snap.own, a)
	return true
}

// commitQueue writes the queue entries of the chunk's attempts still
// pending (queued), journaled, in queue key order, and deletes those of
// earlier chunks' attempts this chunk decided (own). A credential whose
// queue the import creates has that queue journaled too: others see
// neither (import_journal.go).
func (at *txn) commitQueue(j *bucket, queued map[string]queuedAttempt, own []review.Attempt) error {
	queues := map[string]*bucket{}
	queue := func(cred string) (*bucket, error) {
		if b, ok := queues[cred]; ok {
			return b, nil
		}
		b, err := at.queueIndex(cred, false)
		if err == nil && b == nil && cred != "" {
			parent := at.rawBucket(bucketQueueByCredential)
			if parent == nil {
				return nil, fmt.Errorf("%w (bucket %s is missing)", ErrCorrupt, bucketQueueByCredential)
			}
			if b, err = parent.CreateBucketIfNotExists([]byte(cred)); err == nil {
				err = j.Put(journalKey(bucketQueueByCredential, []byte(cred)), nil)
			}
		}
		queues[cred] = b
		return b, err
	}
	for _, e := range sortedQueue(queued) {
		data, err := json.Marshal(e.q.entry())
		if err != nil {
			return err
		}
		for _, cred := range []string{"", e.q.a.Credential} {
			b, err := queue(cred)
			switch {
			case err != nil:
				return err
			case b == nil:
				return fmt.Errorf("%w (bucket %s is missing)", ErrCorrupt, bucketQueue)
			}
			if err := errors.Join(b.Put(e.key, data), j.Put(journalKey(b.jname, e.key), nil)); err != nil {
				return err
			}
		}
	}
	for _, a := range own {
		key := queueKey(a.SubmittedAt, a.Key())
		for _, cred := range []string{"", a.Credential} {
			b, err := queue(cred)
			if err != nil {
				return err
			}
			if b != nil {
				if err := errors.Join(b.Delete(key), j.Delete(journalKey(b.jname, key))); err != nil {
					return err
				}
			}
		}
	}
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
	start, was := time.Now(), s.db.Stats()
	id := 0
	err := s.guard(func() error {
		return s.txError(s.db.Update(s.write(func(at *txn) error {
			at.importer, id = true, at.tx.ID()
			if p := at.tx.Bucket([]byte(bucketImportPending)); p != nil && p.Get([]byte(keyImportConflict)) != nil {
				return fmt.Errorf("%w: another writer put a key the import created", errSnapshotStale)
			}
			fixes, err := stackFixes(at.tx) // a reviewer's passes meanwhile (stackShareFix)
			if err != nil {
				return err
			}
			for stack, d := range fixes {
				t.snap.stackDone[stack] += d
			}
			if err := at.applySnapshot(t, extra, func() {}); err != nil {
				return err
			}
			return clearMarker(at.tx)
		})))
	})
	lastApplyNanos.Store(int64(time.Since(start)))
	now := s.db.Stats()
	lastFinalPages.Store(now.TxStats.GetWrite() - was.TxStats.GetWrite()) // and any commit meanwhile: none in the benchmark
	if err == nil {
		s.importEnded(id)
	}
	return err
}
