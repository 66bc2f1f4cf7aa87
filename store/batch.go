package store

import (
	"runtime/debug"
	"time"

	bolt "go.etcd.io/bbolt"
)

// batchDelay is how long bbolt collects concurrent batched writes before it
// commits them together (DB.MaxBatchDelay; bbolt's default is 10 ms). One
// commit is about 0.5 ms alone and many times that when 200 `serve`
// sessions compete for two cores, so a short window already gathers a
// burst; a long one would be added to every lone claim or decision.
const batchDelay = 2 * time.Millisecond

// tuneBatch sets the batch window on a freshly opened db, before any call.
func tuneBatch(db *bolt.DB) { db.MaxBatchDelay = batchDelay }

// batch runs fn as part of a write transaction shared with other goroutines'
// batched calls (bbolt's DB.Batch): under `serve`, the claims, draft saves
// and decisions of many sessions arriving together share one commit instead
// of queueing one behind another for the single writer. Each caller still
// gets its own result, and its change is stored whole or not at all.
//
// When any fn in a batch fails, bbolt rolls the whole batch back, runs the
// failing one alone and the rest again, so fn may run more than once: it
// must set its results afresh on every run (never append to or add to
// something outside the transaction), and only the last run, the one that
// committed, counts. Nothing outside the transaction may depend on an
// earlier run.
func (s *Store) batch(fn func(t *txn) error) error {
	return s.guard(func() error { return s.txError(s.db.Batch(s.write(fn))) })
}

// write is fn as a bbolt write function, for update and batch: fn on a
// txn, then the txn's cached tallies flushed.
func (s *Store) write(fn func(t *txn) error) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		// A batch runs fn on bbolt's goroutine, which re-panics in the
		// caller's (guard recovers it there): a fault must panic here too.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		t := s.newTxn(tx)
		if err := fn(t); err != nil {
			return err
		}
		if err := t.flush(); err != nil {
			return err
		}
		// Before the commit, under the writer's lock: an import's apply
		// then sees every commit it did not snapshot (import_snapshot.go).
		t.s.gens.bump(t.touched)
		return nil
	}
}
