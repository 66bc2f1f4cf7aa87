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
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"assessor/review"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

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
	// AllowFutureImports lets an import hold times past Now (beyond
	// review.FutureSlack), which are otherwise refused as typos: for
	// tests that replay a history on a clock of their own.
	AllowFutureImports bool
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
	// Schema is what to do with a store of an older schema (migrate.go).
	Schema SchemaPolicy
	// EtcdFreelist opens bbolt as etcd does: the free list is not written
	// at each commit (NoFreelistSync) but rebuilt at open by a walk of the
	// file, and kept in a hashmap. Measured against the default in
	// docs/PERFORMANCE.md ("Free list settings"); off, the default, won.
	EtcdFreelist bool
	// CreateDir creates the store's missing parent directories (0700):
	// for the default store in the data dir, not for a path given by hand.
	CreateDir bool
	// Notify receives the one line saying a store was upgraded and where
	// its backup is; nil drops it.
	Notify func(string)
}

// Store is an open assessor store. It must be closed with Close to release
// the file lock.
type Store struct {
	db   *bolt.DB
	path string
	clk  storeClock // clock.go
	rand io.Reader
	// futureImports: Options.AllowFutureImports.
	futureImports bool

	schema int // the store's schema version (SchemaAsIs may keep an old one)
	// started: this open laid the store out in an empty file (Started).
	started bool
	// broken is the first damage met; no write after it (damage.go).
	broken atomic.Pointer[damageError]

	rubrics      decodedRubrics // decoded rubric versions (sharedRubric)
	queueEntries queueEntries   // decoded queue index entries (queue_entries.go)

	gens  writeGens // per-bucket write counts (import_snapshot.go)
	hint  claimHint // where held attempts end, for claims in one group (claim_hint.go)
	marks txMarks   // the writes that end a hint, per transaction
	// noClaimHint makes every claim walk the queue from its head: the
	// reference the claim hint's test compares with.
	noClaimHint bool
	group       groupCommit // concurrent batched writes (batch.go)
	importMu    sync.Mutex  // one Import at a time
	// Under importMu: who held a claim as the running import started, and
	// the attempts it decided that someone held (readImportLeases).
	importLeases map[string]string
	importHeld   map[review.AttemptKey]string
	importStop   func() error // the running import's Stopper, if it has one
	// importing is set while this process may have an import in chunks
	// running, or opened read-only a store that has one (import_journal.go):
	// otherwise no transaction looks for its marker.
	importing atomic.Bool
	// registeredOnly: RegisteredOnly (access.go).
	registeredOnly atomic.Bool
	importedBefore atomic.Uint64              // transactions below this id may see an ended import's marker
	notices        atomic.Pointer[noticeFunc] // OnNotice (notice.go)
	listed         listedScanner              // the listed names' scanner (feedback_shown.go)
}

// Open opens the store at path, creating the file (0600) when missing, and
// its parent directories (0700) when opt.CreateDir is set, unless
// opt.ReadOnly is set: a path in a missing folder is otherwise an error, as
// it is most likely a typo. An existing empty file is refused, never made
// into a store. It fails fast
// with an error wrapping ErrLocked when another process has the store open,
// ErrNotStore when the file is not an assessor store (the file is then left
// untouched), and ErrNewerSchema when a newer assessor wrote it. A store of
// an older schema is backed up and migrated, or refused with ErrOldSchema,
// as opt.Schema says (migrate.go). All error messages are one line naming
// path.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if !opt.ReadOnly && opt.CreateDir {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	if err := checkHeader(path, opt.ReadOnly); err != nil {
		return nil, err
	}
	if dir := filepath.Dir(path); !opt.ReadOnly {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open store %s: folder %s does not exist", path, dir)
		}
	}
	was := fileID(path)
	db, held, err := openBolt(path, opt)
	if err != nil {
		if was == nil && !opt.ReadOnly && !errors.Is(err, ErrLocked) {
			removeUnmade(path)
		}
		return nil, err
	}
	// While this process waited for the lock, the file it locked may have
	// stopped being the store at path: Compact renamed a new store over
	// it, or a command that started the store failed and removed it (a
	// write to it now would be lost). Open the file at path now; but when
	// there was a store to open and none is left, fail: a new one would
	// take its place, empty, for a command that meant to use that one.
	for try := 0; try < 3 && replaced(path, held); try++ {
		_ = db.Close()
		if was != nil && fileID(path) == nil {
			return nil, fmt.Errorf("open store %s: it was removed while this command waited for it", path)
		}
		if db, held, err = openBolt(path, opt); err != nil {
			return nil, err
		}
	}
	if !opt.ReadOnly {
		removeLeftovers(path, opt.Notify) // leftovers.go
	}
	tuneBatch(db) // batch.go
	s := &Store{db: db, path: path, clk: storeClock{now: opt.Now}, rand: opt.Rand, futureImports: opt.AllowFutureImports}
	// s.db, not db: a copy step of the upgrade reopens the file.
	if err := s.checkSchema(opt); err != nil {
		if s.started {
			_ = os.Remove(path) // ours, the lock still held: laid out, or not at all
		}
		_ = s.db.Close()
		return nil, err
	}
	if err := s.whileOpening(func() error { return s.recoverImport(opt) }); err != nil { // import_journal.go
		_ = s.db.Close()
		return nil, err
	}
	// From what the store recorded last (clock.go).
	if err := s.view(func(t *txn) error { t.readClock(); return nil }); err != nil {
		_ = s.db.Close()
		return nil, err
	}
	if opt.Notify != nil {
		for _, line := range []string{s.clockAhead(), Exposed(path)} {
			if line != "" {
				opt.Notify(line)
			}
		}
	}
	return s, nil
}

// Exposed is the one line a store file others on this machine may read or
// change says as it opens (a copy or restore made 0644), "" otherwise:
// whoever reads it holds everything in it, the identity vault included.
// Said, not mended: the mode is the admin's to choose.
func Exposed(path string) string {
	mode, ok := OthersMay(path)
	if !ok {
		return ""
	}
	return fmt.Sprintf("store %s may be read or changed by others (%04o): it holds the identity vault; chmod 600 it", path, mode)
}

// OthersMay reports whether others on this machine may read or change the
// file at path, and its mode bits: its group's or others' read or write
// bits (an execute bit alone lets no one read it). Windows keeps no such
// bits.
func OthersMay(path string) (fs.FileMode, bool) {
	fi, err := os.Stat(path)
	if err != nil || runtime.GOOS == "windows" || fi.Mode().Perm()&0o066 == 0 {
		return 0, false
	}
	return fi.Mode().Perm(), true
}

// Started reports whether this Open laid the store out in an empty file:
// the store is new, and nothing but what this process wrote since is in
// it. Decided under the store's lock, unlike a look for the file before
// the open: another process may start the store, write to it and close it
// while this one waits for the lock.
func (s *Store) Started() bool { return s.started }

// removeUnmade removes the file at path that bbolt created and could not
// make a store of (a full disk): left, it would be refused by every later
// command as an empty file, the one that created it included. A file of
// a whole bbolt header (four pages) or more is another process's, and is
// left.
func removeUnmade(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() < 4*int64(os.Getpagesize()) {
		_ = os.Remove(path)
	}
}

// openBolt opens the bbolt file, turning its errors (and a fault or panic on
// a damaged file) into one-line store errors.
func openBolt(path string, opt Options) (db *bolt.DB, held os.FileInfo, err error) {
	bo := &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly}
	bo.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		if err == nil {
			held, _ = f.Stat() // the file whose lock bolt.Open takes
		}
		return f, err
	}
	if opt.EtcdFreelist {
		bo.NoFreelistSync, bo.FreelistType = true, bolt.FreelistMapType
	}
	if !opt.ReadOnly && opt.MapSize > 0 {
		bo.InitialMmapSize = opt.MapSize
	}
	err = safely(func() (err error) { db, err = bolt.Open(path, 0o600, bo); return err })
	var p *pageError
	switch {
	case errors.As(err, &p):
		return nil, nil, damagedFile(path, p.msg)
	case err == nil:
		return db, held, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, nil, &openError{fmt.Sprintf("store %s is in use by another assessor process", path), ErrLocked}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrVersionMismatch):
		return nil, nil, notStore(path, err.Error())
	}
	return nil, nil, openFailed(path, err)
}

// openFailed is the one-line error for a store file the system would not
// open (permission denied, a read-only file system): "open store PATH:
// permission denied", the file named once rather than again by the
// *fs.PathError inside. It still matches the system error
// (fs.ErrPermission, syscall.EROFS).
func openFailed(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		err = pe.Err
	}
	return fmt.Errorf("open store %s: %w", path, err)
}

// checkSchema reads the schema version and, unless read-only, lays out a
// fresh store or migrates an older one (migrate.go). It writes only when
// there is something to do: a store of this schema with every bucket is
// only read, so read commands leave the file as it was.
func (s *Store) checkSchema(opt Options) error {
	return s.whileOpening(func() error { return s.layOut(opt) })
}

// whileOpening runs a step of Open with a damaged page or record met
// turned into the store's one line (damagedFile), not a panic: a torn page
// is likeliest after the crash that left an import to roll back.
func (s *Store) whileOpening(step func() error) error {
	err := safely(step)
	var p *pageError
	var re *recordError
	switch {
	case errors.As(err, &p):
		return damagedFile(s.path, p.msg)
	case errors.As(err, &re):
		return s.damaged(err)
	}
	return err
}

// layOut is checkSchema without the recover.
func (s *Store) layOut(opt Options) (err error) {
	var n int
	complete := false
	err = s.db.View(func(tx *bolt.Tx) error {
		var err error
		if n, err = readSchema(tx, s.path); err == nil && n == SchemaVersion {
			complete = layoutComplete(&txn{tx: tx, s: s, plain: n < schemaChecksums})
			// An import that died is rolled back first (recoverImport,
			// which then completes the layout): built now, an index would
			// count what the rollback does not take out of it again.
			_, dead := importRunning(tx)
			complete = complete || dead
		}
		return err
	})
	s.schema = n
	switch {
	case err != nil:
		return err
	case n == 0 && opt.ReadOnly:
		s.schema = SchemaVersion // empty: readers see empty buckets
		return nil
	case n == 0:
		s.schema = SchemaVersion
		return s.update(func(t *txn) error {
			if n, err := readSchema(t.tx, s.path); err != nil || n != 0 {
				return err // another process laid it out meanwhile
			}
			s.started = true
			return initSchema(t)
		})
	case n < SchemaVersion && opt.Schema == SchemaAsIs:
		return nil
	case n < SchemaVersion && (opt.ReadOnly || opt.Schema == SchemaRefuse):
		return oldSchema(s.path, n)
	case n < SchemaVersion:
		// An import that died before the upgrade is rolled back after it
		// (recoverImport); meanwhile the steps' transactions hide it, as
		// every other transaction does, and rewrite nothing of it.
		if err := s.db.View(func(tx *bolt.Tx) error {
			_, running := importRunning(tx)
			s.importing.Store(running)
			return nil
		}); err != nil {
			return err
		}
		if err := s.migrate(n, opt); err != nil {
			return err
		}
		s.schema = SchemaVersion
		return nil
	case complete || opt.ReadOnly:
		return nil
	}
	// A store of this schema that lacks a bucket or an index: a build
	// added one to bucketNames without its migration step. Add it.
	return s.update(completeLayout)
}

// Close releases the file lock. It waits for running transactions to end;
// the Store must not be used afterwards (methods then fail with ErrClosed).
func (s *Store) Close() error { return s.db.Close() }

// ReadOnly reports whether the store was opened with Options.ReadOnly.
func (s *Store) ReadOnly() bool { return s.db.IsReadOnly() }

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// update runs fn as one read-write transaction on a txn, then writes back
// the running tallies fn touched, in the same transaction.
func (s *Store) update(fn func(t *txn) error) error {
	return s.guard(func() error { return s.txError(s.db.Update(s.write(fn))) }) // batch.go
}

// view runs fn as one read-only transaction on a txn.
func (s *Store) view(fn func(t *txn) error) error {
	return s.guard(func() error {
		return s.txError(s.db.View(func(tx *bolt.Tx) error { return fn(s.newTxn(tx)) }))
	})
}

// txError maps bbolt's errors about the database as a whole to ours.
func (s *Store) txError(err error) error {
	switch {
	case errors.Is(err, berrors.ErrDatabaseReadOnly):
		return fmt.Errorf("store %s: %w", s.path, ErrReadOnly)
	case errors.Is(err, berrors.ErrDatabaseNotOpen):
		return fmt.Errorf("store %s: %w", s.path, ErrClosed)
	case errors.Is(err, ErrCorrupt):
		return s.damaged(err)
	case errors.Is(err, syscall.ENOSPC) && s.onStoreFile(err):
		return fmt.Errorf("store %s: %w", s.path, ErrDiskFull)
	}
	return err
}

// onStoreFile reports whether err is about the store's own file, as a
// commit's write is, and not another file a transaction wrote to (a
// backup's copy), whose full disk is no change the store refused. bbolt's
// syncs of its file return the bare errno, with no path.
func (s *Store) onStoreFile(err error) bool {
	var pe *fs.PathError
	return !errors.As(err, &pe) || pe.Path == s.db.Path()
}

// clock is the store's now in UTC, the zone every stored time is in; it
// does not go back by up to maxCarry (storeClock).
func (s *Store) clock() time.Time { return s.clk.read() }
