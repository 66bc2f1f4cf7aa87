package store

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"assessor/review"
)

// ErrSnippetNotAllowed means a reviewer without the lead or admin role tried
// to create or remove a shared snippet.
var ErrSnippetNotAllowed = errors.New("only a lead or admin may manage shared snippets")

// Snippets returns the comment bank of one criterion as reviewer sees it:
// the shared snippets first, then reviewer's own, each newest first. Other
// reviewers' personal snippets are never included. It is one read
// transaction over that criterion's keys.
func (s *Store) Snippets(reviewer, credential, criterion string) ([]review.Snippet, error) {
	if !review.ValidID(credential) || !review.ValidID(criterion) {
		return nil, fmt.Errorf("snippets of %q %q: %w: %w", credential, criterion, ErrInvalid, review.ErrBadID)
	}
	return s.listSnippets(reviewer, snippetPrefix(credential, criterion))
}

// ListSnippets is Snippets across criteria: every snippet reviewer sees for
// credential and criterion, where "" means any. The result is sorted by
// credential and criterion, then as Snippets sorts. It reads every snippet
// of the credential (or of the store), so it is for the command line, not
// for screens.
func (s *Store) ListSnippets(reviewer, credential, criterion string) ([]review.Snippet, error) {
	var prefix []byte
	switch {
	case credential == "" && criterion != "":
		return nil, fmt.Errorf("snippets of criterion %s: %w: name its credential too", criterion, ErrInvalid)
	case credential != "" && criterion != "":
		prefix = snippetPrefix(credential, criterion)
	case credential != "":
		prefix = idPrefix(credential)
	}
	return s.listSnippets(reviewer, prefix)
}

// listSnippets walks the snippets under prefix (all of them for nil) and
// keeps the shared ones and reviewer's own.
func (s *Store) listSnippets(reviewer string, prefix []byte) ([]review.Snippet, error) {
	var out []review.Snippet
	err := s.view(func(t *txn) error {
		b := t.bucket(bucketSnippets)
		if b == nil {
			return nil // a store from before comment banks, opened read-only
		}
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var sn review.Snippet
			if err := json.Unmarshal(v, &sn); err != nil {
				return fmt.Errorf("%w (bad snippet %q: %v)", ErrCorrupt, k, err)
			}
			if sn.Shared() || (reviewer != "" && sn.Owner == reviewer) {
				out = append(out, sn)
			}
		}
		return nil
	})
	slices.SortStableFunc(out, compareSnippets)
	return out, err
}

// compareSnippets orders by credential and criterion, shared before
// personal, then newest first. Ids are unpadded sequence numbers, so a
// longer id is a later one, which breaks ties between equal times.
func compareSnippets(a, b review.Snippet) int {
	shared := func(s review.Snippet) int {
		if s.Shared() {
			return 0
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(a.Credential, b.Credential),
		cmp.Compare(a.Criterion, b.Criterion),
		cmp.Compare(shared(a), shared(b)),
		b.CreatedAt.Compare(a.CreatedAt),
		cmp.Compare(len(b.ID), len(a.ID)),
		cmp.Compare(b.ID, a.ID),
	)
}

// SaveSnippet adds a snippet to a comment bank in one transaction and
// returns it as stored: text trimmed, with a new ID (a sequence number) and
// CreatedAt. The snippet is reviewer's own, whatever Owner it names, unless
// Owner is "": that asks for a shared snippet, which only a registered lead
// or admin may create (ErrSnippetNotAllowed otherwise). The credential must
// have a stored rubric version with the criterion (ErrNotFound otherwise),
// and the text must pass review.Snippet.Validate (ErrInvalid).
func (s *Store) SaveSnippet(reviewer string, sn review.Snippet) (review.Snippet, error) {
	if reviewer == "" {
		return review.Snippet{}, fmt.Errorf("save snippet: %w", ErrNoReviewer)
	}
	sn.Text = strings.TrimSpace(sn.Text)
	if err := sn.Validate(); err != nil {
		return review.Snippet{}, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	err := s.update(func(t *txn) error {
		if sn.Owner == "" {
			if err := t.mayShare(reviewer); err != nil {
				return err
			}
		} else {
			sn.Owner = reviewer
		}
		if err := t.hasCriterion(sn.Credential, sn.Criterion); err != nil {
			return err
		}
		b := t.bucket(bucketSnippets)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		sn.ID = strconv.FormatUint(seq, 10)
		sn.CreatedAt = s.clock()
		return t.put(bucketSnippets, snippetKey(sn.Credential, sn.Criterion, sn.ID), sn)
	})
	if err != nil {
		return review.Snippet{}, err
	}
	return sn, nil
}

// DeleteSnippet removes snippet id in one transaction. A reviewer removes
// their own snippets; shared ones only a lead or admin may remove
// (ErrSnippetNotAllowed). Another reviewer's personal snippet is as
// invisible here as in Snippets: ErrNotFound, like an unknown id.
//
// Snippets are keyed by criterion for the picker, so finding one by id walks
// the bucket; removing is rare (a lead retiring a shared snippet), and an
// index would cost every save a second write.
func (s *Store) DeleteSnippet(reviewer, id string) error {
	if reviewer == "" {
		return fmt.Errorf("remove snippet: %w", ErrNoReviewer)
	}
	return s.update(func(t *txn) error {
		b := t.bucket(bucketSnippets)
		notFound := fmt.Errorf("snippet %s: %w", id, ErrNotFound)
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if string(k[bytes.LastIndexByte(k, sep)+1:]) != id {
				continue
			}
			var sn review.Snippet
			if err := json.Unmarshal(v, &sn); err != nil {
				return fmt.Errorf("%w (bad snippet %q: %v)", ErrCorrupt, k, err)
			}
			switch {
			case sn.Shared():
				if err := t.mayShare(reviewer); err != nil {
					return err
				}
			case sn.Owner != reviewer:
				return notFound
			}
			return c.Delete()
		}
		return notFound
	})
}

// mayShare fails with ErrSnippetNotAllowed unless reviewer is a registered
// lead or admin.
func (t *txn) mayShare(reviewer string) error {
	who, ok, err := t.reviewer(reviewer)
	if err != nil {
		return err
	}
	if !ok || !who.CanLead() {
		return fmt.Errorf("reviewer %s: %w", reviewer, ErrSnippetNotAllowed)
	}
	return nil
}

// hasCriterion checks that some stored version of credential's rubric has
// the criterion, so a typo on the command line does not file a snippet
// where no picker will ever look. Attempts scored against an older version
// may use a criterion the latest dropped, hence every version.
func (t *txn) hasCriterion(credential, criterion string) error {
	b := t.bucket(bucketRubrics)
	prefix := idPrefix(credential)
	found := false
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		found = true
		var r review.Rubric
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("%w (bad rubric %q: %v)", ErrCorrupt, k, err)
		}
		if _, ok := r.Criterion(criterion); ok {
			return nil
		}
	}
	if !found {
		return fmt.Errorf("credential %s: %w", credential, ErrNotFound)
	}
	return fmt.Errorf("credential %s has no criterion %s: %w", credential, criterion, ErrNotFound)
}
