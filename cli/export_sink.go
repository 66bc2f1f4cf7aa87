// Where an export's files go: a folder, or a tar stream on stdout.

package cli

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// exportSink receives the files of an export by slash path: into a folder,
// or, for "-", as a tar stream on stdout, which is how a served store
// exports over SSH (ssh HOST export badges - > badges.tar).
type exportSink interface {
	write(name string, data []byte) error
	close() error
}

// exportName is dest as reports name it.
func exportName(dest string) string {
	if dest == "-" {
		return "stdout"
	}
	return dest
}

// newExportSink is a tar stream on stdout for dest "-", else the folder
// dest, created when missing.
func newExportSink(dest string, stdout io.Writer) (exportSink, error) {
	if dest == "-" {
		return &tarSink{w: tar.NewWriter(stdout), at: time.Now().Truncate(time.Second)}, nil
	}
	return &dirSink{dest: dest}, nil
}

// dirSink writes an export's files under a folder. Every write stays
// inside it (os.Root refuses a symlink below it that leads out), and each
// file is created anew, 0600: whatever was at its name (an older export,
// a symlink planted there) is removed first, never written through, so
// neither a wider mode nor a link to another file carries the export
// anywhere else.
//
// The folder is made at the first file (or at close, for an export of
// none): an export that fails before it has anything to write, on a
// damaged store, leaves no empty folder behind.
type dirSink struct {
	dest string
	root *os.Root // nil until the folder is made
}

// open makes the folder, private like the store its files come from
// (README, "Who may run what"), and opens it as the root of every write.
func (d *dirSink) open() error {
	if d.root != nil {
		return nil
	}
	if err := os.MkdirAll(d.dest, 0o700); err != nil {
		return err
	}
	root, err := os.OpenRoot(d.dest)
	d.root = root
	return err
}

// write stores data at name below the folder, replacing what was there.
func (d *dirSink) write(name string, data []byte) error {
	if err := d.open(); err != nil {
		return err
	}
	if err := d.writeFile(filepath.FromSlash(name), data); err != nil {
		// os.Root's own words for a symlink leading out are Go's.
		if strings.Contains(err.Error(), "path escapes from parent") {
			return fmt.Errorf("%s: a symlink on the way leads out of %s, and an export writes only inside its folder", filepath.Join(d.dest, filepath.FromSlash(name)), d.dest)
		}
		return err
	}
	return nil
}

// writeFile is write without the folder made and errors explained.
func (d *dirSink) writeFile(rel string, data []byte) error {
	if err := d.mkdirs(filepath.Dir(rel)); err != nil {
		return err
	}
	if err := d.root.Remove(rel); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	f, err := d.root.OpenFile(rel, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// mkdirs creates dir and the folders above it, below the root (0700).
func (d *dirSink) mkdirs(dir string) error {
	if dir == "." {
		return nil
	}
	if err := d.mkdirs(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := d.root.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// close lets the folder go, made if no file was written: every write is
// already a whole file.
func (d *dirSink) close() error {
	if err := d.open(); err != nil {
		return err
	}
	return d.root.Close()
}

// tarSink writes an export's files as one tar stream.
type tarSink struct {
	w  *tar.Writer
	at time.Time // every entry's time: the export's
}

// write adds name as a regular file entry.
func (t *tarSink) write(name string, data []byte) error {
	if err := t.w.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), ModTime: t.at, Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err := t.w.Write(data)
	return err
}

// close writes the tar trailer; the stream is not whole without it.
func (t *tarSink) close() error { return t.w.Close() }
