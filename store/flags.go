package store

import (
	"fmt"

	"assessor/review"
)

// The import-time leak scan (docs/workflow.md, "Anonymity"): each new
// attempt's evidence is scanned with review.LeakScanner against its
// candidate's vault entry and the configured list of school and district
// names (config.go). The spans found are stored on the attempt (never the
// matched text), the queue entry counts the places that hold one, and
// bucketLeakIndex lists the attempt for the lead. Changing the list affects
// later imports only; stored attempts keep what was found when they arrived.

// leakScanner builds the scanner of one import from the configured list,
// so a large import compiles the list once.
func (t *txn) leakScanner() (*review.LeakScanner, []string, error) {
	names, err := t.listedNames()
	if err != nil {
		return nil, nil, err
	}
	return review.NewLeakScanner(names), names, nil
}

// recordLeaks scans a's evidence, sets a.Leaks, indexes a when it has any,
// and returns the queue's flag count: the distinct places (parts, the note)
// with a leak. who is the application's vault entry, nil when it has none.
// The caller stores a afterwards.
func (t *txn) recordLeaks(a *review.Attempt, sc *review.LeakScanner, who *review.Candidate) (int, error) {
	return t.indexLeaks(a, sc.Scan(a.Parts, a.Note, who))
}

// indexLeaks is recordLeaks with the scan already done: found is what the
// scanner returned for a's parts, note and candidate (import.go scans
// ahead of the transaction on another core).
func (t *txn) indexLeaks(a *review.Attempt, found []review.Leak) (int, error) {
	a.Leaks = found
	if len(a.Leaks) == 0 {
		return 0, nil
	}
	if err := t.putRaw(bucketLeakIndex, attemptKey(a.Key()), nil); err != nil {
		return 0, err
	}
	return review.LeakParts(a.Leaks), nil
}

// FlaggedAttempt and FlaggedLeak are the lead's list (review/flag_report.go).
type (
	FlaggedAttempt = review.FlaggedAttempt
	FlaggedLeak    = review.FlaggedLeak
)

// Flagged lists every attempt with a likely identity leak, in attempt key
// order, by a walk of the leak index: it reads only flagged attempts.
func (s *Store) Flagged() ([]FlaggedAttempt, error) {
	var out []FlaggedAttempt
	err := s.view(func(t *txn) error {
		b := t.bucket(bucketLeakIndex)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, _ []byte) error {
			key, ok := decodeAttemptKey(k)
			if !ok {
				return fmt.Errorf("%w (bad leak index key %q)", ErrCorrupt, k)
			}
			a, ok, err := t.attempt(key)
			if err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("%w (leak index names missing attempt %s)", ErrCorrupt, key)
			}
			_, decided, err := t.decision(key)
			if err != nil {
				return err
			}
			f := FlaggedAttempt{Key: key, Handle: a.Handle(), Credential: a.Credential, Decided: decided}
			for _, l := range a.Leaks {
				fl := FlaggedLeak{Place: review.LeakPlaceOf(a.Parts, l, a.Leaks), File: l.File > 0 && !l.Attachment, Kind: l.Kind}
				if l.Part >= 0 && l.Part < len(a.Parts) {
					fl.PartTitle = a.Parts[l.Part].Title
				}
				f.Leaks = append(f.Leaks, fl)
			}
			out = append(out, f)
			return nil
		})
	})
	return out, err
}
