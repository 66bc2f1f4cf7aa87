package store

// migrateTo12 counts the stacks again in a store that holds revocations:
// releases before schema 12 left a revoked pass in the stack counts, so a
// stack completed on it stayed in the report's stacks_completed and the
// dashboard's stack progress, and the recount of check now leaves it out
// (revocations.go). A store without revocations is not changed.
//
// An import that died before the upgrade still holds its share of the
// counts, which its rollback takes back after the upgrade (recoverImport);
// built afresh now, without the import's hidden passes, the counts would
// lack that share and the rollback fail. Then only the index's mark goes,
// and the counts are built once the import is rolled back.
func migrateTo12(t *txn) error {
	b := t.bucket(bucketRevocations)
	if b == nil {
		return nil
	}
	if k, _ := b.Cursor().First(); k == nil {
		return nil
	}
	if _, dead := importRunning(t.tx); dead {
		return t.bucket(bucketStackMembers).Delete([]byte(keyStacksIndexed))
	}
	return t.rebuildStackIndex()
}
