// Package store keeps assessor's data in one bbolt file: rubrics,
// applications and their attempts, decisions with their history, the review
// queue, leases, drafts, reviewers, and the identity vault. It is the only
// package that touches the disk; bucket names and key encodings live in
// keys.go.
//
// A *Store is safe for concurrent use by many goroutines. Every method that
// changes data is exactly one bbolt read-write transaction, so a change is
// stored whole or not at all, and bbolt runs such transactions one at a
// time (claims, draft saves and decisions made at the same moment share one,
// each still all or nothing: batch.go); read methods see a consistent
// snapshot.
package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout version this build writes, stored in bucket
// meta under key schema. A store with a higher version is refused.
const SchemaVersion = 1

// DefaultTimeout is how long Open waits for another process's lock.
const DefaultTimeout = time.Second

// Options configures Open. The zero value is ready to use.
type Options struct {
	// Timeout is how long to wait for the file lock held by another
	// process before failing with ErrLocked; zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the clock for leases, drafts and decisions; nil means
	// time.Now. It may be called from several goroutines at once.
	Now func() time.Time
	// Rand is the source of pseudonyms; nil means crypto/rand. It is read
	// only inside write transactions, which bbolt runs one at a time, so
	// it need not be safe for concurrent use. Demos pass a seeded one.
	Rand io.Reader
	// ReadOnly opens the store without writing: it takes a shared lock,
	// creates nothing, and every change fails with ErrReadOnly.
	ReadOnly bool
	// MapSize is how much of the file to map up front (bbolt's
	// InitialMmapSize), for a bulk import such as gen's: a store that grows
	// within it is never remapped mid-commit, which costs a copy of every
	// page the transaction has touched. Mapped but unread pages take
	// address space, not memory. Zero maps just the file, and so does a
	// read-only open. Mapping ahead changes how the file grows: past the
	// first 16 MiB, bbolt extends it 16 MiB at a time, so a small store
	// opened this way takes 16 MiB on disk.
	MapSize int
}

// Store is an open assessor store. It must be closed with Close to release
// the file lock.
type Store struct {
	db   *bolt.DB
	path string
	now  func() time.Time
	rand io.Reader

	rubrics decodedRubrics // decoded rubric versions (sharedRubric)
}

// Open opens the store at path, creating its parent directories (0700) and
// the file (0600) when missing, unless opt.ReadOnly is set. It fails fast
// with an error wrapping ErrLocked when another process has the store open,
// ErrNotStore when the file is not an assessor store (the file is then left
// untouched), and ErrNewerSchema when a newer assessor wrote it. All error
// messages are one line naming path.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	if err := checkHeader(path, opt.ReadOnly); err != nil {
		return nil, err
	}
	db, err := openBolt(path, opt)
	if err != nil {
		return nil, err
	}
	tuneBatch(db) // batch.go
	s := &Store{db: db, path: path, now: opt.Now, rand: opt.Rand}
	if err := s.checkSchema(opt.ReadOnly); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// openBolt opens the bbolt file, turning its errors (and a fault or panic on
// a damaged file) into one-line store errors.
func openBolt(path string, opt Options) (db *bolt.DB, err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, notStore(path, fmt.Sprintf("damaged: %v", r))
		}
	}()
	bo := &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly}
	if !opt.ReadOnly && opt.MapSize > 0 {
		bo.InitialMmapSize = opt.MapSize
	}
	db, err = bolt.Open(path, 0o600, bo)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, &openError{fmt.Sprintf("store %s is in use by another assessor process", path), ErrLocked}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return nil, notStore(path, err.Error())
	}
	return nil, fmt.Errorf("open store %s: %w", path, err)
}

// checkSchema reads the schema version and, unless read-only, creates the
// buckets and writes the version of a fresh store, and builds the minute
// level of the turnaround index of a store that lacks it. It writes only
// when there is something to create: nothing is written unless the file is
// a fresh or readable assessor store that lacks a bucket.
func (s *Store) checkSchema(readOnly bool) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = notStore(s.path, fmt.Sprintf("damaged: %v", r))
		}
	}()
	check := func(tx *bolt.Tx) (fresh bool, err error) {
		meta := tx.Bucket([]byte(bucketMeta))
		if meta == nil {
			other := tx.ForEach(func([]byte, *bolt.Bucket) error { return ErrNotStore })
			if other != nil {
				return false, notStore(s.path, "it holds another program's data")
			}
			return true, nil
		}
		v := meta.Get([]byte(keySchema))
		n, err := strconv.Atoi(string(v))
		switch {
		case err != nil || n < 1:
			return false, notStore(s.path, fmt.Sprintf("bad schema version %q", v))
		case n > SchemaVersion:
			return false, &openError{fmt.Sprintf("store %s was written by a newer assessor (schema %d; this build reads up to %d): upgrade assessor", s.path, n, SchemaVersion), ErrNewerSchema}
		}
		return false, nil
	}
	// Most opens change nothing: read first, and write (one fsync) only
	// for a fresh store or one that lacks a bucket, so read-only commands
	// leave the file as it was.
	write := false
	err = s.db.View(func(tx *bolt.Tx) error {
		fresh, err := check(tx)
		if err != nil {
			return err
		}
		write = fresh || tx.Bucket([]byte(bucketMeta)).Get([]byte(keyTurnaroundMinutes)) == nil
		for _, name := range bucketNames() {
			write = write || tx.Bucket([]byte(name)) == nil
		}
		return nil
	})
	if err != nil || readOnly || !write {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		fresh, err := check(tx)
		if err != nil {
			return err
		}
		for _, name := range bucketNames() {
			if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		// A store from before the minute level of the turnaround index
		// gets it now, built from its fine keys (median.go): once.
		if tx.Bucket([]byte(bucketMeta)).Get([]byte(keyTurnaroundMinutes)) == nil {
			if err := buildMinutes(tx); err != nil {
				return err
			}
		}
		if fresh {
			return tx.Bucket([]byte(bucketMeta)).Put([]byte(keySchema), []byte(strconv.Itoa(SchemaVersion)))
		}
		return nil
	})
}

// Close releases the file lock. It waits for running transactions to end;
// the Store must not be used afterwards (methods then fail with ErrClosed).
func (s *Store) Close() error { return s.db.Close() }

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// update runs fn as one read-write transaction on a txn, then writes back
// the running tallies fn touched, in the same transaction.
func (s *Store) update(fn func(t *txn) error) error {
	return s.txError(s.db.Update(s.write(fn))) // batch.go
}

// view runs fn as one read-only transaction on a txn.
func (s *Store) view(fn func(t *txn) error) error {
	return s.txError(s.db.View(func(tx *bolt.Tx) error { return fn(&txn{tx: tx, s: s}) }))
}

// txError maps bbolt's errors about the database as a whole to ours.
func (s *Store) txError(err error) error {
	switch {
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return fmt.Errorf("store %s: %w", s.path, ErrReadOnly)
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return fmt.Errorf("store %s: %w", s.path, ErrClosed)
	}
	return err
}

// clock is the store's now in UTC, the zone every stored time is in.
func (s *Store) clock() time.Time { return s.now().UTC() }
