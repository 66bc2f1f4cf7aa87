package store

// migrateTo12 counts the stacks again in a store that holds revocations:
// releases before schema 12 left a revoked pass in the stack counts, so a
// stack completed on it stayed in the report's stacks_completed and the
// dashboard's stack progress, and the recount of check now leaves it out
// (revocations.go). A store without revocations is not changed. Past an
// import that died, the counts wait for its rollback (rebuildStackIndex).
func migrateTo12(t *txn) error {
	b := t.bucket(bucketRevocations)
	if b == nil {
		return nil
	}
	if k, _ := b.Cursor().First(); k == nil {
		return nil
	}
	return t.rebuildStackIndex()
}
