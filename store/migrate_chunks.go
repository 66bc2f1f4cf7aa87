package store

import (
	"fmt"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// An attemptStep is a migration that changes stored attempts one by one.
// It commits every upgradeChunk attempts, so that memory does not grow with
// the store: in one transaction bbolt holds every page it rewrote until the
// commit (633 MB for 12,000 attempts redacted again). Each commit records how
// far the step got (keyUpgradeDone), and the step's last commit deletes that
// and records the schema: a crash leaves the store at the schema before the
// step, and the next upgrade goes on after the last attempt committed rather
// than changing those again (a flag added twice).
type attemptStep struct {
	before func(t *txn) error // first, in the step's first commit only
	// which lists the attempts to change, in an order the step does not
	// change, so a step that goes on after a crash lists the same ones.
	which func(t *txn) ([]review.AttemptKey, error)
	each  func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error
}

// upgradeChunk is how many attempts a step changes in one commit: about
// 25 MB of rewritten pages at the 50 KB an attempt redacted again takes.
var upgradeChunk = 500

// keyUpgradeDone, in bucketMeta, is "<schema> <n>" while the step to that
// schema has committed the first n of its attempts.
const keyUpgradeDone = "upgrade.done"

// runAttemptStep runs step m, which has m.attempts, in commits of
// upgradeChunk attempts; changed is set once one commits.
func (s *Store) runAttemptStep(m migration, changed *bool) error {
	var (
		keys []review.AttemptKey
		sc   *review.LeakScanner
	)
	for finished := false; !finished; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			t := &txn{tx: tx, s: s, plain: m.to <= schemaChecksums}
			done, err := upgradeDone(t, m.to)
			if err != nil {
				return err
			}
			if keys == nil {
				if done == 0 && m.attempts.before != nil {
					if err := m.attempts.before(t); err != nil {
						return err
					}
				}
				if keys, err = m.attempts.which(t); err != nil {
					return err
				}
				if keys == nil {
					keys = []review.AttemptKey{}
				}
				// The steps change attempts, never the listed names.
				if sc, _, err = t.leakScanner(); err != nil {
					return err
				}
			}
			end := min(done+upgradeChunk, len(keys))
			for _, k := range keys[min(done, end):end] {
				if err := m.attempts.each(t, k, sc); err != nil {
					return fmt.Errorf("attempt %d of %s: %w", k.Attempt, k.Application, err)
				}
			}
			if err := t.flush(); err != nil {
				return err
			}
			meta := t.bucket(bucketMeta)
			if finished = end == len(keys); finished {
				if err := meta.Delete([]byte(keyUpgradeDone)); err != nil {
					return err
				}
				return setSchema(t, m.to)
			}
			return meta.Put([]byte(keyUpgradeDone), []byte(strconv.Itoa(m.to)+" "+strconv.Itoa(end)))
		})
		if err != nil {
			return err
		}
		*changed = true
	}
	return nil
}

// upgradeDone is how many attempts the step to schema to committed before
// the store was last closed: 0 unless keyUpgradeDone names that step.
func upgradeDone(t *txn, to int) (int, error) {
	v := t.bucket(bucketMeta).Get([]byte(keyUpgradeDone))
	if v == nil {
		return 0, nil
	}
	step, n, ok := strings.Cut(string(v), " ")
	done, err := strconv.Atoi(n)
	if !ok || err != nil || done < 0 {
		return 0, fmt.Errorf("%w (meta %s is %q)", ErrCorrupt, keyUpgradeDone, v)
	}
	if step != strconv.Itoa(to) {
		return 0, nil // an earlier step's, which its last commit would have deleted
	}
	return done, nil
}
