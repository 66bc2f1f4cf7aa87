package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"assessor/review"
)

// Imports outside the writer's lock (docs/PERFORMANCE.md, "Imports of any
// size"). bbolt runs one write transaction at a time, so an import that
// computed inside one held every reviewer's claim, draft and decision for
// as long as it ran. Import now computes against a read-only snapshot
// (bbolt readers never wait for the writer), keeping every write in memory
// (import_stage.go), and then applies them in one short write transaction:
// still all or nothing, and a bad line fails before anything is applied.
//
// Between the snapshot and the apply, reviewers may have written. The apply
// is correct anyway:
//   - counters, tallies, turnaround histograms and stack completions are
//     kept as deltas against the snapshot and added to the values current at
//     apply (tally.go, median.go);
//   - every other key the import read or wrote is re-checked at apply, but
//     only in buckets that changed since the snapshot: bbolt writes a
//     changed bucket's root to a new page, and the snapshot's pages are
//     not reused while it is open, so a bucket whose root page is the
//     snapshot's is unchanged (the apply checks with the snapshot still
//     open; when it must end it sooner, a commit begun after that is seen
//     in writeGens instead). If any key differs, or a bucket read without
//     key-level record (txn.bucket) changed, the import runs again the old
//     way, inside the write transaction (Import), as if nothing had been
//     done;
//   - history keys take sequence numbers after any drawn meanwhile.
//
// A path of the import that the snapshot cannot serve (a write straight to
// a bbolt bucket, e.g. the first badge secret or stack index of a store)
// fails on the read-only transaction and falls back the same way.

// errSnapshotStale is the apply's conflict: something the import depends
// on changed after the snapshot.
var errSnapshotStale = errors.New("store changed under the import")

// errSnapshotUnsupported is a path of the import the snapshot cannot serve.
var errSnapshotUnsupported = errors.New("import path needs the write transaction")

// importApplyHook, when set (tests only), runs at the end of an import's
// compute, its snapshot still open, before its apply.
var importApplyHook func()

// importWindowHook, when set (tests only), runs after a snapshot ended
// before its apply took the writer's lock (snapshotLockWait).
var importWindowHook func()

// snapshotFallbacks counts imports the snapshot could not serve (tests).
var snapshotFallbacks atomic.Int64

// lastApplyNanos is how long the last import's apply held the writer's
// lock, for BenchmarkImportOneFile.
var lastApplyNanos atomic.Int64

// lastFallback is why the last import fell back (tests).
var lastFallback string

// snapshotImports turns the snapshot path on; tests turn it off to compare.
var snapshotImports = true

// writeGens counts, per top-level bucket, the write transactions that
// touched it (txn.touch), bumped before each commit. An import compares
// the counts at its snapshot with those at its apply.
type writeGens struct {
	mu sync.Mutex
	n  map[string]uint64
}

func (g *writeGens) bump(names map[string]struct{}) {
	if len(names) == 0 {
		return
	}
	g.mu.Lock()
	if g.n == nil {
		g.n = map[string]uint64{}
	}
	for name := range names {
		g.n[name]++
	}
	g.mu.Unlock()
}

func (g *writeGens) copy() map[string]uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	out := make(map[string]uint64, len(g.n))
	for k, v := range g.n {
		out[k] = v
	}
	return out
}

func (g *writeGens) get(name string) uint64 {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n[name]
}

// touch records that a write transaction uses bucket name: rawBucket,
// createBucket and deleteBucket call it, through which every use goes.
func (t *txn) touch(name string) {
	if !t.tx.Writable() {
		return
	}
	if t.touched == nil {
		t.touched = map[string]struct{}{}
	}
	t.touched[name] = struct{}{}
}

// snapshot is what an import computed against a read-only transaction
// keeps for its apply.
type snapshot struct {
	gens   map[string]uint64     // writeGens as the snapshot ended, if before the apply took the lock
	roots  map[string]bucketRoot // each bucket used, as the snapshot had it
	reads  map[string]map[string]valueMark
	ranges []rangeRead
	coarse map[string]bool // buckets read through txn.bucket (no key-level record)

	counts    map[string]int   // meta counter deltas (txn.count)
	stackDone map[string]int64 // stack completion deltas (addStackCompleted)
	seqBase   uint64           // history's sequence at the snapshot
	seqUsed   uint64           // history sequence numbers drawn
	seqKnown  bool
	dequeues  []review.Attempt // dequeues to run at apply
	passes    []stackPassDelta // stack pass counts to add at apply (applyStackPasses)
	queues    map[string]bool  // credentials whose queue index must exist
	err       error            // why the snapshot cannot serve this import
}

// bucketRoot is a bucket's root page and, for an inline bucket (root 0),
// the hash of its content: with writeGens, a second way to see a change.
type bucketRoot struct {
	missing bool
	root    uint64
	seq     uint64
	inline  [32]byte
}

func rootOf(b *bolt.Bucket) bucketRoot {
	if b == nil {
		return bucketRoot{missing: true}
	}
	r := bucketRoot{root: uint64(b.Root()), seq: b.Sequence()}
	if r.root == 0 {
		h := sha256.New()
		_ = b.ForEach(func(k, v []byte) error {
			var n [8]byte
			h.Write(binary.BigEndian.AppendUint32(n[:0], uint32(len(k))))
			h.Write(k)
			h.Write(binary.BigEndian.AppendUint32(n[:0], uint32(len(v))))
			h.Write(v)
			return nil
		})
		h.Sum(r.inline[:0])
	}
	return r
}

// valueMark is a value as the snapshot had it: absent, or its hash.
type valueMark struct {
	present bool
	sum     [32]byte
}

func markOf(v []byte) valueMark {
	if v == nil {
		return valueMark{}
	}
	return valueMark{present: true, sum: sha256.Sum256(v)}
}

// rangeRead is a prefix walk (deletePrefix) and the hash of what it found.
type rangeRead struct {
	bucket string
	prefix []byte
	sum    [32]byte
}

func newSnapshot() *snapshot {
	return &snapshot{
		roots: map[string]bucketRoot{}, reads: map[string]map[string]valueMark{},
		coarse: map[string]bool{}, counts: map[string]int{}, stackDone: map[string]int64{},
		queues: map[string]bool{},
	}
}

// use records the bucket's root the first time the import uses it.
func (t *txn) snapUse(name string) {
	if _, ok := t.snap.roots[name]; !ok {
		t.snap.roots[name] = rootOf(t.tx.Bucket([]byte(name)))
	}
}

// snapRead records what the snapshot holds at bucket/key, once: the apply
// checks it is still so when bucket was touched meanwhile.
func (t *txn) snapRead(bucket string, key []byte, v []byte) {
	m := t.snap.reads[bucket]
	if m == nil {
		t.snapUse(bucket)
		m = map[string]valueMark{}
		t.snap.reads[bucket] = m
	}
	if _, ok := m[string(key)]; !ok {
		m[string(key)] = markOf(v)
	}
}

// snapDirect is txn.bucket during a snapshot compute: the bucket is read
// as the snapshot has it, without key-level record, so any touch of it
// before the apply is a conflict; and it cannot see the import's own
// staged writes, so a bucket with some cannot be used directly at all.
func (t *txn) snapDirect(name string) {
	t.snapUse(name)
	t.snap.coarse[name] = true
	if len(t.staged[name]) > 0 && t.snap.err == nil {
		t.snap.err = errSnapshotUnsupported
	}
}

// snapDeletePrefix is deletePrefix during a snapshot compute: the keys
// under prefix, as the snapshot has them, are staged for deletion and the
// walk is recorded for the apply to repeat.
func (t *txn) snapDeletePrefix(bucket string, prefix []byte) error {
	if len(t.staged[bucket]) > 0 {
		return errSnapshotUnsupported // the walk would miss staged keys
	}
	t.snapUse(bucket)
	sum, keys := walkPrefix(t.tx.Bucket([]byte(bucket)), prefix)
	t.snap.ranges = append(t.snap.ranges, rangeRead{bucket: bucket, prefix: bytes.Clone(prefix), sum: sum})
	for _, k := range keys {
		if err := t.delRaw(bucket, k); err != nil {
			return err
		}
	}
	return nil
}

// walkPrefix hashes the keys and values under prefix and returns the keys.
func walkPrefix(b *bolt.Bucket, prefix []byte) (sum [32]byte, keys [][]byte) {
	h := sha256.New()
	if b != nil {
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var n [8]byte
			h.Write(binary.BigEndian.AppendUint32(n[:0], uint32(len(k))))
			h.Write(k)
			h.Write(binary.BigEndian.AppendUint32(n[:0], uint32(len(v))))
			h.Write(v)
			keys = append(keys, bytes.Clone(k))
		}
	}
	h.Sum(sum[:0])
	return sum, keys
}

// snapNextSeq draws the next history sequence number after those of the
// snapshot; the apply shifts them past any drawn meanwhile.
func (t *txn) snapNextSeq() uint64 {
	if !t.snap.seqKnown {
		t.snapUse(bucketHistory)
		if b := t.tx.Bucket([]byte(bucketHistory)); b != nil {
			t.snap.seqBase = b.Sequence()
		}
		t.snap.seqKnown = true
	}
	t.snap.seqUsed++
	return t.snap.seqBase + t.snap.seqUsed
}

// importOutside runs an import's records against a snapshot and applies
// what they wrote. done is false when the snapshot could not serve the
// import (a path it does not support, or a conflict at apply): nothing was
// applied, and the caller imports the old way.
func (s *Store) importOutside(file string, recs []review.Record, prepared []*preparedFiles, ahead *aheadScans) (st ImportStats, done bool, err error) {
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
		if st, err = t.importRecords(file, recs, prepared, ahead); err == nil {
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
		apply := s.write(func(at *txn) error { return at.applySnapshot(t, blobBytes(prepared), endSnapshot) })
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
	names := make([]string, 0, len(t.staged))
	for name := range t.staged {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
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
	if err := at.applyStackPasses(sn.passes); err != nil {
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
// at apply, not checked.
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
	for _, d := range ds {
		k := stackPassKey(d.cand, d.credential)
		n := int64(decodeCounter(passes.Get(k))) + int64(d.sign)
		if n < 0 {
			return fmt.Errorf("%w (stack index lacks a pass being taken back)", ErrCorrupt)
		}
		if err := putOrDelete(passes, k, n == 0, counterValue(uint64(n))); err != nil {
			return err
		}
	}
	for _, cs := range order {
		if after := complete([]byte(cs.cand), cs.stack); after != before[cs] {
			if err := at.addStackCompleted(cs.stack, int64(btoi(after)-btoi(before[cs]))); err != nil {
				return err
			}
		}
	}
	return nil
}
