package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"assessor/review"
)

// TestEvidenceFilesReadWhenStored: an import from a folder checks every
// file it names before the store's transaction without reading one, and
// the store reads each as it stores the attempt naming it; read up front,
// 40 attempts of a 1 MiB file each were all held at once, under limits of
// 2 MiB per file and per attempt. Not parallel: it counts the bytes the
// check allocates.
func TestEvidenceFilesReadWhenStored(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	for i := range 40 {
		name := fmt.Sprintf("f%02d.bin", i)
		data := make([]byte, 1<<20)
		data[0] = byte(i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, subWithFiles(fmt.Sprintf("A-%d", i), `"`+name+`"`))
	}
	in := filepath.Join(dir, "in.jsonl")
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	idx, done, err := indexInput(in, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	limits := review.FileLimits{PerFile: 2 << 20, PerAttempt: 2 << 20}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	src, closeDir, err := dirEvidence(in, dir, idx.Named, limits)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	defer closeDir()
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("checking 40 files of 1 MiB allocated %d MiB: they were read before the import", n>>20)
	}
	data, err := src.Open("f07.bin")
	if err != nil || len(data) != 1<<20 || data[0] != 7 || !bytes.Equal(data[1:], make([]byte, 1<<20-1)) {
		t.Errorf("Open(f07.bin): %d bytes, err %v", len(data), err)
	}
}
