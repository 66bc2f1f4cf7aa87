package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"

	"assessor/review"
)

// Reveal reads the identity behind an application for a lead and, in the
// same transaction, appends a review.AuditRecord of the read (docs/workflow.md,
// "Anonymity"): if the record cannot be written, nothing is read.
// lead must be a reviewer with role lead or admin (review.ErrNotLead
// otherwise); a blank reason fails with review.ErrNoReason before anything
// is read; the audit record is review.Reveal's. An unknown
// application or one without a vault entry wraps ErrNotFound and writes no
// record. The result is for the lead's eyes only: never pass it to a
// reviewer screen, a log or an error message.
func (s *Store) Reveal(lead, applicationID, reason string) (review.Candidate, error) {
	reason, err := review.Reason(reason)
	if err != nil {
		return review.Candidate{}, fmt.Errorf("reveal: %w", err)
	}
	var c review.Candidate
	err = s.update(func(t *txn) error {
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
		rec, err := review.Reveal(lead, t.s.clock(), app, reason)
		if err != nil {
			return err
		}
		return t.appendAudit(rec)
	})
	if err != nil {
		return review.Candidate{}, fmt.Errorf("reveal: %w", err)
	}
	return c, nil
}

// requireLead reads reviewer id and fails unless review.RequireLead lets
// them lead.
func (t *txn) requireLead(id string) error {
	if id == "" {
		return ErrNoReviewer
	}
	r, ok, err := t.reviewer(id)
	if err != nil {
		return err
	}
	return review.RequireLead(id, r, ok)
}

// appendAudit writes r under the audit bucket's next sequence number, so
// records read back in the order they were written.
func (t *txn) appendAudit(r review.AuditRecord) error {
	return appendLog(t.bucket(bucketAudit), r)
}

// appendLog writes v as JSON under b's next sequence number (auditKey): the
// append-only logs, audit and releases, read back in the order written.
func appendLog(b *bucket, v any) error {
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	return putJSON(b, auditKey(seq), v)
}

// auditKey is the 8-byte big-endian sequence number of an audit record.
func auditKey(seq uint64) []byte { return binary.BigEndian.AppendUint64(nil, seq) }

// Audit lists every audit record, oldest first. No method changes or
// deletes one: the log can only grow.
func (s *Store) Audit() ([]review.AuditRecord, error) {
	return readLog[review.AuditRecord](s, bucketAudit, "audit record")
}

// readLog reads every record of an append-only log bucket, oldest first;
// none when the bucket does not exist yet. what names a record in the
// error about a bad one.
func readLog[T any](s *Store, bucket, what string) ([]T, error) {
	var out []T
	err := s.view(func(t *txn) error {
		return eachLog(t, bucket, what, func(r T) error {
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

// eachLog calls fn with each record of an append-only log bucket in t,
// oldest first, as readLog reads them.
func eachLog[T any](t *txn, bucket, what string, fn func(T) error) error {
	b := t.bucket(bucket)
	if b == nil {
		return nil
	}
	return b.ForEach(func(k, v []byte) error {
		var r T
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%w (bad %s %x: %v)", ErrCorrupt, what, k, err)
		}
		return fn(r)
	})
}
