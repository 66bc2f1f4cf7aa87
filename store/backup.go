package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// ErrBackupOverStore means a backup was asked to overwrite the store it
// copies.
var ErrBackupOverStore = errors.New("backup file is the store itself")

// Backup writes a consistent copy of the whole store to w and returns the
// bytes written. The copy is the store as of one moment: it is written
// inside one read transaction, so decisions, drafts and imports committed
// meanwhile by other goroutines are either wholly in it or wholly absent,
// and none of them waits for the copy. The bytes are a complete bbolt
// file: restoring is copying them back over the store file while no
// process has it open.
//
// A damaged store is refused with ErrCorrupt, so a bad copy never replaces
// a good backup: the copy is first written to a temporary file beside the
// store (0600) and checked there with bbolt's consistency check
// (pageProblems) and every record's checksum (record.go), where no writer
// can be, so reviewers' writes never wait for the check; then it is copied
// to w. Use BackupForce to copy a damaged store anyway, straight to w.
//
// While the copy runs, a writer that must grow the file (a large import)
// waits for it to finish, as bbolt cannot remap the file under an open read
// transaction. Backup is safe for concurrent use. Over `assessor serve`,
// which holds the store's lock, this is the only way to back up: no other
// process can open the file.
func (s *Store) Backup(w io.Writer) (int64, error) { return s.backup(w, func() {}) }

// BackupForce is Backup without the consistency check: the bytes as they
// are, to rescue what a damaged store still holds.
func (s *Store) BackupForce(w io.Writer) (int64, error) { return s.copyTo(w) }

// BackupAs is Backup, or BackupForce if force, that records in the audit
// log that by took the copy to dest just before its first byte goes to w:
// bytes that leave are on record however the copy ends (the reader gone,
// the process killed by SIGPIPE), and a copy refused as damaged is not.
// A forced copy is recorded after it, when some of it went: the store may
// be damaged, and writing the record to it first could fail or crash the
// process before the rescue leaves. The record failing (RecordBackup) does
// not stop the copy: recErr says so.
func (s *Store) BackupAs(w io.Writer, force bool, by, dest string) (n int64, recErr, err error) {
	if force {
		if n, err = s.copyTo(w); n > 0 {
			recErr = s.recordRescue(by, dest)
		}
		return n, recErr, err
	}
	n, err = s.backup(w, func() { recErr = s.RecordBackup(by, dest) })
	return n, recErr, err
}

// backup copies the store to w, calling start, outside any transaction,
// once the copy is known good and before its first byte is written.
func (s *Store) backup(w io.Writer, start func()) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*.check")
	if err != nil {
		// No room beside the store (a read-only folder): check the store
		// itself, holding writers off meanwhile, then copy.
		return s.verifiedCopy(w, start)
	}
	defer os.Remove(f.Name())
	defer f.Close()
	check := &writeErr{w: f}
	if _, err := s.copyTo(check); err != nil {
		if check.err != nil {
			// The disk beside the store is full, which is when a copy
			// elsewhere is most wanted: check the store itself instead.
			return s.verifiedCopy(w, start)
		}
		return 0, err
	}
	if err := s.verifyCopy(f.Name(), backupAdvice); err != nil {
		return 0, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, fmt.Errorf("backup %s: %w", s.path, err)
	}
	start()
	n, err := io.Copy(w, f)
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", s.path, err)
	}
	return n, nil
}

// verifiedCopy checks the store itself, holding writers off meanwhile,
// then calls start and copies it to w.
func (s *Store) verifiedCopy(w io.Writer, start func()) (int64, error) {
	if err := s.verify(); err != nil {
		return 0, err
	}
	start()
	return s.copyTo(w)
}

// writeErr is w, keeping the first error a write returned.
type writeErr struct {
	w   io.Writer
	err error
}

func (e *writeErr) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil && e.err == nil {
		e.err = err
	}
	return n, err
}

// copyTo writes the store's bytes to w from one read transaction.
func (s *Store) copyTo(w io.Writer) (int64, error) {
	var n int64
	err := s.guard(func() error {
		return s.txError(s.db.View(func(tx *bolt.Tx) error {
			var err error
			n, err = tx.WriteTo(w)
			return err
		}))
	})
	if err != nil {
		return n, fmt.Errorf("backup %s: %w", s.path, err)
	}
	return n, nil
}

// verifyCopy runs bbolt's consistency check on a copy of the store at path,
// which no other process has open, and reports damage as the store's, with
// advice on what to do (backupAdvice).
func (s *Store) verifyCopy(path string, advice advice) error {
	problems, _ := copySchemaProblems(path)
	return s.corruptIf(problems, advice)
}

// copySchemaProblems is fileProblems of the copy at path, which no other
// process has open (bbolt's check needs a writable open), and the schema
// the copy says it has.
func copySchemaProblems(path string) (problems []string, schema int) {
	err := safely(func() error {
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			return err
		}
		defer db.Close()
		tx, err := db.Begin(true) // rolled back: writes nothing
		if err != nil {
			return err
		}
		defer tx.Rollback()
		problems = fileProblems(tx, path)
		schema, _ = readSchema(tx, path)
		return nil
	})
	if err != nil {
		problems = []string{"bbolt: " + err.Error()}
	}
	return problems, schema
}

// verify is ErrCorrupt, naming the first problem and how many there are,
// when the file fails bbolt's consistency check or a record its checksum.
func (s *Store) verify() error {
	var problems []string
	err := s.guard(func() error {
		tx, err := s.db.Begin(!s.db.IsReadOnly())
		if err != nil {
			return s.txError(err)
		}
		defer tx.Rollback()
		problems = fileProblems(tx, s.path)
		return nil
	})
	if err != nil {
		return err
	}
	return s.corruptIf(problems, backupAdvice)
}

// backupAdvice is what a backup refused for damage may do instead.
var backupAdvice = advice{check: "check", then: "; backup --force copies it anyway"}

// advice is what to do about damage: the command, after "assessor", that
// lists it, then more.
type advice struct{ check, then string }

// corruptIf is ErrCorrupt naming the first of problems, their number and
// what to do (a review.Mend, so a server can name the command as its
// users run it), nil for none.
func (s *Store) corruptIf(problems []string, a advice) error {
	if len(problems) > 0 {
		return s.damaged(review.Mendf(a.check, "", "%w: %s (%s; %s lists them"+a.then+")", ErrCorrupt, problems[0], review.Count(len(problems), "problem", "problems")))
	}
	return nil
}

// BackupFile writes a consistent copy of the store (see Backup; force is
// BackupForce) to path, atomically: to a temporary file in path's folder
// first, synced to disk, then renamed over path, so path is always either
// the previous file or a complete backup, even if the process dies midway.
// The temporary file gets a fresh random name and is created exclusively
// (O_EXCL, 0600: it holds the identity vault), so a file or symlink
// another user planted beside path is neither followed nor reused; the
// rename replaces a symlink at path itself rather than writing through it.
// It refuses to overwrite the store itself.
func (s *Store) BackupFile(path string, force bool) (int64, error) {
	return s.backupFile(path, force)
}

func (s *Store) backupFile(path string, force bool) (int64, error) {
	if same, err := samePath(s.path, path); err != nil {
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	} else if same {
		return 0, fmt.Errorf("backup to %s: %w", path, ErrBackupOverStore)
	}
	// Checked first: the copy would be made, then fail to take the
	// folder's name ("rename …: file exists").
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return 0, fmt.Errorf("backup to %s: it is a folder: name a file in it, such as %s", path, filepath.Join(path, filepath.Base(s.path)))
	} else if err == nil && !fi.Mode().IsRegular() {
		// The copy would take its name: a pipe's reader would wait for
		// ever, and root's backup to /dev/null would replace the device.
		return 0, fmt.Errorf("backup to %s: it is not a regular file (%s): name a file, or use backup - to write to standard output", path, FileKind(fi.Mode()))
	}
	var n int64
	err := writeAtomicAs(path, backupTemp(path), func(f *os.File) error {
		var err error
		if n, err = s.copyTo(f); err != nil || force {
			return err
		}
		return s.verifyCopy(f.Name(), backupAdvice)
	})
	if err != nil {
		var d *damageError
		if errors.As(err, &d) {
			return 0, err
		}
		return 0, fmt.Errorf("backup to %s: %w", path, err)
	}
	return n, nil
}

// writeAtomic writes path through write: into a temporary file created
// exclusively (0600, a random name, never an existing file or symlink) in
// path's folder, synced, renamed over path, the folder synced.
func writeAtomic(path string, write func(*os.File) error) error {
	return writeAtomicAs(path, "."+filepath.Base(path)+".*.tmp", write)
}

// writeAtomicAs is writeAtomic with the temporary file named by pattern
// (os.CreateTemp's).
func writeAtomicAs(path, pattern string, write func(*os.File) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, pattern)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("folder %s does not exist", dir) // not the temporary file's name
	}
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(0o600) // CreateTemp's 0600 less the umask: never more
	if err == nil {
		err = write(f)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	// The rename is durable only once the directory entry is on disk.
	return syncDir(dir)
}

// backupTemp is the os.CreateTemp pattern of a backup's temporary file
// beside path: ".BASE.p<pid>-NNN.tmp", naming the process that writes it,
// so that a later backup can tell a killed one's (RemoveStaleBackups).
func backupTemp(path string) string {
	return "." + filepath.Base(path) + ".p" + strconv.Itoa(os.Getpid()) + "-*.tmp"
}

// RemoveStaleBackups removes the temporary files that backups to path,
// killed midway, left beside it (backupTemp; the store's own leftovers go
// at its next open, leftovers.go). Each is a whole copy of the store,
// identities included, in the backups' folder, which no open of the store
// sweeps. A file whose writer still runs is left alone, as is every one
// where that cannot be told. It returns how many it removed.
func RemoveStaleBackups(path string) int {
	dir, base := filepath.Split(path)
	match := []namePattern{{"." + base + ".", backupRest}}
	return removeStale(dir, match, func(sub []string) bool {
		pid, err := strconv.Atoi(sub[1])
		return err == nil && !Running(pid)
	})
}

var backupRest = regexp.MustCompile(`^p([0-9]+)-[0-9]+\.tmp$`)

// samePath reports whether a and b name the same file: the same cleaned
// absolute path, or, when both exist, the same inode (links, bind mounts).
func samePath(a, b string) (bool, error) {
	absA, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	absB, err := filepath.Abs(b)
	if err != nil {
		return false, err
	}
	if absA == absB {
		return true, nil
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb), nil
}

// syncDir fsyncs a directory so a rename inside it survives a crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
