package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEndToEndInterruptInEditorKeepsItsText: an editor that leaves the
// terminal's signals on sends SIGINT to the whole foreground process group
// when the reviewer cancels something in it (emacs -nw's C-g). The screen
// stays, with the editor's text in the feedback, and q saves it.
func TestEndToEndInterruptInEditorKeepsItsText(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	typed := "Feedback written in the editor after pressing C-g once"
	script := filepath.Join(t.TempDir(), "emacs-like.sh")
	body := "#!/bin/sh\ntrap '' INT\nkill -INT 0\nsleep 0.3\nprintf '%s\\n' '" + typed + "' > \"$1\"\n"
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}
	tm := newTerm(t, []string{"NO_COLOR=1", "EDITOR=" + script, "VISUAL=" + script}, bin, "demo", "--db", db, "--reviewer", "rev-int")
	handle := handleRow.FindStringSubmatch(tm.waitQueue())[1]
	tm.key("Enter")
	tm.waitForText(handle + " · ")
	tm.press("s", regexp.QuoteMeta("Scoring "+handle))
	pid := tm.pid()
	tm.press("E", "C1 feedback updated from your editor")
	if s := tm.screen(); !strings.Contains(s, "Feedback written in the editor") {
		t.Errorf("the editor's text is not on the screen:\n%s", s)
	}
	tm.key("q")
	tm.waitExit()
	waitGone(t, pid)
	st, k := storedAttempt(t, db, handle)
	d, _, err := st.Draft("rev-int", k)
	if err != nil {
		t.Fatal(err)
	}
	if d.Feedback["C1"] != typed {
		t.Errorf("the stored draft's C1 is %q, want the editor's text %q", d.Feedback["C1"], typed)
	}
}
