package store

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// Per-record checksums (schema 5). A byte flipped inside a stored key or
// value breaks none of bbolt's structure, so bbolt reads it back as a
// different record and a command would print a wrong answer. Every value
// therefore ends in a 4-byte big-endian CRC-32C of its key's length, its key
// and the value before it, written by bucket.Put and verified on every read;
// a mismatch is ErrCorrupt naming bucket and key.
//
// CRC-32C (Castagnoli): hash/crc32 computes it with the CPU's CRC
// instruction (SSE4.2, ARMv8), so a read pays a few nanoseconds for a small
// value, and it detects every error of up to 3 bits in a record of our
// sizes and every burst of up to 32 bits: what a bad disk or a torn copy
// does. It is no defence against someone who may write the file; nothing
// stored in it is (a cryptographic MAC would need a key kept elsewhere).
//
// bucket wraps *bolt.Bucket with the same methods, so the store's code
// keeps its shape: Get, cursors and ForEach return a value without its
// checksum (a sub-slice, no copy); Put appends one (one allocation).
// Stores below schemaChecksums carry none; their transactions are plain
// until the migration step that adds them (rewriteByCopy, migrate_copy.go).

// schemaChecksums is the first schema whose values carry checksums.
const schemaChecksums = 5

// sumSize is the length of the checksum after each value.
const sumSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// recordSum is the checksum of value stored at key. The key's length goes
// first so that a key and value cut at another place do not sum the same.
func recordSum(key, value []byte) uint32 {
	sum := sumUvarint(uint64(len(key)))
	return crc32.Update(crc32.Update(sum, castagnoli, key), castagnoli, value)
}

// sumUvarint is crc32.Update(0, castagnoli, the uvarint of x), a byte at a
// time by the table: a buffer passed to crc32 would escape, and cost every
// read an allocation.
func sumUvarint(x uint64) uint32 {
	crc := ^uint32(0)
	for ; x >= 0x80; x >>= 7 {
		crc = castagnoli[byte(crc)^(byte(x)|0x80)] ^ crc>>8
	}
	return ^(castagnoli[byte(crc)^byte(x)] ^ crc>>8)
}

// sealed is value with its checksum appended, in a new slice.
func sealed(key, value []byte) []byte {
	v := make([]byte, len(value)+sumSize)
	copy(v, value)
	binary.BigEndian.PutUint32(v[len(value):], recordSum(key, value))
	return v
}

// unseal is a stored value without its checksum, ok false when the
// checksum does not match. The result's capacity ends at the value, so an
// append never reaches the checksum (or bbolt's read-only map).
func unseal(key, stored []byte) ([]byte, bool) {
	n := len(stored) - sumSize
	if n < 0 || binary.BigEndian.Uint32(stored[n:]) != recordSum(key, stored[:n]) {
		return nil, false
	}
	return stored[:n:n], true
}

// bucket is a bbolt bucket of this store: bbolt's methods, values checked.
// A nil *bucket is a missing bucket, as nil *bolt.Bucket was.
type bucket struct {
	b      *bolt.Bucket
	name   string        // for messages: "queue_by_credential/CRED" when nested
	jname  string        // for the import journal: the name, or "queue_by_credential" 0x00 CRED when nested (journalKey)
	plain  bool          // a store below schemaChecksums: values carry no checksum
	nested bool          // may hold nested buckets (bbolt shows one as a nil value)
	hide   *importFilter // a running import's keys, hidden (import_journal.go); nil for none
	w      *txn          // the write transaction, told of each write (txn.touch); nil for a reader
	top    string        // the top-level bucket it is or is in
	wrote1 bool          // w was told of a write here: once is enough

	miss *bolt.Cursor // for Get's misses, made on the first
}

// recordError is the panic a failed checksum raises: the read paths
// return values, not errors, so it leaves by panic and guard (damage.go)
// turns it into the one-line ErrCorrupt of a damaged store.
type recordError struct{ bucket, key string }

func (e *recordError) Error() string {
	return fmt.Sprintf("record %s in bucket %s fails its checksum", e.key, e.bucket)
}

func (e *recordError) Unwrap() error { return ErrCorrupt }

// quoteKey shows a key of unknown bytes on one line, escaped (it may be
// damaged, or hold anything an import gave it), and bounded.
func quoteKey(k []byte) string {
	const max = 48
	if len(k) > max {
		return fmt.Sprintf("%+q…", k[:max])
	}
	return fmt.Sprintf("%+q", k)
}

// idText is an id as it is when it is one ([A-Za-z0-9._-]), quoted as
// quoteKey does otherwise: a name read from the store without a checksum
// (a nested bucket's) may hold any byte.
func idText(b []byte) string {
	for _, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return quoteKey(b)
		}
	}
	return string(b)
}

// wrap is b as a bucket of this transaction's kind; nil stays nil.
func (t *txn) wrap(b *bolt.Bucket, name string) *bucket {
	if b == nil {
		return nil
	}
	if !t.filterKnown {
		t.filter, t.filterKnown = t.loadFilter(), true // import_journal.go
	}
	var w *txn
	if t.tx.Writable() {
		w = t
	}
	return &bucket{b: b, name: name, jname: name, plain: t.plain, nested: name == bucketQueueByCredential, hide: t.filter, w: w, top: name}
}

// open is the stored value v at key without its checksum. A nil v is a
// missing key, or a nested bucket where one may be.
func (b *bucket) open(key, v []byte) []byte {
	if b.plain {
		return v
	}
	if v == nil {
		if key != nil && !b.nested {
			panic(&recordError{b.name, quoteKey(key)}) // a flag bit made a value a bucket
		}
		return nil
	}
	out, ok := unseal(key, v)
	if !ok {
		panic(&recordError{b.name, quoteKey(key)})
	}
	return out
}

// Get is the value at key, nil when missing (or a nested bucket).
func (b *bucket) Get(key []byte) []byte {
	v := b.b.Get(key)
	if v == nil {
		if !b.plain {
			b.missed(key)
		}
		return nil
	}
	return b.shown(key, v) // import_journal.go
}

// missed checks the records on either side of where key would be. A byte
// flipped in a stored key leaves the record where its old key sorted, so
// a Get of the old key misses (a counter would read as zero, a setting as
// its default) and lands right beside it: that record's checksum fails.
// It costs a seek on a miss, nothing on a hit.
func (b *bucket) missed(key []byte) {
	if b.miss == nil {
		b.miss = b.b.Cursor()
	}
	k, v := b.miss.Seek(key)
	if k != nil {
		b.open(k, v)
		k, v = b.miss.Prev()
	} else {
		k, v = last(b.miss)
	}
	if k != nil {
		b.open(k, v)
	}
}

// wrote tells the write transaction that the bucket changed: writeGens
// count writes, not reads (import_snapshot.go).
func (b *bucket) wrote() {
	if b.w != nil && !b.wrote1 {
		b.wrote1 = true
		b.w.touch(b.top)
	}
}

// Put stores value at key with its checksum.
func (b *bucket) Put(key, value []byte) error {
	b.wrote()
	if b.w != nil && (b.top == bucketQueue || b.top == bucketQueueByCredential) {
		b.w.mark() // an attempt may be queued before a claim's hint (claim_hint.go)
	}
	if b.hide != nil { // a running import's key (import_journal.go)
		var err error
		if value, err = b.overPut(key, value); err != nil {
			return err
		}
	}
	if b.plain {
		return b.b.Put(key, value)
	}
	return b.b.Put(key, sealed(key, value))
}

// Delete deletes key; a running import's key is missing to this
// transaction, so deleting it does nothing.
func (b *bucket) Delete(key []byte) error {
	if b.hide != nil { // a running import's key (import_journal.go)
		if done, err := b.overDelete(key); done {
			return err
		}
	}
	b.wrote()
	b.markDelete()
	return b.b.Delete(key)
}

// markDelete tells the write transaction that a lease is going, which may
// free an attempt before a claim's hint (claim_hint.go).
func (b *bucket) markDelete() {
	if b.w != nil && b.top == bucketLeases {
		b.w.mark()
	}
}

// ForEach calls fn with each key and checked value; a nested bucket's
// value is nil.
func (b *bucket) ForEach(fn func(k, v []byte) error) error {
	return b.b.ForEach(func(k, v []byte) error {
		out := b.shown(k, v)
		if out == nil && (v != nil || b.hiddenBucket(k)) {
			return nil // a running import's key or queue (import_journal.go)
		}
		return fn(k, out)
	})
}

// ForEachBucket calls fn with each nested bucket's name this transaction
// may see (import_journal.go).
func (b *bucket) ForEachBucket(fn func(k []byte) error) error {
	return b.b.ForEachBucket(func(k []byte) error {
		if b.hiddenBucket(k) {
			return nil
		}
		return fn(k)
	})
}

// Bucket is the nested bucket name, nil when missing (or a running
// import's, import_journal.go).
func (b *bucket) Bucket(name []byte) *bucket {
	if b.hiddenBucket(name) {
		return nil
	}
	return b.child(b.b.Bucket(name), name)
}

// CreateBucketIfNotExists is bbolt's, returning a bucket of this store.
// Another writer's create of a running import's nested bucket takes it
// over (overwrite, import_journal.go).
func (b *bucket) CreateBucketIfNotExists(name []byte) (*bucket, error) {
	b.wrote()
	if b.hiddenBucket(name) {
		if err := b.hide.overwrite(b.jname, name); err != nil {
			return nil, err
		}
	}
	c, err := b.b.CreateBucketIfNotExists(name)
	if err != nil {
		return nil, err
	}
	return b.child(c, name), nil
}

func (b *bucket) child(c *bolt.Bucket, name []byte) *bucket {
	if c == nil {
		return nil
	}
	return &bucket{b: c, name: b.name + "/" + quoteKey(name), jname: b.jname + "\x00" + string(name), plain: b.plain, hide: b.hide, w: b.w, top: b.top}
}

func (b *bucket) NextSequence() (uint64, error) { b.wrote(); return b.b.NextSequence() }

// SetFillPercent sets bbolt's FillPercent, for appends in key order.
func (b *bucket) SetFillPercent(f float64) { b.b.FillPercent = f }

// Cursor is a cursor over b whose values are checked.
func (b *bucket) Cursor() cursor { return cursor{b.b.Cursor(), b} }

// cursor is bbolt's Cursor with checked values.
type cursor struct {
	c *bolt.Cursor
	b *bucket
}

// skip is the entry at k, checked, or the first after it (by next) this
// transaction may see: a running import's keys are passed over
// (import_journal.go).
func (c cursor) skip(k, v []byte, next func() ([]byte, []byte)) ([]byte, []byte) {
	for k != nil {
		if out := c.b.shown(k, v); out != nil || v == nil && !c.b.hiddenBucket(k) {
			return k, out
		}
		k, v = next()
	}
	return nil, nil
}

func (c cursor) First() ([]byte, []byte) { k, v := c.c.First(); return c.skip(k, v, c.c.Next) }
func (c cursor) Last() ([]byte, []byte)  { k, v := last(c.c); return c.skip(k, v, c.c.Prev) }
func (c cursor) Next() ([]byte, []byte)  { k, v := c.c.Next(); return c.skip(k, v, c.c.Next) }
func (c cursor) Prev() ([]byte, []byte)  { k, v := c.c.Prev(); return c.skip(k, v, c.c.Prev) }
func (c cursor) Seek(seek []byte) ([]byte, []byte) {
	k, v := c.c.Seek(seek)
	return c.skip(k, v, c.c.Next)
}

// last is c.Last(), except that it returns in a write transaction that
// emptied a bucket of more than one page. bbolt 1.4's Last steps back
// over leaves left empty by deletes, and when every leaf is empty its
// step back from the first one lands on the first one again, forever,
// holding the writer's lock: a group commit whose decisions deleted the
// last drafts hung serve that way when the next claim's Get missed
// (missed). First finds a key if there is any, and Last then stops at its
// leaf.
func last(c *bolt.Cursor) ([]byte, []byte) {
	if k, _ := c.First(); k == nil {
		return nil, nil
	}
	return c.Last()
}

// Delete deletes the entry under the cursor, always one this transaction
// sees; a count with a running import's share (import_journal.go) is never
// deleted by cursor (turnaround fine keys go by Get, Put and Delete).
func (c cursor) Delete() error { c.b.wrote(); c.b.markDelete(); return c.c.Delete() }
