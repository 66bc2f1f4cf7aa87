package store

import (
	"encoding/json"
	"fmt"

	"assessor/review"
)

// maxProblems bounds the problems Check lists; a store damaged everywhere
// says so in a screenful, then counts the rest.
const maxProblems = 200

// Check verifies the store and returns its problems as one-line messages,
// none when it is healthy. A non-nil error means the check itself could not
// run (for example on a closed store), not that the store is damaged.
//
// It first runs bbolt's own consistency check of the file, looks for every
// bucket and verifies every record's checksum (check_sums.go); on damage
// there it stops, since the records of a broken file cannot be trusted.
// Then it checks the domain invariants:
//   - every attempt is either pending and in both queue indexes, or decided
//     and in neither; queue entries point at real pending attempts, and the
//     two queue indexes agree both ways;
//   - the counters in meta equal the raw counts;
//   - each application's attempts are numbered 1..Attempts, its LastOutcome
//     is its last attempt's, and its pseudonym, report facts,
//     first-submitted index entry and vault entry resolve; no vault entry,
//     report facts or index entry lacks an application;
//   - the running tallies and median turnarounds equal those
//     review.Recompute builds from the raw decisions (field by field, then
//     as whole reports), and the two levels of the turnaround index agree.
//   - every decided attempt has a decision history whose last entry is
//     its decision of record, and no pending attempt has one; amendments
//     name who made them and why; every audit record names its lead,
//     reason and a real application; the leak index lists exactly the
//     attempts that carry leaks (check_logs.go);
//   - every record kept beside an attempt (claim, draft, evidence as
//     submitted, flag work, review time, second review, dispute) names an
//     attempt the store holds (check_orphans.go).
//
// Check reads everything, so its cost and memory grow with the store. It
// runs in one transaction: a write transaction that is rolled back, so that
// Decide and Import wait (bbolt's check is unsafe beside a writer), or a
// read transaction on a store opened read-only, where no writer can exist.
// Messages name applications by id and never show vault data.
func (s *Store) Check() (problems []string, err error) {
	err = s.guard(func() error {
		problems, err = s.check()
		return err
	})
	return problems, err
}

// check is Check; a panic on a damaged page leaves it, caught by guard.
func (s *Store) check() ([]string, error) {
	tx, err := s.db.Begin(!s.db.IsReadOnly())
	if err != nil {
		return nil, s.txError(err)
	}
	defer tx.Rollback()
	c := &checker{t: s.newTxn(tx)}
	// Read under the transaction: no commit rewrites a header meanwhile.
	if p := headerProblem(s.path); p != "" {
		c.problem("%s", p)
	}
	damage := pageProblems(tx, s.path)
	for _, name := range c.t.missingBuckets() {
		c.problem("bucket %s is missing", name)
	}
	if len(c.problems) == 0 && len(damage) == 0 {
		// Records that fail their checksum cannot be checked further.
		damage = sumProblems(tx)
	}
	for _, p := range damage {
		c.problem("%s", p)
	}
	if len(damage) > 0 {
		// No write goes on top of damaged pages or records (damage.go),
		// as when a command meets them. A damaged header is not such:
		// the next commit rewrites it.
		s.damaged(fmt.Errorf("%w (%s)", ErrCorrupt, damage[0]))
	}
	if len(c.problems) == 0 {
		c.records()
		c.tallies()
		c.logs()
		c.blobs()
	}
	if c.dropped > 0 {
		c.problems = append(c.problems, "… and "+review.Count(c.dropped, "more problem", "more problems"))
	}
	return c.problems, nil
}

// checker collects problems and the raw counts and histories it meets.
type checker struct {
	t        *txn
	problems []string
	dropped  int

	histories                          []review.History
	apps, attempts, pending, decisions int
	stacks                             map[string]string // rubricKey → stack
}

func (c *checker) problem(format string, args ...any) {
	if len(c.problems) >= maxProblems {
		c.dropped++
		return
	}
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// records checks the applications, attempts, queues, vault, indexes and
// counters, and gathers the histories c.tallies recomputes.
func (c *checker) records() {
	t := c.t
	c.reverse()
	rubrics := newRubricCache(t)
	cur := t.bucket(bucketApplications).Cursor()
	for k, _ := cur.First(); k != nil; k, _ = cur.Next() {
		c.apps++
		sa, err := t.storedApp(string(k))
		if err != nil {
			c.problem("application %s: %v", k, err)
			continue
		}
		c.application(string(k), sa)
		h, err := sa.history(rubrics)
		if err != nil {
			c.problem("application %s: %v", k, err)
			continue
		}
		c.histories = append(c.histories, h)
	}
	for _, n := range []struct {
		key string
		raw int
	}{{keyApplications, c.apps}, {keyAttempts, c.attempts}, {keyPending, c.pending}, {keyDecided, c.decisions}} {
		if got := t.counter(n.key); got != n.raw {
			c.problem("counter %s is %d, but the store holds %d", n.key, got, n.raw)
		}
	}
}

// application checks one application against its attempts and indexes.
func (c *checker) application(id string, sa storedApp) {
	t, app := c.t, sa.app
	if app.ID != id {
		c.problem("application %s: record names id %q", id, app.ID)
	}
	if app.Attempts != len(sa.attempts) {
		c.problem("application %s: records %s, has %d", id, review.Count(app.Attempts, "attempt", "attempts"), len(sa.attempts))
	}
	var last review.Outcome
	for i, a := range sa.attempts {
		if a.Number != i+1 {
			c.problem("application %s: attempt numbers are not 1..n (attempt %d at position %d)", id, a.Number, i+1)
		}
		if a.Credential != app.Credential {
			c.problem("attempt %s: credential %s, application's is %s", a.key(), a.Credential, app.Credential)
		}
		last = ""
		if d := sa.decisions[i]; d != nil {
			last = d.Outcome
		}
		// A disputed attempt waits for a lead, not in the queue.
		c.queued(a, sa.decisions[i] != nil || t.disputed(a))
	}
	if app.LastOutcome != last {
		c.problem("application %s: last outcome %q, its last attempt's decision says %q", id, app.LastOutcome, last)
	}
	if got := string(t.bucket(bucketPseudonyms).Get([]byte(app.Pseudonym))); got != id {
		c.problem("application %s: pseudonym %s points at %q", id, app.Pseudonym, got)
	}
	f, ok := decodeAppFacts(t.bucket(bucketAppFacts).Get([]byte(id)))
	if !ok {
		c.problem("application %s: report facts missing or damaged", id)
		return
	}
	inVault := t.bucket(bucketVault).Get([]byte(id)) != nil
	switch {
	case f.Vault && !inVault:
		c.problem("application %s: its identity vault entry is missing", id)
	case !f.Vault && inVault:
		c.problem("application %s: has a vault entry its report facts do not record", id)
	}
	if t.bucket(bucketFirstSubmitted).Get(firstSubmittedKey(f.First, id)) == nil {
		c.problem("application %s: not in the first-submitted index", id)
	}
	if len(sa.attempts) == 0 {
		c.problem("application %s: has no attempts", id)
		return
	}
	first := sa.attempts[0]
	if !first.SubmittedAt.Equal(f.First) {
		c.problem("application %s: report facts say attempt 1 was submitted %s, it was %s", id, f.First, first.SubmittedAt)
	}
	if stack, err := c.stack(app.Credential, first.RubricVersion); err != nil {
		c.problem("attempt %s: %v", first.key(), err)
	} else if stack != f.Stack {
		c.problem("application %s: report facts say stack %q, attempt 1's rubric says %q", id, f.Stack, stack)
	}
}

// stack is the stack of a rubric version, read once per version.
func (c *checker) stack(credential string, version int) (string, error) {
	k := string(rubricKey(credential, version))
	if s, ok := c.stacks[k]; ok {
		return s, nil
	}
	r, err := c.t.rubric(credential, version)
	if err != nil {
		return "", err
	}
	if c.stacks == nil {
		c.stacks = map[string]string{}
	}
	c.stacks[k] = r.Stack
	return r.Stack, nil
}

// queued checks that attempt a is in both queue indexes iff it is pending.
func (c *checker) queued(a attemptLite, decided bool) {
	key := queueKey(a.SubmittedAt, a.key())
	for _, cred := range []string{"", a.Credential} {
		b, _ := c.t.queueIndex(cred, false)
		in := b != nil && b.Get(key) != nil
		name := "queue"
		if cred != "" {
			name = "queue of " + cred
		}
		switch {
		case decided && in:
			c.problem("attempt %s: decided but still in the %s", a.key(), name)
		case !decided && !in:
			c.problem("attempt %s: pending but missing from the %s", a.key(), name)
		}
	}
}

// reverse checks what the per-application pass cannot see: records whose
// application, attempt or queue entry is missing.
func (c *checker) reverse() {
	t := c.t
	apps := t.bucket(bucketApplications)
	known := func(id string) bool { return apps.Get([]byte(id)) != nil }
	_ = t.bucket(bucketAttempts).ForEach(func(k, _ []byte) error {
		c.attempts++
		if ak, ok := decodeAttemptKey(k); !ok || !known(ak.Application) {
			c.problem("attempt %s: no such application", keyName(k))
		}
		return nil
	})
	_ = t.bucket(bucketDecisions).ForEach(func(k, _ []byte) error {
		c.decisions++
		if t.bucket(bucketAttempts).Get(k) == nil {
			c.problem("decision on %s: its attempt is missing", keyName(k))
		}
		return nil
	})
	c.pending = c.attempts - c.decisions
	err := t.walkQueue("", func(q queued) (bool, error) {
		a, ok, err := t.attempt(q.key)
		if err != nil || !ok {
			c.problem("queue entry %s: attempt missing or damaged", q.key)
			return false, nil
		}
		var e queueEntry
		if json.Unmarshal(q.value, &e) != nil || e.Credential != a.Credential || !a.SubmittedAt.Equal(q.submittedAt) {
			c.problem("queue entry %s: does not match its attempt", q.key)
		}
		if _, decided, _ := t.decision(q.key); decided {
			c.problem("queue entry %s: attempt already decided", q.key)
		}
		return false, nil
	})
	if err != nil {
		c.problem("queue: %v", err)
	}
	global := t.bucket(bucketQueue)
	_ = t.bucket(bucketQueueByCredential).ForEachBucket(func(cred []byte) error {
		return t.bucket(bucketQueueByCredential).Bucket(cred).ForEach(func(k, v []byte) error {
			var e queueEntry
			if gv := global.Get(k); gv == nil || json.Unmarshal(gv, &e) != nil || e.Credential != string(cred) {
				_, key, _ := decodeQueueKey(k)
				// A nested bucket's name has no checksum: it may be damaged.
				c.problem("queue of %s: entry %s is not in the queue under that credential", idText(cred), key)
			}
			return nil
		})
	})
	for _, b := range []struct{ bucket, what string }{{bucketVault, "vault entry"}, {bucketAppFacts, "report facts"}} {
		_ = t.bucket(b.bucket).ForEach(func(k, _ []byte) error {
			if !known(string(k)) {
				c.problem("%s %s: no such application", b.what, k)
			}
			return nil
		})
	}
	_ = t.bucket(bucketFirstSubmitted).ForEach(func(k, _ []byte) error {
		at, id, ok := decodeFirstSubmittedKey(k)
		if f, fok := decodeAppFacts(t.bucket(bucketAppFacts).Get([]byte(id))); !ok || !known(id) || !fok || !f.First.Equal(at) {
			c.problem("first-submitted index entry %q: no application submitted then", k)
		}
		return nil
	})
	_ = t.bucket(bucketPseudonyms).ForEach(func(k, v []byte) error {
		var app review.Application
		if ok, err := t.get(bucketApplications, v, &app); err != nil || !ok || app.Pseudonym != string(k) {
			c.problem("pseudonym %s: application %q does not carry it", k, v)
		}
		return nil
	})
}

// keyName shows an attemptKey as "A-1#2", or quoted when it is not one.
func keyName(k []byte) string {
	if ak, ok := decodeAttemptKey(k); ok && len(k) == len(attemptKey(ak)) {
		return ak.String()
	}
	return fmt.Sprintf("%q", k)
}
