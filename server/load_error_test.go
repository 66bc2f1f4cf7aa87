package server

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/store"
)

// TestScreenEndsWithLoadError: a screen quit while its queue would not
// load (a rubric record fails its checksum) says why after the screen has
// gone and exits 1, as `assessor review` does locally.
func TestScreenEndsWithLoadError(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	path := st.Path()
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A phrase of one bundled rubric's text, stored once: one letter
	// changed leaves the record readable but failing its checksum.
	at := bytes.Index(b, []byte("richer information about student reasoning"))
	if at < 0 || bytes.Count(b, []byte("richer information about student reasoning")) != 1 {
		t.Fatal("the rubric's phrase is not in the store once")
	}
	b[at] = 'R'
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	_, addr := startServer(t, st, Config{})

	c := openScreen(t, addr, rev, 120, 40, "", "The queue did not load")
	m := c.mark()
	if err := c.press("q"); err != nil {
		t.Fatal(err)
	}
	if err := c.wait(wait); err != nil {
		t.Fatal(err)
	}
	var exit *gossh.ExitError
	if !errors.As(c.exit, &exit) || exit.ExitStatus() != 1 {
		t.Fatalf("the session ended with %v, want exit status 1", c.exit)
	}
	got, _ := c.textAfter(m)
	if !strings.Contains(got, "assessor: could not load the queue: ") || !strings.Contains(got, "fails its checksum") {
		t.Fatalf("after the screen: %q, want the load's error", tail(got))
	}
}
