package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"assessor/review"
)

// Errors of lead actions.
var (
	// ErrNotLead means the person asking is not a lead or admin: revealing
	// an identity and amending a decision are lead actions.
	ErrNotLead = errors.New("needs role lead or admin")

	// ErrNoReason means a reveal or amendment came without a stated reason,
	// which the audit log and the history must carry.
	ErrNoReason = errors.New("a reason is required")
)

// AuditRecord is one read of the identity vault: who, when, why and which
// application. Records are appended by Reveal and never edited or deleted.
type AuditRecord struct {
	At          time.Time `json:"at"`
	Lead        string    `json:"lead"`
	Application string    `json:"application"`
	Pseudonym   string    `json:"pseudonym"`
	Reason      string    `json:"reason"`
}

// Reveal reads the identity behind an application for a lead and, in the
// same transaction, appends an AuditRecord of the read (design.md,
// "Anonymity model"): if the record cannot be written, nothing is read.
// lead must be a reviewer with role lead or admin (ErrNotLead otherwise);
// a blank reason fails with ErrNoReason before anything is read; an unknown
// application or one without a vault entry wraps ErrNotFound and writes no
// record. The result is for the lead's eyes only: never pass it to a
// reviewer screen, a log or an error message.
func (s *Store) Reveal(lead, applicationID, reason string) (review.Candidate, error) {
	reason = strings.TrimSpace(review.Sanitize(reason))
	if reason == "" {
		return review.Candidate{}, fmt.Errorf("reveal: %w", ErrNoReason)
	}
	var c review.Candidate
	err := s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		app, ok, err := t.application(applicationID)
		if err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("application %s: %w", applicationID, ErrNotFound)
		}
		if c, ok, err = t.candidate(applicationID); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("application %s has no identity on record: %w", applicationID, ErrNotFound)
		}
		return t.appendAudit(AuditRecord{At: t.s.clock(), Lead: lead, Application: app.ID, Pseudonym: app.Pseudonym, Reason: reason})
	})
	if err != nil {
		return review.Candidate{}, fmt.Errorf("reveal: %w", err)
	}
	return c, nil
}

// requireLead fails unless id is a known reviewer whose role may lead.
func (t *txn) requireLead(id string) error {
	if id == "" {
		return ErrNoReviewer
	}
	r, ok, err := t.reviewer(id)
	switch {
	case err != nil:
		return err
	case !ok:
		return fmt.Errorf("reviewer %s: %w (no such reviewer)", id, ErrNotLead)
	case !r.CanLead():
		return fmt.Errorf("reviewer %s has role %s: %w", id, r.Role, ErrNotLead)
	}
	return nil
}

// appendAudit writes r under the audit bucket's next sequence number, so
// records read back in the order they were written.
func (t *txn) appendAudit(r AuditRecord) error {
	b := t.bucket(bucketAudit)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, auditKey(seq), r)
}

// auditKey is the 8-byte big-endian sequence number of an audit record.
func auditKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// Audit lists every audit record, oldest first. No method changes or
// deletes one: the log can only grow.
func (s *Store) Audit() ([]AuditRecord, error) {
	var out []AuditRecord
	err := s.view(func(t *txn) error {
		b := t.bucket(bucketAudit)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var r AuditRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w (bad audit record %x: %v)", ErrCorrupt, k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}
