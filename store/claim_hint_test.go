package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"assessor/review"
)

// TestClaimHintAgreesWithTheHead: claims that share a transaction, as a
// group commit's do, start where the held attempts at the queue's head
// end (claim_hint.go). Run against a store whose claims always walk from
// the head, every claim of random transactions (claims by reviewers who
// hold nothing and by ones who do, for one credential or all, releases,
// leases expiring between claims) must get the same attempt or error.
func TestClaimHintAgreesWithTheHead(t *testing.T) {
	for seed := range uint64(6) {
		hinted, plain := newFixture(t), newFixture(t)
		plain.noClaimHint = true
		for _, f := range []*fixture{hinted, plain} {
			f.addPending(0, 80)
			// Another credential's attempts among them: a walk of one
			// credential sees only its own, so it must leave no hint.
			lines := make([]line, 0, 40)
			for i := range 40 {
				at := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(2*i)*time.Minute + 30*time.Second)
				lines = append(lines, submission(fmt.Sprintf("Q-%07d", i), "classroom-discourse", 1, at.Format(time.RFC3339)))
			}
			f.mustImport(lines...)
		}
		rng := rand.New(rand.NewPCG(seed, 7))
		reviewers := make([]string, 24)
		for i := range reviewers {
			reviewers[i] = fmt.Sprintf("rev-%02d", i)
		}
		type op struct {
			kind     int // 0 claim, 1 release, 2 the clock moves on
			reviewer string
			cred     string
			d        time.Duration
		}
		hits := 0
		for batch := range 40 {
			ops := make([]op, 1+rng.IntN(30))
			for i := range ops {
				o := op{reviewer: reviewers[rng.IntN(len(reviewers))]}
				switch r := rng.IntN(20); {
				case r < 13:
					if rng.IntN(4) == 0 {
						o.cred = []string{"descriptive-feedback", "classroom-discourse"}[rng.IntN(2)]
					}
				case r < 17:
					o.kind = 1
				default:
					o.kind, o.d = 2, time.Duration(rng.IntN(20))*time.Minute
				}
				ops[i] = o
			}
			run := func(f *fixture) (out []string, hinted int) {
				err := f.update(func(tx *txn) error {
					out = out[:0]
					for _, o := range ops {
						switch o.kind {
						case 0:
							if tx.hintFrom(f.clock.Now()) != nil {
								hinted++
							}
							k, _, _, err := tx.next(o.reviewer, o.cred)
							out = append(out, fmt.Sprintf("%s claims %v (%v)", o.reviewer, k, err))
						case 1:
							n := 0
							for _, k := range f.heldBy(tx, o.reviewer) {
								if err := tx.del(bucketLeases, attemptKey(k)); err != nil {
									return err
								}
								n++
							}
							out = append(out, fmt.Sprintf("%s releases %d", o.reviewer, n))
						case 2:
							f.clock.Advance(o.d)
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				return out, hinted
			}
			got, h := run(hinted)
			want, _ := run(plain)
			hits += h
			for i := range want {
				if got[i] != want[i] {
					t.Fatalf("seed %d, transaction %d, step %d: with the hint %q, from the head %q", seed, batch, i, got[i], want[i])
				}
			}
		}
		if hits == 0 {
			t.Fatalf("seed %d: no claim started from a hint: the test did not exercise it", seed)
		}
	}
}

// heldBy is the attempts reviewer holds a live lease on, in tx.
func (f *fixture) heldBy(tx *txn, reviewer string) []review.AttemptKey {
	var out []review.AttemptKey
	err := tx.bucket(bucketLeases).ForEach(func(k, v []byte) error {
		who, expires, ok := decodeLease(v)
		if key, okKey := decodeAttemptKey(k); ok && okKey && (review.Lease{Reviewer: who, Expires: expires}).Holds(reviewer, f.clock.Now()) {
			out = append(out, key)
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// TestClaimHintEndsWhenAttemptsAreQueued: queueing an attempt ends the
// transaction's hint, as it may sort before it.
func TestClaimHintEndsWhenAttemptsAreQueued(t *testing.T) {
	f := newFixture(t)
	keys := f.addPending(0, 5)
	err := f.update(func(tx *txn) error {
		for _, r := range []string{"rev-a", "rev-b"} {
			if _, _, _, err := tx.next(r, ""); err != nil {
				return err
			}
		}
		if tx.hintFrom(f.clock.Now()) == nil {
			t.Fatal("no hint after two claims")
		}
		a, ok, err := tx.attempt(keys[0])
		if err != nil || !ok {
			t.Fatalf("attempt %v: %v %v", keys[0], ok, err)
		}
		if err := tx.enqueue(a, 0); err != nil {
			return err
		}
		if tx.hintFrom(f.clock.Now()) != nil {
			t.Error("the hint outlived an attempt queued")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
