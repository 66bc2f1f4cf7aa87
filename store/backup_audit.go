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
func (s *Store) RecordBackup(by, dest string) error { return s.recordBackup(by, dest, s.update) }

// recordRescue is RecordBackup for a copy forced out of the store
// (BackupAs with force), once it has left: written even after the store
// has met damage, which refuses every other change (damage.go). Under
// serve, a backup refused as damaged was followed by the forced copy the
// refusal advises, and that copy of the vault left with no record, where
// a process of its own, which had not met the damage, records it.
func (s *Store) recordRescue(by, dest string) error {
	return s.recordBackup(by, dest, func(fn func(t *txn) error) error {
		return s.guard(func() error { return s.txError(s.db.Update(s.writeDespiteDamage(fn))) })
	})
}

// recordBackup is RecordBackup, its record written by update.
func (s *Store) recordBackup(by, dest string, update func(func(t *txn) error) error) error {
	var err error
	switch {
	case s.ReadOnly():
		err = fmt.Errorf("store %s: %w", s.path, ErrReadOnly)
	case s.schema != SchemaVersion:
		err = fmt.Errorf("store %s is of schema %d, copied as it is (assessor upgrade first)", s.path, s.schema)
	default:
		err = update(func(t *txn) error {
			return t.appendAudit(review.AuditRecord{At: t.s.clock(), Lead: by, Action: review.AuditBackup, Subject: dest})
		})
	}
	if err != nil {
		return fmt.Errorf("the backup is not in the audit log: %w", err)
	}
	return nil
}
