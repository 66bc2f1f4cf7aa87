package cli

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"assessor/review"
)

// endlessInput is stdin that never ends, counting what was read.
type endlessInput struct{ n atomic.Int64 }

func (e *endlessInput) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n.Add(int64(len(p)))
	return len(p), nil
}

// TestStdinLimitsFailEarly: every command that reads stdin whole stops
// at its limit with one line, having read little more than the limit,
// instead of reading an endless stream before its own check.
func TestStdinLimitsFailEarly(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	for _, c := range []struct {
		args  []string
		says  string
		limit int64
	}{
		{[]string{"snippets", "add", "--credential", "df", "--criterion", "C1", "-"}, "snippet text on stdin: over 7 KiB, nothing was read", maxSnippetBytes},
		{[]string{"reviewers", "add", "rev-9", "--key", "-"}, "key file stdin: read: over 1 MiB", maxKeyFile},
		{[]string{"rubrics", "add", "-"}, "stdin: over 4 MiB", maxRubricFile},
	} {
		in := &endlessInput{}
		root := New()
		root.SetArgs(append(c.args, "--db", db))
		root.SetIn(in)
		root.SetOut(io.Discard)
		root.SetErr(io.Discard)
		err := root.Execute()
		if err == nil || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: %v, want one line with %q", c.args, err, c.says)
		}
		if n := in.n.Load(); n > c.limit+64<<10 {
			t.Errorf("%v read %d bytes for a limit of %d", c.args, n, c.limit)
		}
	}
	// import - parses as it reads: the reader itself stops.
	lr := limitedStdin(&endlessInput{}, 1<<20)
	if n, err := io.Copy(io.Discard, lr); err == nil || err.Error() != "stdin: over 1 MiB: split the input" || n > 1<<20+1 {
		t.Errorf("limited stdin: %d bytes, %v", n, err)
	}
}

// TestBundleBounds: a bundle is spooled only up to its cap, failing there
// in one line; an entry's name longer than any file path is refused, and
// so are names that come to more than the index may hold.
func TestBundleBounds(t *testing.T) {
	t.Parallel()
	long := tarBundle(t, tarEntry{name: strings.Repeat("d", 900) + "/"}, tarEntry{name: strings.Repeat("n", 5000) + ".txt", body: "x"})
	if _, err := readBundle("stdin", "-", strings.NewReader(long), "", review.FileLimits{}, 1<<20); err == nil || err.Error() != "stdin: an entry's name is 5004 bytes long, over 4096: no file path is" {
		t.Errorf("a 5,000-byte name: %v", err)
	}
	// A file of a terabyte that never ends.
	var hdr bytes.Buffer
	if err := tar.NewWriter(&hdr).WriteHeader(&tar.Header{Name: "huge.bin", Mode: 0o644, Size: 1 << 40, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	endless := io.MultiReader(&hdr, &endlessInput{})
	spoolDir := t.TempDir()
	if _, err := readBundle("stdin", "-", endless, spoolDir, review.FileLimits{}, 64<<10); err == nil || err.Error() != "stdin: over 64 KiB: split the input" {
		t.Errorf("an endless bundle under a 64 KiB cap: %v", err)
	}
	if left, _ := os.ReadDir(spoolDir); len(left) > 0 {
		t.Errorf("a refused bundle left its spool: %v", left)
	}
	var entries []tarEntry
	for i := range maxBundleNames/4000 + 1 {
		entries = append(entries, tarEntry{name: fmt.Sprintf("%04d", i) + strings.Repeat("d", 3996) + "/"})
	}
	if _, err := readBundle("stdin", "-", strings.NewReader(tarBundle(t, entries...)), "", review.FileLimits{}, 1<<30); err == nil || err.Error() != "stdin: the entries' names come to over 16 MiB (96 bytes more an entry): split the import into smaller bundles" {
		t.Errorf("names past the index's bound: %v", err)
	}
}

// TestSizeTextAgrees: a byte count agrees with its word.
func TestSizeTextAgrees(t *testing.T) {
	for n, want := range map[int64]string{1: "1 byte", 2: "2 bytes", 2048: "2 KiB", 3 << 20: "3 MiB"} {
		if got := sizeText(n); got != want {
			t.Errorf("sizeText(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestBundleEntriesCountTowardTheIndex: many empty names cost the index
// more than their bytes; the cap counts each entry, so a bundle of short
// names is refused before its index outgrows the cap.
func TestBundleEntriesCountTowardTheIndex(t *testing.T) {
	t.Parallel()
	n := maxBundleNames/(bundleEntryCost+6) + 1 // names of 6 bytes: 1 MiB of names in all
	pr, pw := io.Pipe()
	go func() {
		w := tar.NewWriter(pw)
		for i := range n {
			if err := w.WriteHeader(&tar.Header{Name: fmt.Sprintf("%06x", i), Mode: 0o644, Typeflag: tar.TypeReg}); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(w.Close())
	}()
	_, err := readBundle("stdin", "-", pr, t.TempDir(), review.FileLimits{}, maxBundle)
	pr.Close()
	if err == nil || !strings.Contains(err.Error(), "the entries' names come to over 16 MiB (96 bytes more an entry)") {
		t.Errorf("%d entries of 6-byte names: %v", n, err)
	}
}

// TestReadAllMaxTakesItsLimit: an input of exactly the limit is read
// (a rubric or key file of the largest size allowed is accepted from stdin
// as from a file); one byte more is refused.
func TestReadAllMaxTakesItsLimit(t *testing.T) {
	t.Parallel()
	if b, err := readAllMax("stdin", strings.NewReader(strings.Repeat("a", 100)), 100); err != nil || len(b) != 100 {
		t.Errorf("exactly the limit: %d bytes, %v", len(b), err)
	}
	if _, err := readAllMax("stdin", strings.NewReader(strings.Repeat("a", 101)), 100); err == nil {
		t.Error("one byte past the limit was read")
	}
}
