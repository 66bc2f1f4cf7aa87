package store

import (
	"fmt"

	"assessor/review"
)

// migrateTo9 moves the candidate fields that earlier releases stored under
// another case into their fields (review.Candidate.FoldFields). Those
// releases kept {"Name": …} as an extra attribute, so the name was flagged
// in the evidence but not redacted, a later attempt repeating the candidate
// was refused as a different one, the district did not count for conflicts
// of interest, and an email so written was missing from the stack index
// and badges. Each vault entry that changes has its stored attempts
// redacted again (migrate_rematch.go); when an email moved, the stack
// index is built again.
func migrateTo9(t *txn) error {
	ids, err := t.vaultIDs()
	if err != nil {
		return err
	}
	var moved []string
	emails := false
	for _, id := range ids {
		c, ok, err := t.candidate(id)
		if err != nil || !ok {
			return err
		}
		email := c.Email
		if !c.FoldFields() {
			continue
		}
		if err := t.put(bucketVault, []byte(id), c); err != nil {
			return err
		}
		moved = append(moved, id)
		emails = emails || c.Email != email
	}
	if len(moved) == 0 {
		return nil
	}
	if err := t.redactApplicationsAgain(moved); err != nil {
		return err
	}
	if emails {
		return t.rebuildStackIndex()
	}
	return nil
}

// rebuildStackIndex builds the stack index afresh, as stackIndex does once
// it lacks its mark.
//
// An import that died before the upgrade still holds its share of the
// counts, which its rollback takes back after the upgrade (recoverImport);
// built afresh now, without the import's hidden passes, the counts would
// lack that share and the rollback fail on every open. Then only the
// index's mark goes, and the counts are built once the import is rolled
// back.
func (t *txn) rebuildStackIndex() error {
	members := t.bucket(bucketStackMembers)
	if members != nil && members.Get([]byte(keyStacksIndexed)) != nil {
		if err := members.Delete([]byte(keyStacksIndexed)); err != nil {
			return err
		}
	}
	if _, dead := importRunning(t.tx); dead {
		return nil
	}
	_, _, _, err := t.stackIndex()
	return err
}

// vaultIDs is the id of every application with an identity on record.
func (t *txn) vaultIDs() ([]string, error) {
	var ids []string
	err := t.bucket(bucketVault).ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
		return nil
	})
	return ids, err
}

// redactApplicationsAgain redacts every stored attempt of each of ids
// again (migrate_rematch.go).
func (t *txn) redactApplicationsAgain(ids []string) error {
	sc, _, err := t.leakScanner()
	if err != nil {
		return err
	}
	keys, err := t.attemptsOf(ids)
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := t.redactAgain(k, sc); err != nil {
			return fmt.Errorf("redact %s attempt %d: %w", k.Application, k.Attempt, err)
		}
	}
	return nil
}

// attemptsOf is the key of every stored attempt of each of ids, in order.
func (t *txn) attemptsOf(ids []string) ([]review.AttemptKey, error) {
	var keys []review.AttemptKey
	for _, id := range ids {
		app, ok, err := t.application(id)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // an identity on record without its application: nothing to redact
		}
		for n := 1; n <= app.Attempts; n++ {
			keys = append(keys, review.AttemptKey{Application: id, Attempt: n})
		}
	}
	return keys, nil
}
