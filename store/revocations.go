package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"assessor/review"
)

// ErrRevoked means the assertion is already revoked; a revocation stands
// forever and is not recorded twice.
var ErrRevoked = errors.New("already revoked")

// Revocation is a lead's withdrawal of an issued assertion: who, when and
// why. The reason is kept as written; the export publishes it in the
// revocation list and in the assertion itself with reviewer ids, handles
// and contacts withheld (cli/export_badges_reasons.go).
type Revocation struct {
	Assertion string    `json:"assertion"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
	Reason    string    `json:"reason"`
}

// Revoke records that a lead or admin revokes assertion id, for reason
// (required: review.ErrNoReason), and returns the record with the badge it
// revokes. The assertion must be one the store issues now (ErrNotFound
// otherwise), not already revoked, nor withdrawn by an amendment
// (ErrRevoked), nor issued after now (review.ErrDatedAhead: a pass imported
// ahead of the clock). Records are kept forever: no method edits or
// deletes one. Finding the badge reads every
// application, in a read transaction; then the record is written, and a
// credential badge's pass leaves the stack counts (revokePass), as it
// leaves the badge set's stacks. A stack badge revoked by itself moves no
// count: its passes stand, and the badge set still finds the completion.
func (s *Store) Revoke(lead, id, reason string) (Revocation, Badge, error) {
	reason, err := review.Reason(reason)
	if err != nil {
		return Revocation{}, Badge{}, fmt.Errorf("revoke: %w", err)
	}
	reason = strings.Join(strings.Fields(reason), " ")
	if review.HoldsEmail(reason) {
		// revocations.json is public, and hosted next to hashed recipients.
		return Revocation{}, Badge{}, errors.New("revoke: the reason holds an email address, and the revocation list publishes it: leave identity out")
	}
	set, err := s.Badges(lead)
	if err != nil {
		return Revocation{}, Badge{}, fmt.Errorf("revoke: %w", err)
	}
	i := sort.Search(len(set.Badges), func(i int) bool { return set.Badges[i].ID >= id })
	if i == len(set.Badges) || set.Badges[i].ID != id {
		return Revocation{}, Badge{}, review.Mendf("badges list", "", "revoke: %w: no assertion %q (see: %s)", ErrNotFound, id)
	}
	if r := set.Badges[i].Revocation; r != nil { // revoked, or its pass amended away
		return Revocation{}, Badge{}, review.Mendf("badges list", "", "revoke: assertion %s: %w: %s (see: %s)", id, ErrRevoked, r.Reason)
	}
	rec := Revocation{Assertion: id, By: lead, Reason: reason}
	err = s.update(func(t *txn) error {
		if err := t.requireLead(lead); err != nil {
			return err
		}
		rec.At = t.s.clock()
		if err := review.NotDatedAhead("the badge", set.Badges[i].IssuedOn, rec.At, "revoke"); err != nil {
			return fmt.Errorf("assertion %s: %w", id, err)
		}
		if err := t.notConflicted(lead, id, set.Badges[i].Applications); err != nil {
			return err
		}
		b, err := t.createBucket(bucketRevocations)
		if err != nil {
			return err
		}
		if b.Get([]byte(id)) != nil {
			return review.Mendf("badges list", "", "assertion %s: %w (see: %s)", id, ErrRevoked)
		}
		if bg := set.Badges[i]; bg.Stack == "" {
			if err := t.revokePass(bg.Applications[0]); err != nil { // stacks.go
				return err
			}
		}
		return putJSON(b, []byte(id), rec)
	})
	if err != nil {
		return Revocation{}, Badge{}, fmt.Errorf("revoke: %w", err)
	}
	badge := set.Badges[i]
	badge.Revocation = &rec
	return rec, badge, nil
}

// Revocations lists every revocation a lead made, by assertion id,
// including those of assertions the store no longer issues.
func (s *Store) Revocations() ([]Revocation, error) {
	var out []Revocation
	err := s.view(func(t *txn) error {
		m, err := t.revocations()
		for _, r := range m {
			out = append(out, r)
		}
		return err
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Assertion < out[j].Assertion })
	return out, err
}

// revocations reads every revocation, keyed by assertion id.
func (t *txn) revocations() (map[string]Revocation, error) {
	m := map[string]Revocation{}
	b := t.bucket(bucketRevocations)
	if b == nil {
		return m, nil
	}
	return m, b.ForEach(func(k, v []byte) error {
		var r Revocation
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%w (bad revocation %q: %v)", ErrCorrupt, k, err)
		}
		m[string(k)] = r
		return nil
	})
}

// notConflicted refuses lead's revocation of assertion id when lead
// declared a conflict with the candidate of any of its applications: a
// revocation withdraws a pass, which rule 7 leaves to another lead, as it
// does amending one.
func (t *txn) notConflicted(lead, id string, apps []string) error {
	g, err := t.gate(lead)
	if err != nil {
		return err
	}
	for _, app := range apps {
		conflicted, err := g.conflicted(app)
		if err != nil {
			return err
		}
		if conflicted {
			return fmt.Errorf("assertion %s: %w: another lead must revoke it", id, review.ErrConflictOfInterest)
		}
	}
	return nil
}
