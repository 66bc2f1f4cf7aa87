package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// txn is one transaction with typed access to the buckets. Getters treat a
// missing bucket (a fresh store opened read-only) as empty.
type txn struct {
	tx    *bolt.Tx
	s     *Store
	cache *tallyCache // running tallies touched so far; nil until one is

	opened map[string]*bucket // top-level buckets opened so far
	plain  bool               // the store is below schemaChecksums: values carry no checksum (record.go)

	// Import's per-transaction memory (import.go): attempts stored so far,
	// each kept with the bytes it was encoded to. A hit is used only while
	// the stored bytes are still those bytes, so a later write can never be
	// read stale.
	stored map[string]storedAttempt
	queued map[string]queuedAttempt // attemptKey → new attempt whose enqueue waits for flushQueue
	fresh  bool                     // the attempt being decided was imported by this import (importDecision)

	staged      stage // Import's writes kept for key order (import_stage.go); nil when not staging
	stageErr    error // the first error of a flush made by bucket, returned by flushStage
	stagedBytes int64 // bytes of keys and values staged, for mapAhead

	snap *snapshot // an import computing against a read-only snapshot (import_snapshot.go)

	importer    bool                // a chunked import's own transaction: sees its hidden keys (import_journal.go)
	filter      *importFilter       // a running import's keys this transaction may not see
	filterKnown bool                // filter was loaded (on the first bucket opened)
	touched     map[string]struct{} // buckets this write transaction used, for writeGens
}

type queuedAttempt struct {
	a     review.Attempt
	flags int
}

type storedAttempt struct {
	raw []byte
	a   review.Attempt
}

// newTxn is a transaction of s on tx.
func (s *Store) newTxn(tx *bolt.Tx) *txn {
	return &txn{tx: tx, s: s, plain: s.schema < schemaChecksums}
}

// bucket returns a top-level bucket, nil when missing. A transaction keeps
// the buckets it opened: bbolt caches them only for writers, and a report
// opens a few for each of its hundreds of medians, each time searching the
// root page again and allocating; and each is wrapped once (record.go).
func (t *txn) bucket(name string) *bucket {
	if t.snap != nil {
		t.snapDirect(name) // import_snapshot.go
		return t.rawBucket(name)
	}
	if t.staged != nil { // direct use sees the staged writes
		if err := t.flushStaged(name); err != nil && t.stageErr == nil {
			t.stageErr = err
		}
	}
	return t.rawBucket(name)
}

// rawBucket is bucket without flushing staged writes.
func (t *txn) rawBucket(name string) *bucket {
	if b, ok := t.opened[name]; ok {
		return b
	}
	b := t.wrap(t.tx.Bucket([]byte(name)), name)
	if t.opened == nil {
		t.opened = map[string]*bucket{}
	}
	t.opened[name] = b
	return b
}

// createBucket creates the top-level bucket name when missing.
func (t *txn) createBucket(name string) (*bucket, error) {
	t.touch(name) // import_snapshot.go
	if b := t.opened[name]; b != nil {
		return b, nil
	}
	if _, err := t.tx.CreateBucketIfNotExists([]byte(name)); err != nil {
		return nil, err
	}
	delete(t.opened, name)
	return t.rawBucket(name), nil
}

// deleteBucket deletes the top-level bucket name.
func (t *txn) deleteBucket(name string) error {
	t.touch(name) // import_snapshot.go
	delete(t.opened, name)
	return t.tx.DeleteBucket([]byte(name))
}

// get decodes the JSON value at key into v and reports whether it exists.
func (t *txn) get(bucket string, key []byte, v any) (bool, error) {
	return decodeJSON(key, t.getRaw(bucket, key), v)
}

// put stores v as JSON at key.
func (t *txn) put(bucket string, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return t.putRaw(bucket, key, data)
}

// del deletes key; deleting a missing key is not an error.
func (t *txn) del(bucket string, key []byte) error { return t.delRaw(bucket, key) }

func getJSON(b *bucket, key []byte, v any) (bool, error) {
	return decodeJSON(key, b.Get(key), v)
}

// decodeJSON decodes the value data stored at key into v; nil data is a
// missing key.
func decodeJSON(key, data []byte, v any) (bool, error) {
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("%w (bad value in %q: %v)", ErrCorrupt, key, err)
	}
	return true, nil
}

func putJSON(b *bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, data)
}

// count adds delta to a counter in bucketMeta.
func (t *txn) count(key string, delta int) error {
	if t.snap != nil { // an import's snapshot: added at apply
		t.snap.counts[key] += delta
		return nil
	}
	meta := t.bucket(bucketMeta)
	n := int64(decodeCounter(meta.Get([]byte(key)))) + int64(delta)
	if n < 0 {
		n = 0
	}
	return meta.Put([]byte(key), counterValue(uint64(n)))
}

// counter reads a counter from bucketMeta.
func (t *txn) counter(key string) int {
	meta := t.bucket(bucketMeta)
	if meta == nil {
		return 0
	}
	return int(decodeCounter(meta.Get([]byte(key))))
}

func (t *txn) application(id string) (review.Application, bool, error) {
	var a review.Application
	ok, err := t.get(bucketApplications, []byte(id), &a)
	return a, ok, err
}

func (t *txn) attempt(k review.AttemptKey) (review.Attempt, bool, error) {
	var a review.Attempt
	ok, err := t.get(bucketAttempts, attemptKey(k), &a)
	return a, ok, err
}

func (t *txn) decision(k review.AttemptKey) (review.Decision, bool, error) {
	var d review.Decision
	ok, err := t.get(bucketDecisions, attemptKey(k), &d)
	return d, ok, err
}

func (t *txn) candidate(application string) (review.Candidate, bool, error) {
	var c review.Candidate
	ok, err := t.get(bucketVault, []byte(application), &c)
	return c, ok, err
}

func (t *txn) reviewer(id string) (review.Reviewer, bool, error) {
	var r review.Reviewer
	ok, err := t.get(bucketReviewers, []byte(id), &r)
	return r, ok, err
}

func (t *txn) draft(k review.AttemptKey, reviewer string) (review.Draft, bool, error) {
	var d review.Draft
	ok, err := t.get(bucketDrafts, draftKey(k, reviewer), &d)
	return d, ok, err
}

// draftHead reads the revision and session of the reviewer's stored draft
// of k, all review.Draft.Over needs: not its levels and feedback.
func (t *txn) draftHead(k review.AttemptKey, reviewer string) (review.Draft, error) {
	key := draftKey(k, reviewer)
	return draftHeadOf(key, t.getRaw(bucketDrafts, key))
}

// draftHeadOf decodes the revision and session of the draft data stored at
// key, a live draft or a calibration one; none when data is nil.
func draftHeadOf(key, data []byte) (review.Draft, error) {
	var h struct {
		Revision int    `json:"revision"`
		Session  string `json:"session"`
	}
	_, err := decodeJSON(key, data, &h)
	return review.Draft{Revision: h.Revision, Session: h.Session}, err
}

// attempts lists the attempts of an application numbered below before,
// oldest first, by a prefix walk of its keys.
func (t *txn) attempts(application string, before int) ([]review.Attempt, error) {
	b := t.bucket(bucketAttempts)
	if b == nil {
		return nil, nil
	}
	var out []review.Attempt
	prefix := idPrefix(application)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		// The key holds the number: the attempt being opened (for a first
		// attempt, the only one) is not decoded only to be left out.
		if ak, ok := decodeAttemptKey(k); ok && ak.Attempt >= before {
			break
		}
		var a review.Attempt
		if err := json.Unmarshal(v, &a); err != nil {
			return nil, fmt.Errorf("%w (bad attempt %q: %v)", ErrCorrupt, k, err)
		}
		if a.Number >= before {
			break
		}
		out = append(out, a)
	}
	return out, nil
}

// deletePrefix deletes every key of bucket starting with prefix.
func (t *txn) deletePrefix(bucket string, prefix []byte) error {
	if t.snap != nil {
		return t.snapDeletePrefix(bucket, prefix) // import_snapshot.go
	}
	c := t.bucket(bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// countAll adds each delta to its counter in bucketMeta.
func (t *txn) countAll(deltas map[string]int) error {
	for key, delta := range deltas {
		if err := t.count(key, delta); err != nil {
			return err
		}
	}
	return nil
}
