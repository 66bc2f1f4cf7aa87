package server

import (
	"context"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
	"assessor/rubrics"
	"assessor/store"
)

// typingServer serves a demo store of 40 applications with admin-1 and
// rev-1, and one command, `reviewers add rev-1`, which applies change to
// rev-1.
func typingServer(t *testing.T, change func(*review.Reviewer)) (st *store.Store, addr string, admin, rev signer) {
	t.Helper()
	st = newDemoStore(t, 40)
	admin = addReviewer(t, st, "admin-1", review.RoleAdmin)
	rev = addReviewer(t, st, "rev-1", review.RoleReviewer)
	commands := func(_ context.Context, by review.Reviewer, args []string, _ io.Reader, _, _ io.Writer) error {
		if strings.Join(args, " ") == "reviewers add rev-1" {
			_, err := st.ChangeReviewer(by.ID, "rev-1", func(r *review.Reviewer, _ bool, _ []review.Reviewer) error {
				change(r)
				return nil
			}, nil)
			return err
		}
		return nil
	}
	_, addr = startServer(t, st, Config{Commands: commands})
	return st, addr, admin, rev
}

// typeSteadily opens the next attempt, starts C1's feedback and types
// text steadily, a key every 100 ms: never the 400 ms pause a draft save
// waits for. It returns the attempt's handle and stops typing when stop
// closes; done closes once it has.
func typeSteadily(t *testing.T, c *termClient, text string, stop <-chan struct{}) (handle string, done <-chan struct{}) {
	t.Helper()
	handle = openNext(t, c)
	for _, step := range []struct{ key, want string }{
		{"s", "Scoring " + handle}, {"n", "not-yet"}, {"k", "C1 feedback"}, {"e", "done editing"},
	} {
		if _, err := c.do(step.key, wait, step.want); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(time.Second) // the timed save of the level lands first
	typed := make(chan struct{})
	go func() {
		defer close(typed)
		for _, r := range text {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
			if c.press(string(r)) != nil {
				return
			}
		}
	}()
	return handle, typed
}

const steadyText = "The artifact shows feedback that names the learning target clearly"

// TestRoleChangeSavesTypedFeedback: an admin gives a reviewer who is
// typing feedback a new role. The change released no claim, so the
// session saves its draft before it ends, as at shutdown: what was typed
// since the last pause is not lost (docs/workflow.md: drafts survive a
// dropped SSH connection; the notice says to sign in again to go on).
func TestRoleChangeSavesTypedFeedback(t *testing.T) {
	t.Parallel()
	st, addr, admin, rev := typingServer(t, func(r *review.Reviewer) { r.Role = review.RoleLead })
	c := connect(t, addr, rev)
	stop := make(chan struct{})
	h, typed := typeSteadily(t, c, steadyText, stop)
	time.Sleep(2 * time.Second)
	if _, stderr, err := runCommand(t, addr, admin, "reviewers add rev-1"); err != nil {
		t.Fatalf("role change: %v %q", err, stderr)
	}
	if err := c.wait(wait); err != nil {
		t.Fatal(err)
	}
	close(stop)
	<-typed
	if out, _ := c.textAfter(0); !strings.Contains(out, noticeChanged) || strings.Contains(out, "could not be saved") {
		t.Errorf("the session ended without its notice, or said its saved edits were lost: %q", tail(out))
	}
	k, _, err := st.Resolve(h)
	if err != nil {
		t.Fatal(err)
	}
	d, ok, err := st.Draft("rev-1", k)
	if err != nil {
		t.Fatal(err)
	}
	if !ok || len(d.Feedback["C1"]) < 15 {
		t.Errorf("after the role change the stored draft of %s holds C1 feedback %q (ok=%v): about 2 s of typing (%q…) was dropped", h, d.Feedback["C1"], ok, steadyText[:20])
	}
}

// TestConflictChangeSavesNoConflictedDraft: a reviewer typing feedback
// declares (through an admin) a conflict with the candidate of the attempt
// they hold. Their session ends with its notice, and its last save is
// refused: it stores nothing of the conflicted attempt, and the claim,
// released with the change, is not taken back (rule 7).
func TestConflictChangeSavesNoConflictedDraft(t *testing.T) {
	t.Parallel()
	var district atomic.Value // set once the attempt is known, read by the command
	st, addr, admin, rev := typingServer(t, func(r *review.Reviewer) { r.ConflictDistricts = []string{district.Load().(string)} })
	c := connect(t, addr, rev)
	stop := make(chan struct{})
	h, typed := typeSteadily(t, c, steadyText, stop)
	k, _, err := st.Resolve(h)
	if err != nil {
		t.Fatal(err)
	}
	district.Store(demoDistrict(t, k.Application))
	before := holder(t, st, h)
	time.Sleep(2 * time.Second)
	if _, stderr, err := runCommand(t, addr, admin, "reviewers add rev-1"); err != nil {
		t.Fatalf("conflict change: %v %q", err, stderr)
	}
	if err := c.wait(wait); err != nil {
		t.Fatal(err)
	}
	close(stop)
	<-typed
	if out, _ := c.textAfter(0); !strings.Contains(out, noticeChanged+" (your last edits could not be saved)") {
		t.Errorf("the session ended without its notice, or without saying the edits were lost: %q", tail(out))
	}
	if d, _, err := st.Draft("rev-1", k); err != nil || d.Feedback["C1"] != "" {
		t.Errorf("a save after the conflict stored C1 feedback %q (%v)", d.Feedback["C1"], err)
	}
	if after := holder(t, st, h); before.holder != "rev-1" || after != (claimOf{}) {
		t.Errorf("the claim on %s went from %+v to %+v after the conflict, want it released", h, before, after)
	}
}

// demoDistrict is the district of application app's candidate in
// newDemoStore's records.
func demoDistrict(t *testing.T, app string) string {
	t.Helper()
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range demo.Records(rs, demo.Options{Seed: 1, Applications: 40, Now: time.Now().UTC()}) {
		if s := r.Submission; s != nil && s.Application == app && s.Candidate != nil && s.Candidate.District != "" {
			return s.Candidate.District
		}
	}
	t.Fatalf("no district for %s", app)
	return ""
}

// claimOf is who holds an attempt and until when, as an admin's queue
// shows it.
type claimOf struct {
	holder string
	until  time.Time
}

func holder(t *testing.T, st *store.Store, handle string) claimOf {
	t.Helper()
	q, err := st.Queue("admin-1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range q {
		if it.Handle() == handle && it.Claimed {
			return claimOf{it.Holder, it.Until}
		}
	}
	return claimOf{}
}
