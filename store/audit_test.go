package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// leadFixture is a store with one application A-1 (candidate Dana Ruiz), a
// lead and a plain reviewer.
func leadFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	for _, r := range []review.Reviewer{{ID: "lead-1", Role: review.RoleLead}, {ID: "rev-1"}} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestRevealAudits(t *testing.T) {
	f := leadFixture(t)
	f.clock.Advance(time.Hour)
	c, err := f.Reveal("lead-1", "A-1", "  candidate appeal #12  ")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Dana Ruiz" || c.Email != "dana@example.org" {
		t.Errorf("revealed %+v", c)
	}
	recs, err := f.Audit()
	if err != nil {
		t.Fatal(err)
	}
	app, _ := f.Application("A-1")
	want := review.AuditRecord{At: t0.Add(time.Hour), Lead: "lead-1", Application: "A-1", Pseudonym: app.Pseudonym, Reason: "candidate appeal #12"}
	if len(recs) != 1 || recs[0] != want {
		t.Fatalf("audit %+v, want %+v", recs, want)
	}
	f.mustCheck()
}

// TestRevealRefusals is the wiring of Reveal's refusals: each reaches the
// caller as a typed error, returns no identity and audits nothing. The
// rules are review.TestReveal and review.TestRequireLead; the cases here
// are the ones whose state the store reads from disk: the person's role
// and the application.
func TestRevealRefusals(t *testing.T) {
	f := leadFixture(t)
	tests := []struct {
		name, lead, app, reason string
		is                      error
	}{
		{"reviewer role", "rev-1", "A-1", "curious", review.ErrNotLead},
		{"unknown person", "nobody", "A-1", "curious", review.ErrNotLead},
		{"unknown application", "lead-1", "A-9", "appeal", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := f.Reveal(tt.lead, tt.app, tt.reason)
			if !errors.Is(err, tt.is) {
				t.Errorf("err %v, want %v", err, tt.is)
			}
			if c.Name != "" || c.Email != "" {
				t.Error("identity returned with an error")
			}
		})
	}
	if recs, _ := f.Audit(); len(recs) != 0 {
		t.Errorf("refused reveals were audited: %+v", recs)
	}
}

// TestRevealNoVaultEntry: an application imported without a candidate has
// nothing to reveal, and no audit record claims a read.
func TestRevealNoVaultEntry(t *testing.T) {
	f := leadFixture(t)
	f.mustImport(submission("A-2", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", nil))
	if _, err := f.Reveal("lead-1", "A-2", "appeal"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("err %v", err)
	}
	if recs, _ := f.Audit(); len(recs) != 0 {
		t.Errorf("audit %+v", recs)
	}
}

func TestCheckFindsBadAuditRecord(t *testing.T) {
	f := leadFixture(t)
	if _, err := f.Reveal("lead-1", "A-1", "appeal"); err != nil {
		t.Fatal(err)
	}
	f.corrupt(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketAudit)).Put(auditKey(99), []byte(`{"lead":"","application":"A-7"}`))
	})
	probs, err := f.Check()
	if err != nil || len(probs) != 2 {
		t.Fatalf("check: %v %q", err, probs)
	}
}

// TestAuditListsInOrderPastAByte: the audit log lists its records in the
// order they were written (oldest first) however many there are: past
// 256, too, where a key that did not sort as its sequence number would
// put record 257 beside the first.
func TestAuditListsInOrderPastAByte(t *testing.T) {
	f := leadFixture(t)
	const n = 300
	for i := range n {
		f.clock.Advance(time.Minute)
		if _, err := f.Reveal("lead-1", "A-1", fmt.Sprintf("candidate appeal #%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	recs, err := f.Audit()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != n {
		t.Fatalf("%d audit records, want %d", len(recs), n)
	}
	for i, r := range recs {
		if want := fmt.Sprintf("candidate appeal #%d", i); r.Reason != want {
			t.Fatalf("audit record %d is %q, want %q (written in that order)", i, r.Reason, want)
		}
	}
}
