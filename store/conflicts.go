package store

import (
	"encoding/json"
	"fmt"
	"sort"

	"assessor/review"
)

// NearMiss is one pending attempt whose candidate's district or state is
// close to, but not the same as, one a reviewer declared a conflict with
// (review.NearDistrict): the lead confirms whether the reviewer meant it.
type NearMiss struct {
	Reviewer string
	Declared string // the reviewer's conflict as they wrote it
	Value    string // the candidate's district (vault data: the listing is audited)
	Handle   string
}

// NearMisses lists, for every reviewer with declared conflicts, the
// pending attempts whose candidate's district is near one of theirs, by
// reviewer, then handle. The candidates' districts are vault data: a
// reason is required, and one audit record (review.AuditNearMisses) per
// application listed is written in the same transaction as the read.
func (s *Store) NearMisses(lead, reason string) ([]NearMiss, error) {
	if _, err := review.Reason(reason); err != nil {
		return nil, fmt.Errorf("near-misses: %w", err)
	}
	var out []NearMiss
	err := s.update(func(t *txn) error {
		out = nil
		if err := t.requireLead(lead); err != nil {
			return err
		}
		var withConflicts []review.Reviewer
		if err := t.bucket(bucketReviewers).ForEach(func(k, v []byte) error {
			var r review.Reviewer
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("%w (bad reviewer %q: %v)", ErrCorrupt, k, err)
			}
			if len(r.ConflictDistricts) > 0 {
				withConflicts = append(withConflicts, r)
			}
			return nil
		}); err != nil || len(withConflicts) == 0 {
			return err
		}
		audited := map[string]bool{}
		return t.bucket(bucketQueue).ForEach(func(k, v []byte) error {
			_, key, ok := decodeQueueKey(k)
			if !ok {
				return fmt.Errorf("%w (bad queue key %q)", ErrCorrupt, k)
			}
			var e queueEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w (bad queue entry %q: %v)", ErrCorrupt, k, err)
			}
			c, ok, err := t.candidate(key.Application)
			if err != nil || !ok {
				return err
			}
			handle := review.QueueItem{Pseudonym: e.Pseudonym, Attempt: key.Attempt}.Handle()
			for _, r := range withConflicts {
				if review.Conflicts(r, c) {
					continue // a conflict already: nothing to confirm
				}
				for _, d := range r.ConflictDistricts {
					if !review.NearDistrict(d, c.District) {
						continue
					}
					out = append(out, NearMiss{Reviewer: r.ID, Declared: d, Value: c.District, Handle: handle})
					if !audited[key.Application] {
						audited[key.Application] = true
						rec, err := review.AuditAction(lead, t.s.clock(), review.Application{ID: key.Application, Pseudonym: e.Pseudonym}, review.AuditNearMisses, reason)
						if err != nil {
							return err
						}
						if err := t.appendAudit(rec); err != nil {
							return err
						}
					}
				}
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Reviewer != out[j].Reviewer {
			return out[i].Reviewer < out[j].Reviewer
		}
		return out[i].Handle < out[j].Handle
	})
	return out, err
}
