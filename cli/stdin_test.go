package cli

import (
	"io"
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

// TestBundleCapCountsNames: a bundle of nothing but folders with long
// names still counts against the memory cap: names are held too.
func TestBundleCapCountsNames(t *testing.T) {
	t.Parallel()
	var entries []tarEntry
	for i := 0; i < 100; i++ {
		entries = append(entries, tarEntry{name: strings.Repeat("d", 900) + string(rune('a'+i%26)) + strings.Repeat("x", i) + "/"})
	}
	bundle := tarBundle(t, entries...)
	_, err := readBundle("stdin", "-", strings.NewReader(bundle), review.FileLimits{}, 64<<10)
	if err == nil || err.Error() != "stdin: over 64 KiB: split the import into smaller bundles" {
		t.Fatalf("a bundle of long names under a 64 KiB cap: %v", err)
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
