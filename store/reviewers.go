package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"assessor/review"
)

// AddReviewer creates or replaces a reviewer. The id must be a valid id
// (docs/formats.md); an empty role means review.RoleReviewer.
func (s *Store) AddReviewer(r review.Reviewer) error {
	_, err := s.ChangeReviewer("", r.ID, func(x *review.Reviewer, _ bool, _ []review.Reviewer) error {
		*x = r
		return nil
	}, nil)
	return err
}

// ChangeReviewer has change edit reviewer id (a new one, holding only its
// id, when none is stored: existed false), knowing every stored reviewer,
// and stores the result, by admin by, who is recorded in the audit log for
// each change to who may sign in and as what (review.ReviewerChanges;
// fingerprint names a key line). With by "", nothing is recorded: a store
// being set up (demo) has no admin yet. It is one transaction, so what
// another admin changed meanwhile (a key removed) is neither undone nor
// given to two reviewers. Claims of attempts the change puts in conflict
// with the reviewer are released in it, and counted.
func (s *Store) ChangeReviewer(by, id string, change func(r *review.Reviewer, existed bool, all []review.Reviewer) error, fingerprint func(line string) string) (ChangedReviewer, error) {
	if !review.ValidID(id) {
		return ChangedReviewer{}, fmt.Errorf("reviewer id %q: %w: %w", id, ErrInvalid, review.ErrBadID)
	}
	var r review.Reviewer
	released := 0
	err := s.update(func(t *txn) error {
		before, existed, err := t.reviewer(id)
		if err != nil {
			return err
		}
		all, err := t.reviewers()
		if err != nil {
			return err
		}
		r = before
		if !existed {
			r = review.Reviewer{ID: id}
		}
		r.Keys = slices.Clone(r.Keys)
		if err := change(&r, existed, all); err != nil {
			return err
		}
		if r.ID != id {
			return fmt.Errorf("reviewer %s: %w: the id may not change (to %s)", id, ErrInvalid, r.ID)
		}
		if r.Role == "" { // a caller that leaves it out; the command line refuses --role ""
			r.Role = review.RoleReviewer
		}
		if !review.ValidRole(r.Role) {
			return fmt.Errorf("reviewer %s: %w role %q (want reviewer, lead or admin)", r.ID, ErrInvalid, r.Role)
		}
		if err := t.keepsAnAdmin(r.ID, &r); err != nil {
			return err
		}
		if err := t.put(bucketReviewers, []byte(r.ID), r); err != nil {
			return err
		}
		if existed && !review.SameConflicts(before, r) {
			if released, err = t.releaseConflicted(r); err != nil {
				return err
			}
		}
		if by == "" {
			return nil
		}
		for _, rec := range review.ReviewerChanges(by, t.s.clock(), before, existed, r, fingerprint) {
			if err := t.appendAudit(rec); err != nil {
				return err
			}
		}
		return nil
	})
	return ChangedReviewer{Reviewer: r, Released: released}, err
}

// ChangedReviewer is a reviewer as ChangeReviewer stored them, and how
// many of their claims it released: attempts of candidates the change put
// in conflict with them (rule 7), for others to take.
type ChangedReviewer struct {
	review.Reviewer
	Released int
}

// Reviewer returns the reviewer with the given id; an unknown id wraps
// ErrNotFound.
func (s *Store) Reviewer(id string) (review.Reviewer, error) {
	var r review.Reviewer
	err := s.view(func(t *txn) error {
		var err error
		r, err = t.knownReviewer(id)
		return err
	})
	return r, err
}

// Reviewers lists every reviewer, sorted by id.
func (s *Store) Reviewers() ([]review.Reviewer, error) {
	var out []review.Reviewer
	err := s.view(func(t *txn) (err error) {
		out, err = t.reviewers()
		return err
	})
	return out, err
}

// ReviewerIDs lists, sorted, the id of every registered reviewer, lead
// and admin, and of every one removed since whose decisions or reviews
// stay on record: what a candidate's text withholds (review.Withheld).
// Removed, a reviewer is still the one who decided, and a colleague's
// feedback naming them names a reviewer.
func (s *Store) ReviewerIDs() ([]string, error) {
	var out []string
	err := s.view(func(t *txn) (err error) {
		out, err = t.reviewerIDs()
		return err
	})
	return out, err
}

// reviewerIDs is ReviewerIDs: the reviewers bucket's keys, the ids of
// those removed (keepFormer), and the reviewers of the decision and
// agreement tallies, which hold whoever has a decision or a review of
// record, registered or named by an import.
func (t *txn) reviewerIDs() ([]string, error) {
	var ids []string
	if b := t.bucket(bucketReviewers); b != nil {
		if err := b.ForEach(func(k, _ []byte) error {
			ids = append(ids, string(k))
			return nil
		}); err != nil {
			return nil, err
		}
	}
	c := t.bucket(bucketMeta).Cursor()
	for k, _ := c.Seek([]byte(keyFormerReviewer)); k != nil && bytes.HasPrefix(k, []byte(keyFormerReviewer)); k, _ = c.Next() {
		ids = append(ids, string(k[len(keyFormerReviewer):]))
	}
	if tb := t.bucket(bucketTallies); tb != nil {
		for _, kind := range []byte{subjectReviewer, subjectAgreement} {
			c := tb.Cursor()
			for k, _ := c.Seek([]byte{kind}); k != nil && k[0] == kind; k, _ = c.Next() {
				ids = append(ids, string(k[1:]))
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}

// keyFormerReviewer starts the key, in bucketMeta, of the id of a
// reviewer, lead or admin removed: their decisions and reviews stay on
// record (an amendment may have taken the last from the tallies), and
// candidates' texts go on withholding the id.
const keyFormerReviewer = "former_reviewer\x00"

// keepFormer records id as a removed reviewer's.
func (t *txn) keepFormer(id string) error {
	return t.bucket(bucketMeta).Put([]byte(keyFormerReviewer+id), []byte{})
}

// reviewers lists every reviewer, sorted by id.
func (t *txn) reviewers() ([]review.Reviewer, error) {
	var out []review.Reviewer
	b := t.bucket(bucketReviewers)
	if b == nil {
		return nil, nil
	}
	err := b.ForEach(func(k, v []byte) error {
		var r review.Reviewer
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%w (bad reviewer %q: %v)", ErrCorrupt, k, err)
		}
		out = append(out, r)
		return nil
	})
	return out, err
}

// keepsAnAdmin applies review.KeepsAnAdmin to making reviewer id after
// (nil: removing them).
func (t *txn) keepsAnAdmin(id string, after *review.Reviewer) error {
	all, err := t.reviewers()
	if err != nil {
		return err
	}
	return review.KeepsAnAdmin(all, id, after)
}

// RemoveReviewer deletes reviewer id so none of their keys signs in again,
// and in the same transaction releases every claim they hold and appends
// an audit record naming admin and reason. Their decisions, drafts and
// history stay: they are the program's record. It returns how many claims
// were released; an unknown id wraps ErrNotFound.
func (s *Store) RemoveReviewer(admin, id, reason string) (int, error) {
	released := 0
	err := s.update(func(t *txn) error {
		r, err := t.knownReviewer(id)
		if err != nil {
			return err
		}
		if err := t.keepsAnAdmin(id, nil); err != nil {
			return err
		}
		rec, err := review.PeopleRecord(admin, t.s.clock(), review.AuditReviewerRemoved, fmt.Sprintf("%s (%s)", id, r.Role), reason)
		if err != nil {
			return err
		}
		keys, err := t.releaseAll(id)
		if err != nil {
			return err
		}
		released = len(keys)
		if err := t.del(bucketReviewers, []byte(id)); err != nil {
			return err
		}
		if err := t.keepFormer(id); err != nil {
			return err
		}
		return t.appendAudit(rec)
	})
	if err != nil {
		return 0, fmt.Errorf("remove reviewer: %w", err)
	}
	return released, nil
}

// RemoveReviewerKey removes from reviewer id the first key line match
// accepts (the caller compares fingerprints), audited as RemoveReviewer is,
// and releases the claims the reviewer holds, as RemoveReviewer does: a
// claim names a reviewer, not a key, and one made with a lost key must not
// sit out its lease with nobody able to come back to it. Drafts stay, for
// the reviewer's other keys; with none left, RegisteredOnly refuses a
// claim or save still on its way (gate). It returns how many claims were released; no
// matching key wraps ErrNotFound.
func (s *Store) RemoveReviewerKey(admin, id, fingerprint string, match func(line string) bool, reason string) (int, error) {
	var released []review.AttemptKey
	err := s.update(func(t *txn) error {
		r, err := t.knownReviewer(id)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(r.Keys, match)
		if i < 0 {
			return fmt.Errorf("reviewer %s has no key %s: %w", id, fingerprint, ErrNotFound)
		}
		rec, err := review.PeopleRecord(admin, t.s.clock(), review.AuditKeyRemoved, id+" "+fingerprint, reason)
		if err != nil {
			return err
		}
		r.Keys = slices.Delete(r.Keys, i, i+1)
		if err := t.keepsAnAdmin(id, &r); err != nil {
			return err
		}
		if released, err = t.releaseAll(id); err != nil {
			return err
		}
		if err := t.put(bucketReviewers, []byte(id), r); err != nil {
			return err
		}
		return t.appendAudit(rec)
	})
	if err != nil {
		return 0, fmt.Errorf("remove key: %w", err)
	}
	// A session on another of their keys may have one of these open.
	for _, k := range released {
		s.notify(review.AttemptNotice{Key: k, Released: true, KeyRemoved: true, Holder: id})
	}
	return len(released), nil
}

// releaseConflicted deletes the leases r holds on attempts of candidates
// r now has a conflict with: rule 7 keeps r from opening, saving or
// deciding them, and the claim would keep them from everyone else until it
// lapsed.
func (t *txn) releaseConflicted(r review.Reviewer) (int, error) {
	if !r.HasConflicts() {
		return 0, nil
	}
	var err error
	n, derr := t.deleteLeases(func(k []byte, who string, _ time.Time) bool {
		key, ok := decodeAttemptKey(k)
		if who != r.ID || err != nil || !ok {
			return false
		}
		c, found, cerr := t.candidate(key.Application)
		err = cerr
		return cerr == nil && found && review.Conflicts(r, c)
	})
	if err != nil {
		return 0, err
	}
	return n, derr
}

// releaseAll deletes every lease reviewer holds, live or not, and returns
// their attempts.
func (t *txn) releaseAll(reviewer string) ([]review.AttemptKey, error) {
	var keys []review.AttemptKey
	_, err := t.deleteLeases(func(k []byte, who string, _ time.Time) bool {
		if who != reviewer {
			return false
		}
		if key, ok := decodeAttemptKey(k); ok {
			keys = append(keys, key)
		}
		return true
	})
	return keys, err
}

// knownReviewer reads reviewer id; an unknown id wraps ErrNotFound.
func (t *txn) knownReviewer(id string) (review.Reviewer, error) {
	r, ok, err := t.reviewer(id)
	if err == nil && !ok {
		err = fmt.Errorf("reviewer %s: %w", id, ErrNotFound)
	}
	return r, err
}
