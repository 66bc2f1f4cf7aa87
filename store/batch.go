package store

import (
	"errors"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// batchDelay is bbolt's DB.MaxBatchDelay (its default is 10 ms), for any
// caller of bbolt's own DB.Batch; the store's writes group themselves
// (groupCommit below) and wait for no window.
const batchDelay = 2 * time.Millisecond

// tuneBatch sets the batch window on a freshly opened db, before any call.
func tuneBatch(db *bolt.DB) { db.MaxBatchDelay = batchDelay }

// batch runs fn as part of a write transaction shared with other goroutines'
// batched calls: under `serve`, the claims, draft saves and decisions of
// many sessions arriving together share one commit instead of queueing one
// behind another for the single writer. Each caller still gets its own
// result, and its change is stored whole or not at all.
//
// When any fn in a batch fails, the whole batch is rolled back, the failing
// one runs alone and the rest again (as in bbolt's DB.Batch), so fn may run
// more than once: it must set its results afresh on every run (never append
// to or add to something outside the transaction), and only the last run,
// the one that committed, counts. Nothing outside the transaction may
// depend on an earlier run.
func (s *Store) batch(fn func(t *txn) error) error {
	return s.guard(func() error { return s.txError(s.group.run(s.db, s.write(fn))) })
}

// groupCommit groups concurrent batched writes without a time window (bbolt's
// DB.Batch waits MaxBatchDelay before every batch, even a lone claim's):
// a call that finds no commit under way commits at once, alone; calls that
// arrive while a commit is under way queue, and the first of them commits
// them all together as soon as it ends. Under load, every commit carries
// all that arrived during the one before; a lone call waits for nothing.
// The zero value is ready for use.
type groupCommit struct {
	mu      sync.Mutex
	pending []*groupCall
	busy    bool // a caller is committing a group
}

// groupCall is one batched call waiting for its result.
type groupCall struct {
	fn   func(*bolt.Tx) error
	done chan groupResult // buffered: whoever commits never waits on it
}

// groupResult is what a waiting call learns: its result, or that it is to
// commit the queued calls (lead), or to run alone (solo: it failed, or
// panicked, inside a group).
type groupResult struct {
	err        error
	lead, solo bool
}

// errPanicked stands for a panic inside one call of a group: the call runs
// again alone, in its own goroutine, where it panics for its own caller.
var errPanicked = errors.New("panicked in a group commit")

// run commits fn with whatever else is queued and returns fn's result.
func (g *groupCommit) run(db *bolt.DB, fn func(*bolt.Tx) error) error {
	c := &groupCall{fn: fn, done: make(chan groupResult, 1)}
	g.mu.Lock()
	g.pending = append(g.pending, c)
	lead := !g.busy
	g.busy = true
	g.mu.Unlock()
	for {
		if lead {
			g.commit(db)
		}
		r := <-c.done
		switch {
		case r.lead:
			lead = true
		case r.solo:
			return db.Update(fn)
		default:
			return r.err
		}
	}
}

// commit runs every queued call in one write transaction and tells each
// its result, then hands the commit of calls queued meanwhile to the first
// of them. A call that fails or panics is taken out and told to run alone
// once the rest, run again without it, have their result: a panic is
// taken for damage, which stops every write after it (damage.go), so run
// first it failed the calls it was grouped with.
func (g *groupCommit) commit(db *bolt.DB) {
	g.mu.Lock()
	calls := g.pending
	g.pending = nil
	g.mu.Unlock()
	var alone []*groupCall
	defer func() {
		for _, c := range alone {
			c.done <- groupResult{solo: true}
		}
	}()
	defer func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if len(g.pending) > 0 {
			g.pending[0].done <- groupResult{lead: true}
		} else {
			g.busy = false
		}
	}()
	for len(calls) > 0 {
		failed := -1
		ok, err := updateSafely(db, func(tx *bolt.Tx) error {
			for i, c := range calls {
				if err := callSafely(c.fn, tx); err != nil {
					failed = i
					return err
				}
			}
			return nil
		})
		switch {
		case !ok: // bbolt itself panicked: each call tries alone
			for _, c := range calls {
				c.done <- groupResult{solo: true}
			}
			return
		case failed >= 0:
			alone = append(alone, calls[failed])
			calls = slices.Delete(calls, failed, failed+1)
			continue
		}
		for _, c := range calls {
			c.done <- groupResult{err: err}
		}
		return
	}
}

// callSafely runs one call of a group, a panic becoming errPanicked.
func callSafely(fn func(*bolt.Tx) error, tx *bolt.Tx) (err error) {
	defer func() {
		if recover() != nil {
			err = errPanicked
		}
	}()
	return fn(tx)
}

// updateSafely is db.Update(fn), reporting a panic as !ok.
func updateSafely(db *bolt.DB, fn func(*bolt.Tx) error) (ok bool, err error) {
	defer func() {
		if recover() != nil {
			ok, err = false, nil
		}
	}()
	return true, db.Update(fn)
}

// write is fn as a bbolt write function, for update and batch: fn on a
// txn, then the txn's cached tallies flushed.
func (s *Store) write(fn func(t *txn) error) func(*bolt.Tx) error {
	return s.writeTx(fn, true)
}

// writeDespiteDamage is write without the check for damage met: for the
// record of a rescue copy alone (recordRescue).
func (s *Store) writeDespiteDamage(fn func(t *txn) error) func(*bolt.Tx) error {
	return s.writeTx(fn, false)
}

// writeTx is write, checking first for damage met when intact is set.
func (s *Store) writeTx(fn func(t *txn) error, intact bool) func(*bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		// A group may run fn on another caller's goroutine (which hands a
		// panic back to run fn alone in this caller's, where guard
		// recovers it): a fault must panic there too.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		if err := s.intact(); intact && err != nil {
			return err // damage met: nothing more is written (damage.go)
		}
		t := s.newTxn(tx)
		if err := fn(t); err != nil {
			return err
		}
		if err := t.recordClock(); err != nil { // clock.go
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
