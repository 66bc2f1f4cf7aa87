package server

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/store"
)

// keyRemovingServer serves a demo store with admin-1 and rev-key, whose
// first key (the one returned) one command, `reviewers keys remove
// rev-key`, removes; more are rev-key's other key lines.
func keyRemovingServer(t *testing.T, more ...string) (srv *Server, st *store.Store, addr string, admin, first signer) {
	t.Helper()
	st = newDemoStore(t, 40)
	admin = addReviewer(t, st, "admin-1", review.RoleAdmin)
	first = addReviewer(t, st, "rev-key", review.RoleReviewer)
	if _, err := st.ChangeReviewer("", "rev-key", func(r *review.Reviewer, _ bool, _ []review.Reviewer) error {
		r.Keys = append(r.Keys, more...)
		return nil
	}, nil); err != nil {
		t.Fatal(err)
	}
	commands := func(_ context.Context, by review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		if strings.Join(args, " ") == "reviewers keys remove rev-key" {
			_, err := st.RemoveReviewerKey(by.ID, "rev-key", "SHA256:x", func(string) bool { return true }, "lost laptop")
			return err
		}
		return nil
	}
	srv, addr = startServer(t, st, Config{Commands: commands})
	return srv, st, addr, admin, first
}

// TestRemovedKeysSaveOnItsWay: as TestRemovedReviewersSaveOnItsWay, but
// an admin removes the reviewer's only key rather than the reviewer. A
// draft save on its way lands after the removal released the claim; the
// store refuses it, so the attempt goes back to the queue
// (docs/operations.md) rather than staying claimed for the lease by
// someone who can no longer sign in.
func TestRemovedKeysSaveOnItsWay(t *testing.T) {
	t.Parallel()
	srv, st, addr, admin, gone := keyRemovingServer(t)
	handle, saveErr := saveOnItsWay(t, srv, addr, admin, gone, "reviewers keys remove rev-key")
	if !errors.Is(saveErr, store.ErrNotRegistered) {
		t.Errorf("the late save returned %v, want ErrNotRegistered", saveErr)
	}
	if held := holder(t, st, handle); held != (claimOf{}) {
		t.Errorf("%s is claimed by %q until %s after its reviewer's only key was removed (the late save returned %v)", handle, held.holder, held.until.Format(time.TimeOnly), saveErr)
	}
}

// TestRemovedKeyLeavesOtherKeys: a reviewer with a key left after an
// admin removed another goes on working in that key's session: it claims
// and its drafts are saved.
func TestRemovedKeyLeavesOtherKeys(t *testing.T) {
	t.Parallel()
	other, line := newKey(t)
	_, st, addr, admin, _ := keyRemovingServer(t, line)
	c := connect(t, addr, other)
	if _, stderr, err := runCommand(t, addr, admin, "reviewers keys remove rev-key"); err != nil {
		t.Fatalf("keys remove: %v %q", err, stderr)
	}
	handle := openNext(t, c)
	if _, err := c.do("s", wait, "Scoring "+handle); err != nil {
		t.Fatal(err)
	}
	if _, err := c.do("n", wait, "not-yet"); err != nil {
		t.Fatal(err)
	}
	k, _, err := st.Resolve(handle)
	if err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the draft saved", func() bool {
		d, ok, err := st.Draft("rev-key", k)
		return err == nil && ok && d.Levels["C1"] != ""
	})
	if held := holder(t, st, handle); held.holder != "rev-key" {
		t.Errorf("%s is held by %q, want rev-key", handle, held.holder)
	}
}

// TestRemovedKeyTellsOtherKeysOpenScreen: removing one of a reviewer's
// keys gives back every attempt they hold (docs/operations.md, Keys),
// the one open in a session on their other key included; that screen is
// told at once, as after a lead's release (rule 6), and working on takes
// the claim back.
func TestRemovedKeyTellsOtherKeysOpenScreen(t *testing.T) {
	t.Parallel()
	other, line := newKey(t)
	_, st, addr, admin, _ := keyRemovingServer(t, line)
	c := connect(t, addr, other)
	handle := openNext(t, c)
	m := c.mark()
	if _, stderr, err := runCommand(t, addr, admin, "reviewers keys remove rev-key"); err != nil {
		t.Fatalf("keys remove: %v %q", err, stderr)
	}
	if _, err := c.waitFor(m, wait, "was released as one of your keys was removed"); err != nil {
		got, _ := c.textAfter(m)
		t.Fatalf("the claim on %s, open on this screen, went with a removed key and the screen was not told: %v\nscreen since:\n%s", handle, err, got)
	}
	if held := holder(t, st, handle); held != (claimOf{}) {
		t.Fatalf("%s held by %q after the key's removal, want nobody", handle, held.holder)
	}
	if _, err := c.do("s", wait, "Scoring "+handle); err != nil {
		t.Fatal(err)
	}
	if _, err := c.do("n", wait, "not-yet"); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the claim taken back by working on", func() bool { return holder(t, st, handle).holder == "rev-key" })
}
