package store

import "errors"

// Errors returned by Open. Each is wrapped in a one-line message naming the
// store's path; test for them with errors.Is.
var (
	// ErrLocked means another process holds the store open for writing.
	// bbolt allows one writing process per file, so a second one fails fast
	// instead of waiting.
	ErrLocked = errors.New("store is in use by another assessor process")

	// ErrNotStore means the file is not an assessor store: not a bbolt
	// database, truncated, damaged, or a bbolt database of another program.
	// Open never writes to such a file.
	ErrNotStore = errors.New("not an assessor store")

	// ErrNewerSchema means the store was written by a newer assessor whose
	// schema this build cannot read.
	ErrNewerSchema = errors.New("store written by a newer assessor")
)

// Errors returned by the other methods, wrapped with context.
var (
	// ErrNotFound means the rubric, application, attempt, reviewer or vault
	// entry asked for does not exist.
	ErrNotFound = errors.New("not found")

	// ErrRubricChanged means a rubric id and version is already stored with
	// different content: a changed rubric needs a new version.
	ErrRubricChanged = errors.New("already stored with different content")

	// ErrInvalid means an argument breaks the data contract (docs/formats.md),
	// such as a malformed id or an unknown role.
	ErrInvalid = errors.New("invalid")

	// ErrExampleExists means the attempt is a calibration example already.
	ErrExampleExists = errors.New("reviewers' scores of it are compared with its reference levels")

	// ErrNotRegistered means a store that serves only registered
	// reviewers (RegisteredOnly) was asked to act for one it does not
	// list, or lists with no key to sign in with.
	ErrNotRegistered = errors.New("not a registered reviewer")

	// ErrNoReviewer means a reviewer id was required but empty.
	ErrNoReviewer = errors.New("reviewer id required")

	// ErrReadOnly means a change was asked of a store opened read-only.
	ErrReadOnly = errors.New("store is open read-only")

	// ErrDiskFull means a change met a full disk. bbolt writes a commit's
	// pages before the page that makes them the store's, so the store
	// still holds what it held before (an import's earlier chunks are
	// rolled back as after a crash).
	ErrDiskFull = errors.New("the disk is full: nothing of this change was stored; free some space and run it again")

	// ErrClosed means the store was used after Close.
	ErrClosed = errors.New("store is closed")

	// ErrCorrupt means a stored value could not be decoded, or bbolt met
	// a damaged page. Store methods wrap it in one line naming the file
	// and saying to restore from a backup (damage.go).
	ErrCorrupt = errors.New("damaged")
)

// openError is a one-line message about the store file that still matches
// its kind with errors.Is.
type openError struct {
	msg  string
	kind error
}

func (e *openError) Error() string { return e.msg }
func (e *openError) Unwrap() error { return e.kind }
