// An import's input in two passes (store/import_file.go): FILE is indexed
// once, before the store is opened, and its records are read again from
// it as the import goes; stdin is spooled to a private temporary file
// first, so that it can be read twice.

package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"assessor/store"
)

// spoolHook, when set (tests only), sees each stdin spool once it is
// written.
var spoolHook func(f *os.File)

// indexInput is pass 1 over FILE, or over stdin for "-": the index the
// import reads its records from. done closes the input and removes a
// spool; it is called on every path, errors included. spoolDir is where
// stdin is spooled ("" for $TMPDIR).
func indexInput(name string, stdin io.Reader, spoolDir string) (idx *store.ImportFile, done func(), err error) {
	var f *os.File
	if name == "-" {
		if f, done, err = spool("stdin", stdin, spoolDir, maxImportStdin); err != nil {
			return nil, nil, err
		}
	} else {
		if f, err = os.Open(name); err != nil {
			return nil, nil, err
		}
		done = func() { f.Close() }
	}
	fail := func(err error) (*store.ImportFile, func(), error) {
		done()
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		return fail(err)
	}
	if info.IsDir() {
		return fail(fmt.Errorf("%s: a folder, not a JSON Lines file", name))
	}
	if !info.Mode().IsRegular() {
		// A pipe or device (import /dev/stdin) cannot be read twice:
		// spooled like stdin, under the same limit, its errors naming it.
		sf, sdone, err := spool(displayName(name), f, spoolDir, maxImportStdin)
		f.Close()
		if err != nil {
			return nil, nil, err
		}
		if info, err = sf.Stat(); err != nil {
			sdone()
			return nil, nil, err
		}
		f, done = sf, sdone
	}
	if gzipped(f) {
		return fail(fmt.Errorf("%s: gzip-compressed, not JSON Lines: gunzip it first (a bundle made with tar -czf: make it with tar -cf and import it with --tar)", displayName(name)))
	}
	size, mtime := info.Size(), info.ModTime()
	idx, err = store.ReadImportFile(displayName(name), f, size, store.ImportFileOptions{
		MaxLine: maxLine, MaxLineText: humanBytes(maxLine),
		Changed: func() error { return unchanged(displayName(name), f, size, mtime) },
	})
	if err != nil {
		return fail(err)
	}
	return idx, done, nil
}

// gzipMagic starts every gzip file (RFC 1952).
var gzipMagic = []byte{0x1f, 0x8b}

// gzipped reports whether r, an input, starts as gzip does: import names
// that, where its reading fails on line 1 or as no tar. Compressed input
// is refused rather than read, so no limit has to hold against what it
// would unpack to.
func gzipped(r io.ReaderAt) bool {
	head := make([]byte, len(gzipMagic))
	n, _ := r.ReadAt(head, 0)
	return bytes.Equal(head[:n], gzipMagic)
}

// unchanged fails when f's size or modification time is no longer what
// pass 1 read.
func unchanged(name string, f *os.File, size int64, mtime time.Time) error {
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if info.Size() != size || !info.ModTime().Equal(mtime) {
		return fmt.Errorf("%s: the file changed while it was imported; nothing of it was stored: import it again", name)
	}
	return nil
}

// spool copies r, up to limit bytes, into a new temporary file (mode
// 0600, in dir or $TMPDIR) and returns it open; done closes and removes
// it. Past the limit it fails at once, leaving nothing behind. Its errors
// name the input name ("stdin", or a pipe's path).
func spool(name string, r io.Reader, dir string, limit int64) (*os.File, func(), error) {
	f, done, err := newSpool(dir, store.ImportSpool+"*.jsonl")
	if err != nil {
		return nil, nil, fmt.Errorf("%s: spool: %w", name, err)
	}
	if _, err := io.Copy(f, limitedInput(name, r, limit)); err != nil {
		done()
		var pe *os.PathError
		if errors.As(err, &pe) { // the spool's own write
			return nil, nil, fmt.Errorf("%s: spool: %w", name, err)
		}
		return nil, nil, err
	}
	if spoolHook != nil {
		spoolHook(f)
	}
	return f, done, nil
}

// newSpool creates a private temporary file (0600) in dir ($TMPDIR for ""
// or when dir may not be written) for an import to spool its input into,
// and removes its name at once where the system allows it (Unix). Read through the open file, a spool
// needs no name: a killed import leaves nothing beside the store, no
// other command takes a running import's spool for a crash's leftover,
// and nobody else can open it. Where the name cannot go while the file is
// open, done removes it, or a killed import's is swept by the next open
// (store.ImportSpool).
func newSpool(dir, pattern string) (*os.File, func(), error) {
	f, err := os.CreateTemp(dir, pattern)
	if errors.Is(err, fs.ErrPermission) && dir != "" {
		// A store may be writable in a folder that is not: $TMPDIR then.
		f, err = os.CreateTemp("", pattern)
	}
	if err != nil {
		return nil, nil, err
	}
	named := os.Remove(f.Name()) != nil
	return f, func() {
		f.Close()
		if named {
			os.Remove(f.Name())
		}
	}, nil
}

// spoolDir is where stdin is spooled: the store's folder when it exists
// (room for the store means room for its input), else $TMPDIR.
func (g *globals) spoolDir() string {
	path := g.storePath(defaultStoreName)
	if g.served != nil {
		path = g.served.store.Path() // the store serve holds, not the default one
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err == nil && info.IsDir() {
		return dir
	}
	return ""
}
