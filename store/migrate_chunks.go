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
// commit (633 MB for 12,000 attempts redacted again). Each commit records
// the attempts it changed (bucketUpgradeDone), and the step's last commit
// deletes them and records the schema: a crash leaves the store at the
// schema before the step, and the next upgrade changes only the attempts
// not recorded, rather than changing those again (a flag added twice).
// A list position or a last key would not do: the old build, which still
// opens the store meanwhile, may import an attempt anywhere in the list,
// and that attempt must be changed too.
type attemptStep struct {
	before func(t *txn) error                        // first, in the step's first commit only
	which  func(t *txn) ([]review.AttemptKey, error) // the attempts to change
	each   func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error
}

// upgradeChunk is how many attempts a step changes in one commit: about
// 25 MB of rewritten pages at the 50 KB an attempt redacted again takes.
var upgradeChunk = 500

// keyUpgradeDone, in bucketMeta, is "<schema>" while the step to that
// schema is under way, bucketUpgradeDone holding the attempts it has
// committed. Builds before that recorded "<schema> <n>": the step had
// committed the first n attempts its which listed.
const keyUpgradeDone = "upgrade.done"

// runAttemptStep runs step m, which has m.attempts, in commits of
// upgradeChunk attempts; changed is set once one commits.
func (s *Store) runAttemptStep(m migration, changed *bool) error {
	var (
		keys    []review.AttemptKey
		sc      *review.LeakScanner
		listed  bool
		next    int // keys before it are changed or recorded as done
		counted int // keys before it an earlier build recorded as done by count
	)
	for finished := false; !finished; {
		err := s.db.Update(func(tx *bolt.Tx) error {
			t := &txn{tx: tx, s: s, plain: m.to <= schemaChecksums}
			meta := t.bucket(bucketMeta)
			if !listed {
				underway, n, err := upgradeDone(t, m.to)
				if err != nil {
					return err
				}
				if !underway {
					if err := m.attempts.start(t); err != nil {
						return err
					}
				}
				if keys, err = m.attempts.which(t); err != nil {
					return err
				}
				// The steps change attempts, never the listed names.
				if sc, _, err = t.leakScanner(); err != nil {
					return err
				}
				listed, counted = true, min(n, len(keys))
			}
			marks, err := t.createBucket(bucketUpgradeDone)
			if err != nil {
				return err
			}
			// Marks alone are small: many go in one commit.
			for n, marked := 0, 0; next < len(keys) && n < upgradeChunk && marked < 100*upgradeChunk; next++ {
				k := keys[next]
				ak := attemptKey(k)
				if next < counted {
					marked++
					if err := marks.Put(ak, []byte{}); err != nil {
						return err
					}
					continue
				}
				if marks.Get(ak) != nil {
					continue
				}
				if err := m.attempts.each(t, k, sc); err != nil {
					return fmt.Errorf("attempt %d of %s: %w", k.Attempt, k.Application, err)
				}
				if err := marks.Put(ak, []byte{}); err != nil {
					return err
				}
				n++
			}
			if err := t.flush(); err != nil {
				return err
			}
			if finished = next == len(keys); finished {
				if err := t.deleteBucket(bucketUpgradeDone); err != nil {
					return err
				}
				if err := meta.Delete([]byte(keyUpgradeDone)); err != nil {
					return err
				}
				return setSchema(t, m.to)
			}
			v := strconv.Itoa(m.to)
			if next < counted { // until every one counted is marked
				v += " " + strconv.Itoa(counted)
			}
			return meta.Put([]byte(keyUpgradeDone), []byte(v))
		})
		if err != nil {
			return err
		}
		*changed = true
	}
	return nil
}

// start begins step a: it drops what another step left of its marks (its
// last commit deletes them), then runs before.
func (a *attemptStep) start(t *txn) error {
	if t.bucket(bucketUpgradeDone) != nil {
		if err := t.deleteBucket(bucketUpgradeDone); err != nil {
			return err
		}
	}
	if a.before == nil {
		return nil
	}
	return a.before(t)
}

// upgradeDone reads keyUpgradeDone for the step to schema to: underway
// when it names that step, with counted the n of "<schema> <n>" as builds
// before bucketUpgradeDone recorded it. A value naming another step is an
// earlier one's, which its last commit would have deleted.
func upgradeDone(t *txn, to int) (underway bool, counted int, err error) {
	v := t.bucket(bucketMeta).Get([]byte(keyUpgradeDone))
	if v == nil {
		return false, 0, nil
	}
	step, n, ok := strings.Cut(string(v), " ")
	if ok {
		counted, err = strconv.Atoi(n)
	}
	if _, serr := strconv.Atoi(step); serr != nil || err != nil || counted < 0 {
		return false, 0, fmt.Errorf("%w (meta %s is %q)", ErrCorrupt, keyUpgradeDone, v)
	}
	if step != strconv.Itoa(to) {
		return false, 0, nil
	}
	return true, counted, nil
}
