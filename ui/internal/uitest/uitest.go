// Package uitest holds what the tests of every ui package share: the
// pinned colour profile, the fixed clock, a teatest session driver, waits
// that poll a condition, and layout checks. It is imported by tests only.
package uitest

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Main pins the colour profile so rendered output is plain text and the
// same on every machine, then runs the tests and exits. A package's
// TestMain calls it.
func Main(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	lipgloss.SetHasDarkBackground(true)
	os.Exit(m.Run())
}

// Now is the fixed clock of every UI test.
var Now = time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC)

// Clock returns Now.
func Clock() time.Time { return Now }

// WaitTimeout bounds every wait.
const WaitTimeout = 3 * time.Second

// WaitFor polls cond until it holds, failing the test after WaitTimeout.
func WaitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(WaitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Receive waits for a value on ch, failing after WaitTimeout: a test whose
// program stopped short of what it waits for fails, rather than hangs
// until go test's own timeout.
func Receive[T any](t *testing.T, what string, ch <-chan T) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(WaitTimeout):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// HoldsFor checks that cond stays true for d, failing as soon as it does
// not: the wait of a test that something does not happen.
func HoldsFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if !cond() {
			t.Fatalf("%s: it did not hold", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !cond() {
		t.Fatalf("%s: it did not hold", what)
	}
}

// RequireFits fails when view has a line wider than w cells or more than
// h lines.
func RequireFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, more than %d", len(lines), h)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide (> %d): %q", i, lipgloss.Width(l), w, l)
		}
	}
}

// Size is a terminal resize to w×h.
func Size(w, h int) tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: w, Height: h} }

// TrueColorRenderer is a renderer that emits colour, whatever the test's
// terminal, for checking what the styles would do on a real terminal.
func TrueColorRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	return r
}

// Keys is shorthand for a key list.
func Keys(k ...string) []string { return k }

// EditorScript writes an executable shell script to dir and returns its
// path; it skips the test where there is no /bin/sh. The script sees the
// file it is given (the last argument) as $f.
func EditorScript(t *testing.T, dir, body string) string {
	t.Helper()
	if _, err := os.Stat("/bin/sh"); err != nil {
		t.Skip("no /bin/sh to run a fake editor")
	}
	p := filepath.Join(dir, "fake-editor")
	// The file to edit is the last argument, after any flags in $EDITOR.
	script := "#!/bin/sh\nfor f; do :; done\n" + body + "\n"
	if err := os.WriteFile(p, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return p
}

// LineWith is the first line of view containing sub.
func LineWith(t *testing.T, view, sub string) string {
	t.Helper()
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	t.Fatalf("no line with %q in:\n%s", sub, view)
	return ""
}
