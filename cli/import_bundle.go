// Reading an import bundle: a tar stream of one JSON Lines file and the
// evidence files it names, which is how files reach a served store.

package cli

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"assessor/review"
	"assessor/store"
)

// Bounds of an import bundle. The bundle itself is spooled to a private
// temporary file (at most maxBundle bytes): evidence is read from there as
// the import stores it, and only the index of its entries stays in memory,
// the names bounded here. A name longer than maxBundleName is no file path
// any system makes.
const (
	maxBundle      = 1 << 30
	maxBundleName  = 4 << 10
	maxBundleNames = 16 << 20 // the index: all entries' names, and bundleEntryCost each
	// bundleEntryCost is what an entry holds in the index beside its name
	// (its map slot, offsets, cleaned path): a million empty names would
	// otherwise cost 80 MiB under a cap of names alone.
	bundleEntryCost = 96
)

// bundle is an import bundle, spooled and indexed: one JSON Lines file
// from the top of a tar stream and the other files beside it, by path
// relative to the top (the files folder of the JSONL file).
type bundle struct {
	spool  *os.File
	close  func()                 // closes the spool, and removes it where it still has a name
	name   string                 // the JSONL file's name in the bundle
	jsonl  *io.SectionReader      // its content
	files  map[string]bundleEntry // the other regular files
	big    map[string]int64       // files over the per-file limit: their sizes
	limits review.FileLimits
}

// bundleEntry is where a file's bytes are in the spool.
type bundleEntry struct{ at, size int64 }

// readBundle spools the tar stream of an import bundle from the file at
// path, or from stdin for "-", into a private temporary file in spoolDir
// ("" for $TMPDIR), indexing it as it arrives, so that a bad entry fails
// at once; src names it in errors, and close removes the spool. Entries
// must stay inside the bundle and be regular files (not sparse) or
// folders: a link, "..", or an absolute path fails the whole import, as
// does a bundle with no .jsonl file at its top, or with two. capBytes
// bounds the bundle.
func readBundle(src, path string, stdin io.Reader, spoolDir string, limits review.FileLimits, capBytes int64) (*bundle, error) {
	r, done, err := openInput(path, stdin)
	if err != nil {
		return nil, err
	}
	defer done()
	f, closeSpool, err := newSpool(spoolDir, store.ImportSpool+"*.tar")
	if err != nil {
		return nil, fmt.Errorf("%s: spool: %w", src, err)
	}
	b := &bundle{spool: f, close: closeSpool, files: map[string]bundleEntry{}, big: map[string]int64{}, limits: limits}
	// Everything the tar reader reads, headers and skipped bytes alike,
	// is written to the spool: its size is where the reader stands.
	if err := b.index(src, tar.NewReader(io.TeeReader(limitedInput(src, r, capBytes), f))); err != nil {
		b.close()
		return nil, err
	}
	return b, nil
}

// index reads the entries of tr, which copies them into the spool.
func (b *bundle) index(src string, tr *tar.Reader) error {
	var names int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			var over inputTooBig
			if errors.As(err, &over) {
				return err
			}
			// The spool holds what the reader read: a tar -czf
			// bundle's first bytes are gzip's.
			if gzipped(b.spool) {
				return fmt.Errorf("%s: gzip-compressed: --tar takes a bundle made with tar -cf, not tar -czf (or gunzip it first)", src)
			}
			return fmt.Errorf("%s: not a tar bundle: %w", src, err)
		}
		if len(h.Name) > maxBundleName {
			return fmt.Errorf("%s: an entry's name is %d bytes long, over %d: no file path is", src, len(h.Name), maxBundleName)
		}
		if names += int64(len(h.Name)) + bundleEntryCost; names > maxBundleNames {
			return fmt.Errorf("%s: the entries' names come to over %s (%d bytes more an entry): split the import into smaller bundles", src, sizeText(maxBundleNames), bundleEntryCost)
		}
		name, err := bundlePath(h.Name)
		if err != nil {
			return fmt.Errorf("%s: entry %s: %w", src, review.Quoted(h.Name), err)
		}
		if sparse(h) {
			return fmt.Errorf("%s: entry %s is a sparse file: make the bundle without tar's --sparse (-S)", src, review.Quoted(h.Name))
		}
		switch h.Typeflag {
		case tar.TypeDir, tar.TypeXGlobalHeader:
			continue // folders follow from the files' paths; a pax header holds no file
		case tar.TypeReg:
		default:
			return fmt.Errorf("%s: entry %s is not a regular file: put the file itself in the bundle", src, review.Quoted(h.Name))
		}
		// The reader stands at the entry's bytes: tar reads whole blocks.
		at, err := b.spool.Seek(0, io.SeekCurrent)
		if err != nil {
			return err
		}
		// A name twice would leave which bytes are the evidence to the
		// order of the entries (tar -r appends a second copy).
		if _, twice := b.files[name]; twice || b.big[name] > 0 || (name == b.name && b.name != "") {
			return fmt.Errorf("%s: entry %s appears twice: keep one copy in the bundle", src, review.Quoted(h.Name))
		}
		// The import file sits at the top; everything else is evidence.
		if strings.Contains(name, "/") || !strings.HasSuffix(name, ".jsonl") {
			if b.limits.CheckFile(name, h.Size, 0) != nil {
				b.big[name] = h.Size // reported only if a submission names it
				continue
			}
			b.files[name] = bundleEntry{at, h.Size}
			continue
		}
		if b.name != "" {
			return fmt.Errorf("%s: holds two .jsonl files, %s and %s: one import file per bundle", src, review.Quoted(b.name), review.Quoted(name))
		}
		b.name, b.jsonl = name, io.NewSectionReader(b.spool, at, h.Size)
	}
	if b.name == "" {
		return fmt.Errorf("%s: no .jsonl file at the top of the bundle (tar -cf - new.jsonl evidence/)", src)
	}
	return nil
}

// sparse reports whether h is a sparse file (tar --sparse), in the old GNU
// form or as GNU.sparse PAX records, which the tar reader shows as a
// regular file. The spool holds such an entry as stored, a map and the
// data without its holes, so the file's bytes are not there to read.
func sparse(h *tar.Header) bool {
	if h.Typeflag == tar.TypeGNUSparse {
		return true
	}
	for k := range h.PAXRecords {
		if strings.HasPrefix(k, "GNU.sparse.") {
			return true
		}
	}
	return false
}

// bundlePath is a tar entry's name relative to the bundle's top, refusing
// one that would leave it.
func bundlePath(name string) (string, error) {
	p := path.Clean(strings.TrimPrefix(name, "./"))
	if path.IsAbs(p) || p == ".." || strings.HasPrefix(p, "../") {
		return "", errors.New("outside the bundle")
	}
	return p, nil
}

// stat is where name's bytes are, or why it cannot be read: over the
// per-file limit, or fs.ErrNotExist. An entry holding name in the other
// Unicode form is name, as in a files folder (dirSource.onDisk): the tar
// of a folder made on macOS holds its names decomposed.
func (b *bundle) stat(name string) (bundleEntry, error) {
	p := path.Clean(name)
	if !b.holds(p) {
		if other, ok := otherForm(p, b.holds); ok {
			p = other
		}
	}
	if size, ok := b.big[p]; ok {
		return bundleEntry{}, b.limits.CheckFile(name, size, 0)
	}
	e, ok := b.files[p]
	if !ok {
		return bundleEntry{}, fs.ErrNotExist
	}
	return e, nil
}

// holds reports whether the bundle has an evidence entry at path p,
// within the per-file limit or over it.
func (b *bundle) holds(p string) bool {
	_, ok := b.files[p]
	_, big := b.big[p]
	return ok || big
}

// Open reads a named evidence file from the spool, as dirSource reads one
// from a folder: the bundle is the import's store.FileSource, so only the
// file being stored is in memory.
func (b *bundle) Open(name string) ([]byte, error) {
	e, err := b.stat(name)
	if err != nil {
		return nil, err
	}
	data := make([]byte, e.size)
	if _, err := b.spool.ReadAt(data, e.at); err != nil {
		return nil, fmt.Errorf("%s: %w", review.Quoted(name), err)
	}
	return data, nil
}
