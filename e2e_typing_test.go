package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
)

// TestEndToEndTypedBurst types the sentence into the feedback
// textarea with `send-keys -l`, which tmux writes in one go, so the
// program reads whole words such as "left" and "enter" in one read. The
// words must land as typed: none is taken for the key it names.
func TestEndToEndTypedBurst(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "demo", "--db", db, "--reviewer", "rev-burst")
	first, _ := tm.typeBurstInFeedback()
	tm.key("C-c") // saves the draft, then quits
	tm.waitExit()
	if got := storedFeedback(t, db, first, "rev-burst"); got != burst {
		t.Errorf("feedback stored as %q, typed %q", got, burst)
	}
}

// TestEndToEndTypedCharacterAcrossReads types, in one write, 255 letters
// and then characters of two and three bytes: the program reads the
// terminal 256 bytes at a time, so the "é" is cut by the end of the
// first read. Every character must land as typed.
func TestEndToEndTypedCharacterAcrossReads(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "demo", "--db", db, "--reviewer", "rev-cut")
	typed := strings.Repeat("a", 255) + "éXYZ 漢字 done"
	handle, _ := tm.typeInFeedback(typed, "字 done")
	tm.key("C-c") // saves the draft, then quits
	tm.waitExit()
	if got := storedFeedback(t, db, handle, "rev-cut"); got != typed {
		t.Errorf("feedback stored as %q, typed %q", got, typed)
	}
}

// storedFeedback is reviewer's draft feedback on C1 of handle in the store
// at db, once the program that held it has exited.
func storedFeedback(t *testing.T, db, handle, reviewer string) string {
	t.Helper()
	st, k := storedAttempt(t, db, handle)
	d, ok, err := st.Draft(reviewer, k)
	if err != nil || !ok {
		t.Fatalf("no draft for %s: %v", handle, err)
	}
	return d.Feedback["C1"]
}

// storedAttempt opens the store at db, once the program that held it has
// exited, and resolves handle in it; the store closes when the test ends.
func storedAttempt(t *testing.T, db, handle string) (*store.Store, review.AttemptKey) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	k, _, err := st.Resolve(handle)
	if err != nil {
		t.Fatal(err)
	}
	return st, k
}

// TestEndToEndTypedBurstOverSSH types the same sentence in one go through
// OpenSSH into a served store's feedback textarea: the server reads the
// whole words from the connection in one read as a slow link would deliver
// them, and they must land as typed.
func TestEndToEndTypedBurstOverSSH(t *testing.T) {
	t.Parallel()
	key, srv := servedDemo(t, "rev-ssh")
	tm := newTerm(t, []string{"NO_COLOR=1"}, sshArgs(key, srv.port)...)
	if _, s := tm.typeBurstInFeedback(); !strings.Contains(s, "done editing") {
		t.Errorf("the editor closed while the words were typed:\n%s", s)
	}
}

// burst is the sentence: words that name keys, between letters.
const burst = "A left B up C down D enter E tab F esc H right I"

// typeBurstInFeedback opens the oldest attempt on the queue, opens C1's
// feedback textarea, types burst with `send-keys -l` (one write) and waits
// until it shows; it returns the attempt's handle and the screen.
func (tm *term) typeBurstInFeedback() (handle, screen string) {
	tm.t.Helper()
	return tm.typeInFeedback(burst, burst)
}

// typeInFeedback is typeBurstInFeedback typing text, and waiting for shown.
func (tm *term) typeInFeedback(text, shown string) (handle, screen string) {
	tm.t.Helper()
	handle = handleRow.FindStringSubmatch(tm.waitQueue())[1]
	tm.key("Enter")
	tm.waitForText(handle + " · ")
	tm.press("s", regexp.QuoteMeta("Scoring "+handle))
	tm.press("e", "done editing")
	tm.typeText(text)
	return handle, tm.waitForText(shown)
}
