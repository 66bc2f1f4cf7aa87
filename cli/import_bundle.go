// Reading an import bundle: a tar stream of one JSON Lines file and the
// evidence files it names, which is how files reach a served store.

package cli

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"assessor/review"
)

// maxBundle bounds what an import bundle may hold in memory: the JSONL file
// and the evidence files within the per-file limit.
const maxBundle = 1 << 30

// bundle is an import bundle read whole: one JSON Lines file from the top
// of a tar stream and the other files beside it, by path relative to the
// top (the files folder of the JSONL file).
type bundle struct {
	name  string            // the JSONL file's name in the bundle
	jsonl []byte            // its content
	files map[string][]byte // the other regular files
	big   map[string]int64  // files over the per-file limit, unread: their sizes
}

// readBundle reads the tar stream of an import bundle from the file at
// path, or from stdin for "-"; src names it in errors. Entries must stay
// inside the bundle and be regular files or folders: a link, "..", or an
// absolute path fails the whole import, as does a bundle with no .jsonl
// file at its top, or with two.
func readBundle(src, path string, stdin io.Reader, limits review.FileLimits, capBytes int64) (*bundle, error) {
	r, done, err := openInput(path, stdin)
	if err != nil {
		return nil, err
	}
	defer done()
	b := &bundle{files: map[string][]byte{}, big: map[string]int64{}}
	var total int64
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("%s: not a tar bundle: %w", src, err)
		}
		// Every entry's name is held too (b.big, b.files): it counts
		// against the cap, as do the bytes of its header.
		if total += int64(len(h.Name)) + 512; total > capBytes {
			return nil, bundleTooBig(src, capBytes)
		}
		name, err := bundlePath(h.Name)
		if err != nil {
			return nil, fmt.Errorf("%s: entry %q: %w", src, h.Name, err)
		}
		switch h.Typeflag {
		case tar.TypeDir, tar.TypeXGlobalHeader:
			continue // folders follow from the files' paths; a pax header holds no file
		case tar.TypeReg:
		default:
			return nil, fmt.Errorf("%s: entry %q is not a regular file: put the file itself in the bundle", src, h.Name)
		}
		// The import file sits at the top; everything else is evidence.
		isJSONL := !strings.Contains(name, "/") && strings.HasSuffix(name, ".jsonl")
		if !isJSONL && limits.CheckFile(name, h.Size, 0) != nil {
			b.big[name] = h.Size // reported only if a submission names it
			continue
		}
		if total += h.Size; total > capBytes {
			return nil, bundleTooBig(src, capBytes)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			return nil, fmt.Errorf("%s: entry %q: %w", src, h.Name, err)
		}
		if !isJSONL {
			b.files[name] = data
			continue
		}
		if b.name != "" {
			return nil, fmt.Errorf("%s: holds two .jsonl files, %s and %s: one import file per bundle", src, b.name, name)
		}
		b.name, b.jsonl = name, data
	}
	if b.name == "" {
		return nil, fmt.Errorf("%s: no .jsonl file at the top of the bundle (tar -cf - new.jsonl evidence/)", src)
	}
	return b, nil
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

// open reads a named evidence file from the bundle, as dirFiles reads one
// from a folder.
func (b *bundle) open(limits review.FileLimits) func(string) ([]byte, error) {
	return func(name string) ([]byte, error) {
		p := path.Clean(name)
		if size, ok := b.big[p]; ok {
			return nil, limits.CheckFile(name, size, 0)
		}
		data, ok := b.files[p]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return data, nil
	}
}

// bundleTooBig is the error of a bundle past its cap.
func bundleTooBig(src string, capBytes int64) error {
	return fmt.Errorf("%s: over %s: split the import into smaller bundles", src, sizeText(capBytes))
}
