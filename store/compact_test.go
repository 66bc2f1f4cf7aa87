package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCompact: Compact rewrites a store whose import left free pages into
// a smaller file that holds the same data and passes Check, 0600, with no
// temporary file left; it fails with ErrLocked while the store is open
// elsewhere, leaving the file as it was.
func TestCompact(t *testing.T) {
	f := newFixture(t)
	var lines []line
	for i := range 400 {
		lines = append(lines, submission(fmt.Sprintf("A-%04d", i), "descriptive-feedback", 1,
			t0.Add(-time.Duration(400-i)*time.Minute).Format(time.RFC3339)))
	}
	for i := 0; i < len(lines); i += 20 {
		f.mustImport(lines[i : i+20]...)
	}
	want := f.counts()
	before, _ := os.ReadFile(f.path)
	if _, _, err := Compact(f.path, Options{Timeout: 50 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("compact of an open store: %v, want ErrLocked", err)
	}
	if now, _ := os.ReadFile(f.path); string(now) != string(before) {
		t.Error("a refused compact changed the file")
	}
	f.Close()
	f.Store = nil
	b, a, err := Compact(f.path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a > b {
		t.Errorf("compacted %d → %d bytes", b, a)
	}
	if fi, err := os.Stat(f.path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("compacted file: %v %v", fi, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(f.path), ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	f.reopen()
	if got := f.counts(); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
	if problems, err := f.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}
