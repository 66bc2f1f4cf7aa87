package main

import (
	"path/filepath"
	"regexp"
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
	first := handleRow.FindStringSubmatch(tm.waitQueue())[1]
	tm.key("Enter")
	tm.waitForText(first + " · ")
	tm.press("s", regexp.QuoteMeta("Scoring "+first))
	tm.press("e", "done editing")
	const text = "A left B up C down D enter E tab F esc H right I"
	tm.typeText(text)
	tm.waitForText(text)
	tm.key("C-c") // saves the draft, then quits
	tm.waitExit()

	st, k := storedAttempt(t, db, first)
	d, ok, err := st.Draft("rev-burst", k)
	if err != nil || !ok {
		t.Fatalf("no draft for %s: %v", first, err)
	}
	if got := d.Feedback["C1"]; got != text {
		t.Errorf("feedback stored as %q, typed %q", got, text)
	}
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
