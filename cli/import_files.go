// Reading the evidence files an import names from a folder on disk:
// checked against the store's size limits before its transaction, read
// as the store stores each attempt.

package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"golang.org/x/text/unicode/norm"

	"assessor/review"
	"assessor/store"
)

// filesDir is the folder an import's evidence files are read from: dir
// when given, else the JSONL file's own folder, else (stdin) the current
// folder.
func filesDir(name, dir string) string {
	switch {
	case dir != "":
		return dir
	case name == "-":
		return "."
	}
	return filepath.Dir(name)
}

// dirEvidence checks every evidence file the named submissions name in
// dir, before the store's transaction and unread: a missing, irregular or
// oversized file is reported as FILE:LINE: parts[i].files[j]: … without
// touching the store. The files are then read one by one as the store
// stores the attempts that name them (dirSource), so an import holds no
// more of them than its window of attempts, as a bundle's spool does. The
// source is nil when no file is named; close releases the folder.
func dirEvidence(file, dir string, named eachRecord, limits review.FileLimits) (src store.FileSource, close func(), err error) {
	d := &dirSource{dir: dir, limits: limits}
	n := 0
	err = namedFiles(file, dir, named, func(name string) error {
		n++
		return d.check(name)
	})
	if err != nil || n == 0 {
		d.close()
		return nil, func() {}, err
	}
	return d, d.close, nil
}

// namedFiles checks every evidence file the records name, each distinct
// name once: its name, then check, which returns fs.ErrNotExist for a file
// that is not in where; an error names the file's line and field.
func namedFiles(file, where string, named eachRecord, check func(name string) error) error {
	seen := map[string]bool{}
	return named(func(rec review.Record) error {
		for i, p := range rec.Submission.Parts {
			for j, name := range p.Files {
				lineErr := func(err error) error {
					return &review.LineError{File: file, Line: rec.Line, Field: fmt.Sprintf("parts[%d].files[%d]", i, j), Err: err}
				}
				if err := review.CheckFileName(name); err != nil {
					return lineErr(fmt.Errorf("%s: %w", review.Quoted(name), err))
				}
				if seen[name] {
					continue
				}
				seen[name] = true
				switch err := check(name); {
				case errors.Is(err, fs.ErrNotExist):
					in := where
					if filepath.Clean(where) == "." {
						in = "the current folder (--files names another)"
					}
					return lineErr(fmt.Errorf("%s: no such file in %s%s", review.Quoted(name), in, folderTwice(where, name)))
				case err != nil:
					return lineErr(review.CutPathError(err))
				}
			}
		}
		return nil
	})
}

// folderTwice is the hint for a name that starts with the files folder's
// own name ("evidence/plan.pdf" read in evidence/): it is read inside it,
// so the folder is named twice.
func folderTwice(where, name string) string {
	dir := filepath.Base(filepath.Clean(where))
	rest, ok := strings.CutPrefix(name, dir+"/")
	if !ok || dir == "." || dir == "/" {
		return ""
	}
	if len(name) > review.MaxQuoted { // not repeated whole, as the error line quotes it cut
		return fmt.Sprintf(" (names are read inside that folder: name it without %s, or import with --files %s)",
			review.Quoted(dir+"/"), filepath.Dir(filepath.Clean(where)))
	}
	return fmt.Sprintf(" (names are read inside that folder, so this is %s: name it %s, or import with --files %s)",
		filepath.Join(where, name), rest, filepath.Dir(filepath.Clean(where)))
}

// dirSource is an import's evidence files in a folder, opened through an
// os.Root, so neither ".." nor a symbolic link can reach outside it. The
// folder is opened at the first file checked; every name is checked
// (dirEvidence) before the store opens one, possibly from more than one
// goroutine, which an os.Root allows.
type dirSource struct {
	dir    string
	limits review.FileLimits
	root   *os.Root
}

// openRoot opens the folder once, naming the file that needed it.
func (d *dirSource) openRoot(name string) error {
	if d.root != nil {
		return nil
	}
	root, err := os.OpenRoot(d.dir)
	if err != nil {
		return fmt.Errorf("%s: files folder: %w (give another with --files DIR, or --no-files)", review.Quoted(name), err)
	}
	d.root = root
	return nil
}

// check refuses a file unread: missing (fs.ErrNotExist), not a regular
// file, or over the per-file limit. Stat does not open it, so a FIFO
// cannot block.
func (d *dirSource) check(name string) error {
	if err := d.openRoot(name); err != nil {
		return err
	}
	info, err := d.root.Stat(d.onDisk(name))
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("%s: not a regular file (%s)", review.Quoted(name), store.FileKind(info.Mode()))
	}
	return d.limits.CheckFile(name, info.Size(), 0)
}

// Open reads one checked file from the folder, for the store as it stores
// the attempt naming it: it implements store.FileSource.
func (d *dirSource) Open(name string) ([]byte, error) {
	if d.root == nil { // not checked: dirEvidence refuses before any Open
		return nil, fmt.Errorf("%s: %w", review.Quoted(name), fs.ErrNotExist)
	}
	return readLimited(d.root, d.onDisk(name), d.limits)
}

// onDisk is the name the folder holds name under: name, else name in the
// other Unicode form when the folder holds that one (otherForm).
func (d *dirSource) onDisk(name string) string {
	if _, err := d.root.Lstat(name); !errors.Is(err, fs.ErrNotExist) {
		return name
	}
	if other, ok := otherForm(name, func(n string) bool { _, err := d.root.Lstat(n); return err == nil }); ok {
		return other
	}
	return name
}

// otherForm is name in the other Unicode form, when holds finds it there.
// macOS writes names decomposed (NFD) and JSON from a web form holds them
// composed (NFC); both are drawn alike, but a folder's file system or a
// bundle's tar entries may tell them apart.
func otherForm(name string, holds func(string) bool) (string, bool) {
	for _, form := range []norm.Form{norm.NFC, norm.NFD} {
		if other := form.String(name); other != name && holds(other) {
			return other, true
		}
	}
	return "", false
}

// close releases the folder.
func (d *dirSource) close() {
	if d.root != nil {
		d.root.Close()
	}
}

// readLimited reads one regular file, refusing it unread when its size is
// over the per-file limit. A FIFO or device is refused before it is
// opened (Lstat: opening a FIFO waits for a writer, with the store locked),
// and the open itself does not block (O_NONBLOCK), in case the name is
// swapped for one in between; the open file is checked again.
func readLimited(root *os.Root, name string, limits review.FileLimits) ([]byte, error) {
	if info, err := root.Lstat(name); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0 {
		return nil, fmt.Errorf("%s: not a regular file (%s)", review.Quoted(name), store.FileKind(info.Mode()))
	}
	f, err := root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file (%s)", review.Quoted(name), store.FileKind(info.Mode()))
	}
	if err := limits.CheckFile(name, info.Size(), 0); err != nil {
		return nil, err
	}
	// Read no more than the limit allows, in case the file grows meanwhile;
	// the store then refuses it by its size.
	n := info.Size() + 1
	if limits.PerFile > 0 {
		n = min(n, limits.PerFile+1)
	}
	return io.ReadAll(io.LimitReader(f, n))
}
