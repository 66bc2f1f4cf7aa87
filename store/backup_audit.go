package store

import (
	"fmt"

	"assessor/review"
)

// RecordBackup appends to the audit log that by wrote a copy of the whole
// store, the identity vault in it, to dest: the one read of the vault
// that is not a lead's reveal. A store open read-only, or kept at an older
// schema for the copy, is not written. The error says the backup is not
// in the log, for the caller to print beside the copy it keeps.
func (s *Store) RecordBackup(by, dest string) error {
	var err error
	switch {
	case s.ReadOnly():
		err = fmt.Errorf("store %s: %w", s.path, ErrReadOnly)
	case s.schema != SchemaVersion:
		err = fmt.Errorf("store %s is of schema %d, copied as it is (assessor upgrade first)", s.path, s.schema)
	default:
		err = s.update(func(t *txn) error {
			return t.appendAudit(review.AuditRecord{At: t.s.clock(), Lead: by, Action: review.AuditBackup, Subject: dest})
		})
	}
	if err != nil {
		return fmt.Errorf("the backup is not in the audit log: %w", err)
	}
	return nil
}
