package store

import (
	"bytes"
	"encoding/binary"
	"math"
	"time"

	"assessor/review"
)

// Bucket names. Every bucket is top level and created by Open, except the
// per-credential queues nested in bucketQueueByCredential, which are created
// on first use. Values are JSON unless noted.
const (
	bucketMeta              = "meta"                // keySchema and the counters below; values decimal / 8-byte BE
	bucketRubrics           = "rubrics"             // rubricKey → review.Rubric
	bucketApplications      = "applications"        // application id → review.Application
	bucketPseudonyms        = "pseudonyms"          // pseudonym → application id (raw bytes)
	bucketVault             = "vault"               // application id → review.Candidate: the identity vault
	bucketAttempts          = "attempts"            // attemptKey → review.Attempt, never with identity
	bucketDecisions         = "decisions"           // attemptKey → review.Decision of record
	bucketHistory           = "history"             // historyKey → HistoryEntry, append-only
	bucketQueue             = "queue"               // queueKey → queueEntry, pending attempts only
	bucketQueueByCredential = "queue_by_credential" // credential → nested bucket laid out like bucketQueue
	bucketLeases            = "leases"              // attemptKey → leaseValue (binary: read on every queue step)
	bucketDrafts            = "drafts"              // draftKey → review.Draft
	bucketReviewers         = "reviewers"           // reviewer id → review.Reviewer
)

// bucketNames lists the top-level buckets Open creates.
func bucketNames() []string {
	return []string{
		bucketMeta, bucketRubrics, bucketApplications, bucketPseudonyms,
		bucketVault, bucketAttempts, bucketDecisions, bucketHistory,
		bucketQueue, bucketQueueByCredential, bucketLeases, bucketDrafts,
		bucketReviewers,
	}
}

// Keys in bucketMeta. The schema is a decimal string so it can be read by
// eye with bbolt's CLI; counters are 8-byte big-endian unsigned integers.
const (
	keySchema       = "schema"
	keyApplications = "count.applications"
	keyAttempts     = "count.attempts"
	keyPending      = "count.pending"
	keyDecided      = "count.decided"
)

// sep ends an id inside a composite key. Ids are [A-Za-z0-9._-] (formats.md),
// so sep never occurs in one and a prefix ending in sep names exactly one id.
const sep = 0x00

// idPrefix is id + sep: the prefix of every attempt key of application id,
// and of every rubric key of credential id.
func idPrefix(id string) []byte {
	b := make([]byte, 0, len(id)+1)
	b = append(b, id...)
	return append(b, sep)
}

// attemptKey is application id + sep + 4-byte big-endian attempt number, so
// an application's attempts sort in number order.
func attemptKey(k review.AttemptKey) []byte {
	return binary.BigEndian.AppendUint32(idPrefix(k.Application), uint32(k.Attempt))
}

// decodeAttemptKey reverses attemptKey, ignoring any bytes after it.
func decodeAttemptKey(b []byte) (review.AttemptKey, bool) {
	i := bytes.IndexByte(b, sep)
	if i < 1 || len(b) < i+5 {
		return review.AttemptKey{}, false
	}
	return review.AttemptKey{Application: string(b[:i]), Attempt: int(binary.BigEndian.Uint32(b[i+1:]))}, true
}

// queueKey is 8-byte big-endian submitted_at in Unix nanoseconds + attemptKey,
// so a cursor walks the queue oldest first (rule 5) and ties break by
// application and attempt.
func queueKey(submitted time.Time, k review.AttemptKey) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(k.Application)+5), uint64(submitted.UnixNano()))
	return append(b, attemptKey(k)...)
}

// decodeQueueKey reverses queueKey.
func decodeQueueKey(b []byte) (time.Time, review.AttemptKey, bool) {
	if len(b) < 8 {
		return time.Time{}, review.AttemptKey{}, false
	}
	k, ok := decodeAttemptKey(b[8:])
	return time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(), k, ok
}

// queueTimeOK reports whether t fits a queueKey: UnixNano covers 1970–2262.
func queueTimeOK(t time.Time) bool {
	return !t.Before(time.Unix(0, 0)) && !t.After(time.Unix(0, math.MaxInt64))
}

// draftKey is attemptKey + reviewer id: one draft per reviewer per attempt,
// and the drafts of one attempt share the attemptKey prefix.
func draftKey(k review.AttemptKey, reviewer string) []byte {
	return append(attemptKey(k), reviewer...)
}

// historyKey is attemptKey + 8-byte big-endian sequence number of the history
// bucket, so an attempt's history reads in the order it was written.
func historyKey(k review.AttemptKey, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(attemptKey(k), seq)
}

// rubricKey is credential id + sep + 4-byte big-endian version, so the last
// key with prefix idPrefix(id) is the latest version.
func rubricKey(id string, version int) []byte {
	return binary.BigEndian.AppendUint32(idPrefix(id), uint32(version))
}

// rubricAfter is the smallest key above every rubricKey of id.
func rubricAfter(id string) []byte {
	return append([]byte(id), sep+1)
}

// counterValue encodes a counter for bucketMeta.
func counterValue(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// decodeCounter reverses counterValue; a missing counter is zero.
func decodeCounter(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// leaseValue is 8-byte big-endian expiry in Unix nanoseconds + reviewer id.
// Leases are read for every attempt a queue walk passes, so they skip JSON.
func leaseValue(reviewer string, expires time.Time) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(reviewer)), uint64(expires.UnixNano())), reviewer...)
}

// decodeLease reverses leaseValue.
func decodeLease(b []byte) (reviewer string, expires time.Time, ok bool) {
	if len(b) < 8 {
		return "", time.Time{}, false
	}
	return string(b[8:]), time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(), true
}
