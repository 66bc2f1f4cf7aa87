package server

import (
	"testing"
	"time"

	"assessor/review"
)

// TestLeadChangesReachTheOpenReview: a lead's redaction of the attempt a
// reviewer has open replaces its text on their screen at once, without a
// key, and a lead's release of their claim tells them so.
func TestLeadChangesReachTheOpenReview(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	addReviewer(t, st, "lead-1", review.RoleLead)
	creds, err := st.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	// The oldest attempt, so `n` opens it; its text names a third party.
	sub := &review.Submission{Application: "X-1", Credential: creds[0].ID, Attempt: 1,
		SubmittedAt: time.Now().UTC().Add(-150 * 24 * time.Hour),
		Candidate:   &review.Candidate{Name: "Noor Haddad", Email: "noor@example.org"},
		Parts:       []review.EvidencePart{{Title: "Part 1", Text: "Ask my mentor at kim.lee@example.org about it."}}}
	if _, err := st.Import("x.jsonl", []review.Record{{Line: 1, Submission: sub}}); err != nil {
		t.Fatal(err)
	}
	_, addr := startServer(t, st, Config{})
	c := connect(t, addr, rev)
	m := c.mark()
	// Its evidence fits the pane, so openNext's "Evidence   0%" never shows.
	if _, err := c.do("n", wait, " · attempt ", "kim.lee@example.org"); err != nil {
		t.Fatal(err)
	}
	got, _ := c.textAfter(m)
	hm := headerRe.FindStringSubmatch(got)
	if hm == nil {
		t.Fatalf("no handle on the review screen:\n%s", got)
	}
	h := hm[1]
	k, _, err := st.Resolve(h)
	if err != nil {
		t.Fatal(err)
	}

	m = c.mark()
	if _, err := st.WorkFlag("lead-1", k, 1, nil, review.FlagRedact, "a colleague's address"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.waitFor(m, wait, "A lead redacted or released part of this evidence", "[redacted]"); err != nil {
		t.Fatal(err)
	}

	m = c.mark()
	if _, err := st.ReleaseClaim("lead-1", k, "reassigned"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.waitFor(m, wait, "A lead released your claim on "+h); err != nil {
		t.Fatal(err)
	}
}
