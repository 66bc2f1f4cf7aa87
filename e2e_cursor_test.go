package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEndToEndCursorOnTerminalWithoutColour: on a terminal without colour
// that draws reverse video (TERM=screen, GNU screen's default), the
// feedback editor's cursor shows in reverse video, as under NO_COLOR; it
// was drawn as plain text, so after an arrow key nothing showed where the
// next letter would go.
func TestEndToEndCursorOnTerminalWithoutColour(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	tm := newTerm(t, []string{"TERM=screen"}, bin, "demo", "--db", db, "--reviewer", "rev-screen")
	tm.typeInFeedback("abcdef", "abcdef")
	for range 3 {
		tm.key("Left")
	}
	tm.waitFor("the cursor on d", func(string) bool {
		for _, l := range strings.Split(tm.run("capture-pane", "-p", "-e", "-t", "e2e"), "\n") {
			if strings.Contains(l, "abc\x1b[7md") {
				return true
			}
		}
		return false
	})
}
