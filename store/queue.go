package store

import (
	"fmt"
	"time"

	"assessor/review"
)

// queueEntry is the value of a queue index entry: what the queue screen
// shows, so listing it reads no attempt.
type queueEntry struct {
	Pseudonym  string `json:"pseudonym"`
	Credential string `json:"credential"`
	Flags      int    `json:"flags,omitempty"`
}

// Queue lists up to limit pending attempts the reviewer may take, oldest
// submitted first (rule 5), of one credential or of all when credential is
// "". Attempts from candidates the reviewer declared a conflict with are
// left out without a trace (rule 7); attempts leased to another reviewer are
// listed with Claimed set; each item tells who holds its claim until when
// (review.Actor.ClaimSeen) and whether the reviewer has a draft of it; an attempt whose first review the reviewer
// gave is left out (second_review.go). When the program requires
// calibration, an uncalibrated reviewer (not a lead or admin) gets
// review.ErrCalibrateFirst. A limit of 0 or less means no limit. It reads the
// queue index from its oldest end and stops after limit items.
func (s *Store) Queue(reviewer, credential string, limit int) ([]review.QueueItem, error) {
	var out []review.QueueItem
	if limit > 0 {
		out = make([]review.QueueItem, 0, min(limit, queueEntriesMax)) // the screen's page fills it
	}
	err := s.view(func(t *txn) (err error) {
		out, err = t.queueItems(reviewer, credential, limit, out)
		return err
	})
	return out, err
}

// queueItems appends to out the items Queue lists.
func (t *txn) queueItems(reviewer, credential string, limit int, out []review.QueueItem) ([]review.QueueItem, error) {
	g, err := t.gate(reviewer)
	if err != nil {
		return out, err
	}
	actor, err := g.calibrated()
	if err != nil {
		return out, err
	}
	if err := actor.RequireCalibrated(); err != nil {
		return out, err
	}
	err = g.listQueue(credential, func(q queued) (bool, error) {
		s, err := g.queued(q.key)
		if err != nil {
			return true, err
		}
		listed, claimed := actor.Listed(s)
		if !listed {
			return false, nil
		}
		it, err := q.item()
		if err != nil {
			return true, err
		}
		it.Claimed = claimed
		it.Holder, it.Until, it.Mine = actor.ClaimSeen(s)
		it.Draft = g.hasDraft(q.key)
		out = append(out, it)
		return limit > 0 && len(out) >= limit, nil
	})
	return out, err
}

// hasDraft reports whether the gate's reviewer saved a draft of k; the
// anonymous reader (the dashboard) has none. One Get per listed row, its
// key (draftKey) built in the gate's buffer.
func (g *gate) hasDraft(k review.AttemptKey) bool {
	b := g.t.bucket(bucketDrafts)
	if g.actor.ID == "" || b == nil {
		return false
	}
	g.keyBuf = appendDraftKey(g.keyBuf[:0], k, g.actor.ID)
	return b.Get(g.keyBuf) != nil
}

// queueIndex returns the queue index of one credential, or of all when
// credential is ""; nil when there is none.
func (t *txn) queueIndex(credential string, create bool) (*bucket, error) {
	if credential == "" {
		return t.bucket(bucketQueue), nil
	}
	parent := t.bucket(bucketQueueByCredential)
	if parent == nil {
		return nil, nil
	}
	if create {
		return parent.CreateBucketIfNotExists([]byte(credential))
	}
	return parent.Bucket([]byte(credential)), nil
}

// queued is one queue index entry during a walk; its value is decoded only
// when asked for, since Next needs just the key.
type queued struct {
	key         review.AttemptKey
	submittedAt time.Time
	rawKey      []byte
	value       []byte
	entries     *queueEntries // the store's decoded entries
}

// item decodes the entry into what the queue screen shows.
func (q queued) item() (review.QueueItem, error) {
	e, err := q.entries.decode(q.rawKey, q.value)
	if err != nil {
		return review.QueueItem{}, fmt.Errorf("%w (bad queue entry for %s: %v)", ErrCorrupt, q.key, err)
	}
	return review.QueueItem{
		Application: q.key.Application, Attempt: q.key.Attempt, SubmittedAt: q.submittedAt,
		Pseudonym: e.Pseudonym, Credential: e.Credential, Flags: e.Flags,
	}, nil
}

// walkQueue calls fn on each pending attempt of the index, oldest first,
// until fn reports stop or returns an error. It reads only as far as fn
// goes, so finding the oldest available attempt does not scan the queue.
func (t *txn) walkQueue(credential string, fn func(queued) (stop bool, err error)) error {
	return t.walkQueueFrom(credential, nil, fn)
}

// walkQueueFrom is walkQueue starting at queue key from (nil: the head).
func (t *txn) walkQueueFrom(credential string, from []byte, fn func(queued) (stop bool, err error)) error {
	b, err := t.queueIndex(credential, false)
	if err != nil || b == nil {
		return err
	}
	var entries *queueEntries
	if t.s != nil {
		entries = &t.s.queueEntries
	}
	c := b.Cursor()
	var k, v []byte
	if from != nil {
		k, v = c.Seek(from)
	} else {
		k, v = c.First()
	}
	for ; k != nil; k, v = c.Next() {
		at, key, ok := decodeQueueKey(k)
		if !ok {
			return fmt.Errorf("%w (bad queue key %q)", ErrCorrupt, k)
		}
		if stop, err := fn(queued{key: key, submittedAt: at, rawKey: k, value: v, entries: entries}); stop || err != nil {
			return err
		}
	}
	return nil
}

// enqueue adds a pending attempt to both queue indexes.
func (t *txn) enqueue(a review.Attempt, flags int) error {
	key := queueKey(a.SubmittedAt, a.Key())
	e := queuedAttempt{a, flags}.entry()
	for _, cred := range []string{"", a.Credential} {
		b, err := t.queueIndex(cred, true)
		if err != nil {
			return err
		}
		if err := putJSON(b, key, e); err != nil {
			return err
		}
	}
	return nil
}

// entry is the queue index value of a pending attempt.
func (q queuedAttempt) entry() queueEntry {
	return queueEntry{Pseudonym: q.a.Pseudonym, Credential: q.a.Credential, Flags: q.flags}
}

// dequeue removes a decided attempt from both queue indexes.
func (t *txn) dequeue(a review.Attempt) error {
	if t.snap != nil { // an import's snapshot: at apply (import_snapshot.go)
		if !t.fresh { // an attempt of the import itself was never enqueued
			a.Parts, a.Note, a.Leaks = nil, "", nil // dequeue needs the head only
			t.snap.dequeues = append(t.snap.dequeues, a)
		}
		return nil
	}
	key := queueKey(a.SubmittedAt, a.Key())
	for _, cred := range []string{"", a.Credential} {
		b, err := t.queueIndex(cred, false)
		if err != nil {
			return err
		}
		if b != nil {
			if err := b.Delete(key); err != nil {
				return err
			}
		}
	}
	return nil
}
