package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// The import's two phases outside the writer's lock (import_snapshot.go
// says why and what is recorded): compute against the snapshot, then apply
// in one write transaction, checking what the snapshot recorded and adding
// the deltas; on a conflict, fall back to Import's old way.

// importOutside runs an import's records against a snapshot and applies
// what they wrote. done is false when the snapshot could not serve the
// import (a path it does not support, or a conflict at apply): nothing was
// applied, and the caller imports the old way.
func (s *Store) importOutside(file string, recs *importRecs) (st ImportStats, done bool, err error) {
	rtx, err := s.db.Begin(false)
	if err != nil {
		return ImportStats{}, true, s.txError(err)
	}
	open := true
	endSnapshot := func() { // before the apply commits: a reader blocks bbolt's remap
		if open {
			open = false
			_ = rtx.Rollback()
		}
	}
	defer endSnapshot()
	t := s.newTxn(rtx)
	t.snap = newSnapshot()
	err = s.guard(func() error {
		t.stageImport()
		var err error
		if st, err = t.importRecords(file, recs); err == nil {
			err = t.snap.err
		}
		if err == nil && importApplyHook != nil {
			importApplyHook()
		}
		return err
	})
	switch {
	case errors.Is(err, errSnapshotUnsupported), errors.Is(err, berrors.ErrTxNotWritable):
		return ImportStats{}, false, s.fellBack(err)
	case err != nil:
		return ImportStats{}, true, s.txError(err)
	}
	// The writer's lock is taken with the snapshot still open, so none of
	// its pages can be reused and a bucket whose root is the snapshot's is
	// unchanged (snapshotHolds). But a commit that must grow bbolt's map
	// waits for every reader, the snapshot too, while holding that lock:
	// after snapshotLockWait the snapshot ends, and writeGens tell what the
	// commits begun from then on touched.
	type began struct {
		tx  *bolt.Tx
		err error
	}
	var w began
	if snapshotLockWait > 0 {
		ch := make(chan began, 1)
		go func() { tx, err := s.db.Begin(true); ch <- began{tx, err} }()
		select {
		case w = <-ch:
		case <-time.After(snapshotLockWait):
			t.snap.gens = s.gens.copy() // before the snapshot ends
			endSnapshot()
			w = <-ch
		}
	} else { // tests: the snapshot ends first, then importWindowHook
		t.snap.gens = s.gens.copy()
		endSnapshot()
		if importWindowHook != nil {
			importWindowHook()
		}
		w.tx, w.err = s.db.Begin(true)
	}
	if w.err != nil {
		return ImportStats{}, true, s.txError(w.err)
	}
	start := time.Now()
	err = s.guard(func() error {
		tx := w.tx
		defer func() {
			if tx != nil {
				_ = tx.Rollback()
			}
		}()
		apply := s.write(func(at *txn) error { return at.applySnapshot(t, recs.blobBytes(), endSnapshot) })
		if err := apply(tx); err != nil {
			return err
		}
		err := tx.Commit()
		tx = nil
		return err
	})
	err = s.txError(err)
	lastApplyNanos.Store(int64(time.Since(start)))
	if errors.Is(err, errSnapshotStale) {
		return ImportStats{}, false, s.fellBack(err)
	}
	return st, true, err
}

// snapshotLockWait is how long an import waits for the writer's lock with
// its snapshot open (importOutside); tests set 0 to end it at once.
var snapshotLockWait = 500 * time.Millisecond

// fellBack counts a fallback and keeps its reason, for tests.
func (s *Store) fellBack(err error) error {
	snapshotFallbacks.Add(1)
	lastFallback = err.Error()
	return nil
}

// applySnapshot checks that what the compute t depended on still holds,
// and writes what it staged.
func (at *txn) applySnapshot(t *txn, extra int64, endSnapshot func()) error {
	sn := t.snap
	if why := at.snapshotHolds(sn); why != "" {
		return fmt.Errorf("%w: %s", errSnapshotStale, why)
	}
	endSnapshot() // checked: the commit may now remap
	at.fillAppendOnly()
	for _, name := range sortedKeys(t.staged) {
		m := t.staged[name]
		if len(m) == 0 {
			continue
		}
		if at.tx.Bucket([]byte(name)) == nil && onlyDeletes(m) {
			continue // as a delete in a missing bucket, which creates nothing
		}
		if name == bucketHistory {
			m = at.shiftHistory(sn, m)
		}
		if _, err := at.createBucket(name); err != nil {
			return err
		}
		at.staged = stage{name: m}
		if err := at.flushStaged(name); err != nil {
			return err
		}
	}
	at.staged = nil
	if sn.seqUsed > 0 {
		b := at.tx.Bucket([]byte(bucketHistory))
		if err := b.SetSequence(b.Sequence() + sn.seqUsed); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(sn.counts) {
		if err := at.count(k, sn.counts[k]); err != nil {
			return err
		}
	}
	if err := at.applyStackPasses(sn.passes); err != nil { // in chunks: the passes taken back only (commitPasses)
		return err
	}
	for _, k := range sortedKeys(sn.stackDone) {
		if err := at.addStackCompleted(k, sn.stackDone[k]); err != nil {
			return err
		}
	}
	for _, cred := range sortedKeys(sn.queues) {
		if _, err := at.queueIndex(cred, true); err != nil {
			return err
		}
	}
	for _, a := range sn.dequeues {
		if err := at.dequeue(a); err != nil {
			return err
		}
	}
	at.queued = t.queued
	if err := at.flushQueue(); err != nil {
		return err
	}
	at.stagedBytes = t.stagedBytes
	if err := at.mapAhead(extra); err != nil {
		return err
	}
	at.cache = t.cache // deltas: flush adds them to the current values
	return nil
}

// sortedKeys is m's keys in order: applies go in a fixed order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// snapshotHolds returns "" when every bucket the compute used is as the
// snapshot had it, key by key where the compute recorded its keys, and
// otherwise what changed.
func (at *txn) snapshotHolds(sn *snapshot) string {
	changed := func(name string) bool {
		if sn.chunked { // the import's own chunks moved the roots: the counts alone
			return at.s.gens.get(name) != sn.gens[name]
		}
		if sn.gens != nil && at.s.gens.get(name) != sn.gens[name] {
			return true // touched by a commit begun after the snapshot ended
		}
		return rootOf(at.tx.Bucket([]byte(name))) != sn.roots[name]
	}
	for name := range sn.coarse {
		if changed(name) {
			return "bucket " + name
		}
	}
	for name, keys := range sn.reads {
		if !changed(name) {
			continue
		}
		b := at.rawBucket(name) // values without their checksums, as getRaw read them
		for k, mark := range keys {
			var v []byte
			if b != nil {
				v = b.Get([]byte(k))
			}
			if markOf(v) != mark {
				return fmt.Sprintf("%s key %q", name, k)
			}
		}
	}
	for _, r := range sn.ranges {
		if !changed(r.bucket) {
			continue
		}
		if sum, _ := walkPrefix(at.tx.Bucket([]byte(r.bucket)), r.prefix); sum != r.sum {
			return fmt.Sprintf("%s keys under %q", r.bucket, r.prefix)
		}
	}
	return ""
}

// shiftHistory renumbers the staged history keys past the sequence numbers
// drawn since the snapshot (historyKey ends in its 8-byte sequence).
func (at *txn) shiftHistory(sn *snapshot, m map[string][]byte) map[string][]byte {
	var cur uint64
	if b := at.tx.Bucket([]byte(bucketHistory)); b != nil {
		cur = b.Sequence()
	}
	if cur == sn.seqBase {
		return m
	}
	out := make(map[string][]byte, len(m))
	for k, v := range m {
		key := []byte(k)
		if n := len(key) - 8; n >= 0 {
			if seq := binary.BigEndian.Uint64(key[n:]); seq > sn.seqBase {
				key = binary.BigEndian.AppendUint64(key[:n:n], seq-sn.seqBase+cur)
			}
		}
		out[string(key)] = v
	}
	return out
}

func onlyDeletes(m map[string][]byte) bool {
	for _, v := range m {
		if v != nil {
			return false
		}
	}
	return true
}

// stackPassDelta is one pass counted (or taken back) by an import's
// snapshot: reviewers pass candidates meanwhile, so the counts are added
// at apply, not checked. sign is the count added (−1 to take one back;
// more than 1 for a sweep's sum, import_sweep.go).
type stackPassDelta struct {
	cand       []byte
	credential string
	sign       int
}

// applyStackPasses adds the deltas to the stack pass counts current at
// apply and moves each stack's completion tally by what changed for the
// candidates concerned: complete before, against complete after. With
// passes only added, as an import adds them, that is what counting them one
// by one would have done (stackPassed).
func (at *txn) applyStackPasses(ds []stackPassDelta) error {
	passes := at.bucket(bucketStackPasses)
	return at.addStackPasses(ds, func(k []byte, n int64) error {
		n += int64(decodeCounter(passes.Get(k)))
		if n < 0 {
			return fmt.Errorf("%w (stack index lacks a pass being taken back)", ErrCorrupt)
		}
		return putOrDelete(passes, k, n == 0, counterValue(uint64(n)))
	}, at.addStackCompleted)
}

// addStackPasses is applyStackPasses with the writes its caller's: add
// puts the sum of a key's deltas, done a change of a stack's completion.
func (at *txn) addStackPasses(ds []stackPassDelta, add func(k []byte, n int64) error, done func(stack string, delta int64) error) error {
	if len(ds) == 0 {
		return nil
	}
	members, built, err := at.stackMembers()
	if err != nil || built {
		return err // built: from the store, the file's passes included
	}
	passes := at.bucket(bucketStackPasses)
	complete := func(cand []byte, stack string) bool {
		c := members.Cursor()
		prefix := stackMemberPrefix(stack)
		for mk, _ := c.Seek(prefix); mk != nil && bytes.HasPrefix(mk, prefix); mk, _ = c.Next() {
			if passes.Get(stackPassKey(cand, string(mk[len(prefix):]))) == nil {
				return false
			}
		}
		return true
	}
	type candStack struct{ cand, stack string }
	before := map[candStack]bool{}
	var order []candStack
	for _, d := range ds {
		cs := candStack{string(d.cand), string(members.Get(credentialStackKey(d.credential)))}
		if _, ok := before[cs]; !ok && cs.stack != "" {
			before[cs] = complete(d.cand, cs.stack)
			order = append(order, cs)
		}
	}
	// Summed by key and put in key order: one pass over the tree, where
	// a put per delta in file order costs the square of their number.
	sums := map[string]int64{}
	for _, d := range ds {
		sums[string(stackPassKey(d.cand, d.credential))] += int64(d.sign)
	}
	for _, k := range sortedKeys(sums) {
		if err := add([]byte(k), sums[k]); err != nil {
			return err
		}
	}
	for _, cs := range order {
		if after := complete([]byte(cs.cand), cs.stack); after != before[cs] {
			if err := done(cs.stack, int64(btoi(after)-btoi(before[cs]))); err != nil {
				return err
			}
		}
	}
	return nil
}
