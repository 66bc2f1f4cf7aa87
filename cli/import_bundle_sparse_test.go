package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
	"testing"
)

// TestBundleRefusesSparseEntry: a sparse file (tar --sparse) is refused,
// naming the entry, and nothing is stored. The spool holds such an entry as
// stored, its map and data without the holes, so its logical size read from
// there was the next entries' headers and data, imported as the file. The
// bundles in testdata/sparse are what GNU tar 1.34 writes for new.jsonl,
// notes.txt ("BEGIN lesson plan\n", a hole up to 64 KiB, "END lesson
// plan\n") and pad.txt (70,000 bytes) with --sparse and --format=gnu, or
// with --format=pax and --sparse-version=0.0, 0.1 or 1.0 (the default).
func TestBundleRefusesSparseEntry(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	for _, v := range []string{"gnu", "pax0.0", "pax0.1", "pax1.0"} {
		gz, err := os.ReadFile("testdata/sparse/" + v + ".tar.gz")
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		tarball, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		const want = `stdin: entry "notes.txt" is a sparse file`
		if _, err := run(t, string(tarball), "import", "--tar", "-", "--db", db); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", v, err, want)
		}
	}
	if c := counts(t, db); c.Attempts != 0 {
		t.Errorf("sparse bundles stored something: %+v", c)
	}
}
