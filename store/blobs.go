package store

import (
	"errors"
	"fmt"

	"assessor/review"
)

// Evidence files are stored content-addressed: each distinct content once,
// in bucketBlobs under its sha256, and each attempt's parts carry
// review.Attachments naming the hashes. Two attempts (or two candidates)
// that attach the same bytes share one blob, and blobs are never deleted:
// stored attempts are never deleted either.

// ErrNoLease means a reviewer asked for an attempt's file without holding
// a live lease on that attempt or a later attempt of the same application.
var ErrNoLease = errors.New("you do not hold this attempt (claim it from the queue first)")

// FileSource supplies the bytes of evidence files by the names a
// submission's parts list. Open is called inside the import transaction, so
// it should serve bytes already read (cli reads the files folder first).
type FileSource interface {
	Open(name string) ([]byte, error)
}

// Files is a FileSource over bytes already in memory, keyed by name.
type Files map[string][]byte

// Open implements FileSource.
func (f Files) Open(name string) ([]byte, error) {
	b, ok := f[name]
	if !ok {
		return nil, fmt.Errorf("%s: %w", review.Quoted(name), ErrNotFound)
	}
	return b, nil
}

// putBlob stores data under its hash unless a blob with that hash is
// already there.
func (t *txn) putBlob(hash string, data []byte) error {
	if t.snap != nil { // an import's snapshot: applied with its bucket
		if t.getRaw(bucketBlobs, []byte(hash)) != nil {
			return nil
		}
		return t.putRaw(bucketBlobs, []byte(hash), data)
	}
	b, err := t.createBucket(bucketBlobs)
	if err != nil {
		return err
	}
	if b.Get([]byte(hash)) != nil {
		return nil
	}
	return b.Put([]byte(hash), data)
}

// Attachment returns the bytes of the evidence file with the given hash in
// the attempt key. The reviewer must hold a live lease on that attempt or on
// a later attempt of the same application (the resubmission they review
// shows the files of the attempts before it); otherwise it fails with
// ErrNoLease. A hash the attempt does not list wraps ErrNotFound, so a
// lease on one attempt never opens another candidate's files. The bytes
// are the caller's to keep.
func (s *Store) Attachment(reviewer string, key review.AttemptKey, hash string) ([]byte, error) {
	if reviewer == "" {
		return nil, ErrNoReviewer
	}
	var out []byte
	err := s.view(func(t *txn) error {
		a, ok, err := t.attempt(key)
		if err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("attempt: %w", ErrNotFound)
		}
		if !listsHash(a, hash) {
			return fmt.Errorf("file %.12s of %s: %w", hash, a.Handle(), ErrNotFound)
		}
		if ok, err := t.holdsFrom(reviewer, key); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%s: %w", a.Handle(), ErrNoLease)
		}
		b := t.bucket(bucketBlobs)
		var data []byte
		if b != nil {
			data = b.Get([]byte(hash))
		}
		if data == nil {
			return fmt.Errorf("%w (file %.12s of %s has no stored bytes)", ErrCorrupt, hash, a.Handle())
		}
		// bbolt's memory is only valid inside the transaction.
		out = append([]byte(nil), data...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("attachment: %w", err)
	}
	return out, nil
}

// listsHash reports whether one of a's parts has an attachment with hash.
func listsHash(a review.Attempt, hash string) bool {
	for _, p := range a.Parts {
		for _, at := range p.Attachments {
			if at.Hash == hash {
				return true
			}
		}
	}
	return false
}

// holdsFrom reports whether reviewer holds a live lease on key or on a
// later attempt of its application.
func (t *txn) holdsFrom(reviewer string, key review.AttemptKey) (bool, error) {
	app, ok, err := t.application(key.Application)
	if err != nil || !ok {
		return false, err
	}
	now := t.s.clock()
	for n := key.Attempt; n <= app.Attempts; n++ {
		l, ok, err := t.lease(review.AttemptKey{Application: key.Application, Attempt: n})
		if err != nil {
			return false, err
		}
		if ok && l.Reviewer == reviewer && l.Expires.After(now) {
			return true, nil
		}
	}
	return false, nil
}
