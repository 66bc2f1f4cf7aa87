// Reading the evidence files an import names from a folder on disk,
// checked against the store's size limits before its transaction.

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

// loadFiles reads every file the named submissions name through open, before the
// store's transaction: file I/O belongs here, and a missing or oversized
// file is reported as FILE:LINE: parts[i].files[j]: … without touching the
// store. where says where the files were looked for ("evidence/", "the
// bundle"). Each file is read once however many submissions name it; the
// store checks the per-attempt limit.
func loadFiles(file, where string, named eachRecord, open func(name string) ([]byte, error)) (store.Files, error) {
	out := store.Files{}
	err := namedFiles(file, where, named, func(name string) error {
		data, err := open(name)
		out[name] = data
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
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
					return lineErr(fmt.Errorf("%q: %w", name, err))
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
					return lineErr(fmt.Errorf("%s: no such file in %s%s", name, in, folderTwice(where, name)))
				case err != nil:
					return lineErr(err)
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
	return fmt.Sprintf(" (names are read inside that folder, so this is %s: name it %s, or import with --files %s)",
		filepath.Join(where, name), rest, filepath.Dir(filepath.Clean(where)))
}

// dirFiles opens evidence files in dir through an os.Root, so neither ".."
// nor a symbolic link can reach outside it, refusing a file over the
// per-file limit unread. The folder is opened at the first file; close
// releases it.
func dirFiles(dir string, limits review.FileLimits) (open func(string) ([]byte, error), close func()) {
	var root *os.Root
	open = func(name string) ([]byte, error) {
		if root == nil {
			var err error
			if root, err = os.OpenRoot(dir); err != nil {
				return nil, fmt.Errorf("%s: files folder: %w (give another with --files DIR, or --no-files)", name, err)
			}
		}
		return readLimited(root, name, limits)
	}
	return open, func() {
		if root != nil {
			root.Close()
		}
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
		return nil, fmt.Errorf("%s: not a regular file (%s)", name, fileKind(info.Mode()))
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
		return nil, fmt.Errorf("%s: not a regular file (%s)", name, fileKind(info.Mode()))
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

// fileKind names what a file that is not regular is.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsDir():
		return "a directory"
	}
	return m.Type().String()
}
