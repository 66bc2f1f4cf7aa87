package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"sync"
	"sync/atomic"

	bolt "go.etcd.io/bbolt"

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

// touch records that a write transaction writes bucket name: the bucket
// wrapper's writes (record.go), createBucket and deleteBucket call it,
// through which every write goes.
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
	own       []review.Attempt // in chunks: an earlier chunk's attempts this chunk decided (ownQueued)
	sweep     *sweep           // in chunks: keys waiting for their part's commit (import_sweep.go)
	passes    []stackPassDelta // stack pass counts to add at apply (applyStackPasses)
	queues    map[string]bool  // credentials whose queue index must exist
	err       error            // why the snapshot cannot serve this import
	chunked   bool             // an import in chunks (import_chunks.go): gens were taken at its start
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
	if len(keys) == 0 && t.fresh {
		// The drafts of an attempt this import created: no one else can
		// see the attempt before the apply, so none can have any. Not
		// kept, so memory and the apply's re-check do not grow with the
		// file's decisions.
		return nil
	}
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
