package store

import (
	"fmt"

	"assessor/review"
)

// RecordBackup appends to the audit log that by wrote a copy of the whole
// store, the identity vault in it, to dest: the one read of the vault
// that is not a lead's reveal. A store open read-only, or kept at an older
// schema for the copy, is not written.
func (s *Store) RecordBackup(by, dest string) error {
	if s.ReadOnly() {
		return fmt.Errorf("store %s: %w", s.path, ErrReadOnly)
	}
	if s.schema != SchemaVersion {
		return fmt.Errorf("store %s is of schema %d, copied as it is (assessor upgrade first)", s.path, s.schema)
	}
	return s.update(func(t *txn) error {
		return t.appendAudit(review.AuditRecord{At: t.s.clock(), Lead: by, Action: review.AuditBackup, Subject: dest})
	})
}
