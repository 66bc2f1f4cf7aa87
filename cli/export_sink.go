// Where an export's files go: a folder, or a tar stream on stdout.

package cli

import (
	"archive/tar"
	"io"
	"os"
	"path/filepath"
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
	// Private like the store they come from (README, "Who may run what").
	if err := os.MkdirAll(dest, 0o700); err != nil {
		return nil, err
	}
	return dirSink(dest), nil
}

// dirSink writes an export's files under a folder, creating the folders
// their paths name.
type dirSink string

// write stores data at name below the folder, replacing what was there.
func (d dirSink) write(name string, data []byte) error {
	path := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// close has nothing to flush: every write is already a whole file.
func (dirSink) close() error { return nil }

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
