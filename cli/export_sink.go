// Where an export's files go: a folder, or a tar stream on stdout.

package cli

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"assessor/review"
	"assessor/store"
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
	return &dirSink{dest: dest, notify: notifyStderr}, nil
}

// dirSink writes an export's files under a folder. Every write stays
// inside it (os.Root refuses a symlink below it that leads out), and each
// file is written whole beside its name, 0600, and renamed over it
// (tempName): whatever was at the name (an older export, a symlink planted
// there) is replaced, never written through, and a reader (a web server
// hosting the folder) sees the old file or the new one, never none or half
// of one, even when a write fails (a full disk) or the export is killed.
//
// The folder is made at the first file (or at close, for an export of
// none): an export that fails before it has anything to write, on a
// damaged store, leaves no empty folder behind.
type dirSink struct {
	dest   string
	root   *os.Root            // nil until the folder is made
	dirs   map[string]*os.File // each folder written into, by path below root: renames go through it
	swept  int                 // temporary files of killed exports removed
	notify func(string)
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
		return escaped(d.dest, filepath.FromSlash(name), err)
	}
	return nil
}

// escaped is err of name below export folder dest, said in a user's words
// when it is os.Root's refusal of a symlink leading out (Go's own words).
func escaped(dest, name string, err error) error {
	if strings.Contains(err.Error(), "path escapes from parent") {
		return fmt.Errorf("%s: a symlink on the way leads out of %s, and an export writes only inside its folder", filepath.Join(dest, name), dest)
	}
	return err
}

// writeFile is write without the folder made and errors explained.
func (d *dirSink) writeFile(rel string, data []byte) error {
	dir, base := filepath.Split(rel)
	dir = filepath.Clean(dir)
	folder, err := d.folder(dir)
	if err != nil {
		return err
	}
	f, tmp, err := d.createTemp(dir, base)
	if err != nil {
		return err
	}
	// Not synced one by one: that doubled the time of an export of
	// thousands of files (7,705 feedback files: 6.4–10.5 s against
	// 2.9–4.0). The rename is what keeps a failed or killed export from
	// leaving half a file; close syncs each folder.
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = renameIn(folder, tmp, base); err != nil {
			err = &fs.PathError{Op: "rename", Path: tmp, Err: err}
		}
	}
	if err != nil {
		_ = d.root.Remove(filepath.Join(dir, tmp))
		// Named for the file the export writes, not its temporary one.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			pe.Path = filepath.Join(d.dest, rel)
		}
	}
	return err
}

// tempName is the temporary file an export writes base through:
// ".BASE.p<pid>-NNN.tmp" beside it, named like a backup's (backupTemp in
// store) so that the next export into the folder can tell a killed one's.
func tempName(base string) string {
	return "." + base + ".p" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatUint(uint64(rand.Uint32()), 10) + ".tmp"
}

// staleTemp matches tempName's names, the writer's pid in the submatch.
var staleTemp = regexp.MustCompile(`^\..+\.p([0-9]+)-[0-9]+\.tmp$`)

// createTemp creates a new temporary file for base in dir, exclusively:
// never an existing file or a symlink planted at its name.
func (d *dirSink) createTemp(dir, base string) (*os.File, string, error) {
	for range 100 {
		tmp := tempName(base)
		f, err := d.root.OpenFile(filepath.Join(dir, tmp), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			return f, tmp, err
		}
	}
	return nil, "", fmt.Errorf("%s: no free temporary name beside it", filepath.Join(d.dest, dir, base))
}

// folder creates dir below the root when missing and opens it, once per
// export, removing what a killed export left in it: a temporary file whose
// writer no longer runs (store.Running) is never to be renamed.
func (d *dirSink) folder(dir string) (*os.File, error) {
	if f, ok := d.dirs[dir]; ok {
		return f, nil
	}
	if err := d.mkdirs(dir); err != nil {
		return nil, err
	}
	f, err := d.root.Open(dir)
	if err != nil {
		return nil, err
	}
	if d.dirs == nil {
		d.dirs = map[string]*os.File{}
	}
	d.dirs[dir] = f
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		sub := staleTemp.FindStringSubmatch(e.Name())
		if sub == nil || !e.Type().IsRegular() {
			continue
		}
		if pid, err := strconv.Atoi(sub[1]); err != nil || store.Running(pid) {
			continue
		}
		if d.root.Remove(filepath.Join(dir, e.Name())) == nil {
			d.swept++
		}
	}
	return f, nil
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
// already a whole file, and each folder is synced so that its renames
// survive a crash.
func (d *dirSink) close() error {
	if err := d.open(); err != nil {
		return err
	}
	var err error
	for _, dir := range slices.Sorted(maps.Keys(d.dirs)) {
		f := d.dirs[dir]
		if serr := f.Sync(); err == nil {
			err = serr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	d.dirs = nil
	if d.swept > 0 && d.notify != nil {
		d.notify(fmt.Sprintf("removed %s a killed export left in %s", review.Count(d.swept, "temporary file", "temporary files"), d.dest))
	}
	if cerr := d.root.Close(); err == nil {
		err = cerr
	}
	return err
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
