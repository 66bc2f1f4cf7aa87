package store

import (
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// stagedBuckets are the buckets an import writes one new key per record
// into, in file order, which is not key order: application ids and
// pseudonyms arrive shuffled. bbolt keeps every key a transaction adds to a
// leaf in that leaf's node, which splits only at commit, and each insert
// out of order shifts the keys after it, so one large transaction costs
// the square of its size (docs/PERFORMANCE.md, "Imports of any size"). An
// import keeps its writes to these buckets in memory instead and puts them
// in key order, where bbolt only appends.
var stagedBuckets = []string{
	bucketApplications, bucketVault, bucketAttempts, bucketPseudonyms, bucketDecisions,
	bucketHistory, bucketAppFacts, bucketFirstSubmitted, bucketStackPasses,
}

// stage is an import transaction's pending writes, by bucket, then key;
// a nil value is a delete. Values are never slices of bbolt's memory map
// (every caller encodes afresh): a snapshot's are applied after its read
// transaction ends, when the map may have moved.
type stage map[string]map[string][]byte

func newStage() stage {
	s := stage{}
	for _, name := range stagedBuckets {
		s[name] = map[string][]byte{}
	}
	return s
}

// stageImports turns staging on; the test that compares a staged import
// with an unstaged one turns it off.
var stageImports = true

// stageImport starts keeping the writes of this transaction to
// stagedBuckets in memory (Import only).
func (t *txn) stageImport() {
	if stageImports {
		t.staged = newStage()
	}
}

// getRaw is Get on a bucket, seeing the transaction's staged writes.
// A missing bucket reads as empty.
func (t *txn) getRaw(bucket string, key []byte) []byte {
	if m := t.staged[bucket]; m != nil {
		if v, ok := m[string(key)]; ok {
			return v
		}
	}
	b := t.rawBucket(bucket) // a key not staged reads as stored
	var v []byte
	if b != nil {
		v = b.Get(key)
	}
	if t.snap != nil {
		t.snapRead(bucket, key, v) // import_snapshot.go
	}
	return v
}

// stagedFor is the staged writes of bucket, nil when the bucket is not
// staged; a snapshot's compute stages every bucket it writes.
func (t *txn) stagedFor(bucket string, key []byte) map[string][]byte {
	m := t.staged[bucket]
	if t.snap == nil {
		return m
	}
	if m == nil {
		m = map[string][]byte{}
		t.staged[bucket] = m
	}
	if _, ok := m[string(key)]; !ok {
		t.getRaw(bucket, key) // what the write replaces is checked at apply
	}
	return m
}

// putRaw is Put on a bucket, staged when the transaction stages it.
func (t *txn) putRaw(bucket string, key, value []byte) error {
	if m := t.stagedFor(bucket, key); m != nil {
		// bbolt's own checks, made now so that the error is the record's
		// and not the final flush's.
		switch {
		case len(key) == 0:
			return bolt.ErrKeyRequired
		case len(key) > bolt.MaxKeySize:
			return bolt.ErrKeyTooLarge
		case int64(len(value)) > bolt.MaxValueSize:
			return bolt.ErrValueTooLarge
		}
		if value == nil {
			value = []byte{} // nil marks a delete
		}
		m[string(key)] = value
		t.stagedBytes += int64(len(key) + len(value))
		return nil
	}
	return t.bucket(bucket).Put(key, value)
}

// delRaw is Delete on a bucket, staged when the transaction stages it.
func (t *txn) delRaw(bucket string, key []byte) error {
	if m := t.stagedFor(bucket, key); m != nil {
		m[string(key)] = nil
		return nil
	}
	return t.bucket(bucket).Delete(key)
}

// putOrDeleteRaw is putOrDelete (amend.go) through putRaw and delRaw.
func (t *txn) putOrDeleteRaw(bucket string, k []byte, empty bool, v []byte) error {
	if empty {
		return t.delRaw(bucket, k)
	}
	return t.putRaw(bucket, k, v)
}

// flushStaged writes one bucket's staged writes in key order and forgets
// them: before any direct use of the bucket (txn.bucket), and at the end of
// the import.
func (t *txn) flushStaged(bucket string) error {
	m := t.staged[bucket]
	if len(m) == 0 {
		return nil
	}
	b := t.rawBucket(bucket)
	if b == nil {
		return fmt.Errorf("%w (bucket %s is missing)", ErrCorrupt, bucket)
	}
	for _, k := range sortedKeys(m) {
		var err error
		if v := m[k]; v == nil {
			err = b.Delete([]byte(k))
		} else {
			err = b.Put([]byte(k), v)
		}
		if err != nil {
			return err
		}
	}
	t.staged[bucket] = map[string][]byte{}
	return nil
}

// flushStage writes every staged write and stops staging.
func (t *txn) flushStage() error {
	if t.stageErr != nil {
		return t.stageErr
	}
	for _, name := range stagedBuckets {
		if err := t.flushStaged(name); err != nil {
			return err
		}
	}
	t.staged = nil
	return nil
}

// mapAheadMin is the least growth an import's commit is expected to need
// before mapAhead grows the file: below it, remapping costs little.
const mapAheadMin = 64 << 20

// mapAhead grows the store file, before the commit of a large import, to
// what the commit is expected to need: the staged bytes twice over (bbolt
// fills split pages to half by default) and extra bytes (evidence files).
// bbolt maps a grown file whole at its next remap, so the commit remaps
// once instead of at every doubling, each of which copies every key and
// value the transaction holds. The pages past bbolt's high-water mark are
// unused space, as after any growth; a failed import leaves them so.
func (t *txn) mapAhead(extra int64) error {
	est := 2*t.stagedBytes + extra
	if est < mapAheadMin {
		return nil
	}
	want := t.tx.Size() + est
	fi, err := os.Stat(t.s.path)
	if err != nil || fi.Size() >= want {
		return err
	}
	return os.Truncate(t.s.path, want)
}
