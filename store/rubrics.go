package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"

	"assessor/review"
)

// AddRubric stores one version of a credential's rubric. Re-adding an
// identical rubric is a no-op reported as added == false; the same id and
// version with other content fails with ErrRubricChanged, since attempts
// already scored against a version must keep seeing it as it was.
func (s *Store) AddRubric(r review.Rubric) (added bool, err error) {
	a, err := s.AddRubrics([]review.Rubric{r})
	if err != nil {
		var re *RubricError
		if errors.As(err, &re) {
			err = re.Err // one rubric: no index to tell
		}
		return false, err
	}
	return a[0], nil
}

// RubricError is AddRubrics failing on rubric Index of those given.
type RubricError struct {
	Index int
	Err   error
}

func (e *RubricError) Error() string { return e.Err.Error() }
func (e *RubricError) Unwrap() error { return e.Err }

// AddRubrics stores rubrics as AddRubric does, all in one transaction: a
// folder of rubrics with one refused stores none of them (added[i] says
// whether rubrics[i] was new). The error of a refused one is a
// *RubricError naming it.
func (s *Store) AddRubrics(rubrics []review.Rubric) (added []bool, err error) {
	data := make([][]byte, len(rubrics))
	for i, r := range rubrics {
		switch {
		case !review.ValidID(r.ID):
			err = fmt.Errorf("rubric id %q: %w: %w", r.ID, ErrInvalid, review.ErrBadID)
		case r.Version < 1 || r.Version > review.MaxRubricVersion:
			err = fmt.Errorf("rubric %s: %w version %d (want 1 to %d)", r.ID, ErrInvalid, r.Version, review.MaxRubricVersion)
		case len(r.Criteria) == 0:
			err = fmt.Errorf("rubric %s version %d: %w: it has no criteria", r.ID, r.Version, ErrInvalid)
		default:
			data[i], err = json.Marshal(r)
		}
		if err != nil {
			return nil, &RubricError{i, err}
		}
	}
	err = s.update(func(t *txn) error {
		added = make([]bool, len(rubrics))
		b := t.bucket(bucketRubrics)
		for i, r := range rubrics {
			key := rubricKey(r.ID, r.Version)
			if old := b.Get(key); old != nil {
				if bytes.Equal(old, data[i]) || bytes.Equal(lineEndsLF(old), lineEndsLF(data[i])) {
					continue
				}
				return &RubricError{i, fmt.Errorf("rubric %s version %d %w: bump version", r.ID, r.Version, ErrRubricChanged)}
			}
			if err := t.sameSpelling(r); err != nil {
				return &RubricError{i, err}
			}
			added[i] = true
			if err := b.Put(key, data[i]); err != nil {
				return err
			}
			if err := t.rubricAdded(r); err != nil { // stacks.go: a new version may move the credential to another stack
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}

// sameSpelling refuses r when a stored version of its rubric spells one
// of its criteria otherwise (review.CheckCriterionSpelling).
func (t *txn) sameSpelling(r review.Rubric) error {
	b := t.bucket(bucketRubrics)
	prefix := idPrefix(r.ID)
	c := b.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var old review.Rubric
		if _, err := decodeJSON(k, v, &old); err != nil {
			return err
		}
		if err := review.CheckCriterionSpelling(r, old); err != nil {
			return err
		}
	}
	return nil
}

// Credentials lists the latest version of every stored rubric, sorted by
// credential id.
func (s *Store) Credentials() ([]review.Rubric, error) {
	var out []review.Rubric
	err := s.view(func(t *txn) (err error) {
		out, err = t.credentials()
		return err
	})
	return out, err
}

// credentials lists the latest version of every stored rubric, sorted by id.
func (t *txn) credentials() ([]review.Rubric, error) {
	var out []review.Rubric
	b := t.bucket(bucketRubrics)
	if b == nil {
		return nil, nil
	}
	// Keys sort by id then version, so the last key of each id wins.
	var last []byte
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		i := bytes.IndexByte(k, sep)
		if last != nil && bytes.Equal(k[:i], last[:bytes.IndexByte(last, sep)]) {
			out = out[:len(out)-1]
		}
		var r review.Rubric
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, fmt.Errorf("%w (bad rubric %q: %v)", ErrCorrupt, k, err)
		}
		out = append(out, r)
		last = k
	}
	return out, nil
}

// credentialMap is credentials keyed by id, as review's reports take them.
func (t *txn) credentialMap() (map[string]review.Rubric, error) {
	rs, err := t.credentials()
	m := make(map[string]review.Rubric, len(rs))
	for _, r := range rs {
		m[r.ID] = r
	}
	return m, err
}

// Rubric returns version version of credential id's rubric; version 0 means
// the latest. An unknown id or version wraps ErrNotFound.
func (s *Store) Rubric(id string, version int) (review.Rubric, error) {
	var r review.Rubric
	err := s.view(func(t *txn) (err error) {
		r, err = t.rubric(id, version)
		return err
	})
	return r, err
}

// rubric reads a rubric version, 0 meaning the latest.
func (t *txn) rubric(id string, version int) (review.Rubric, error) {
	var r review.Rubric
	_, data := t.rubricData(id, version)
	if data == nil {
		if version > 0 {
			return r, fmt.Errorf("rubric %s version %d: %w", id, version, ErrNotFound)
		}
		return r, fmt.Errorf("rubric %s: %w", id, ErrNotFound)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("%w (bad rubric %s: %v)", ErrCorrupt, id, err)
	}
	return r, nil
}

// sharedRubric is rubric for the write paths that ask for the same few
// versions over and over (Import once per record, Decide once per
// decision, a claim once per attempt opened: 200 sessions claiming at once
// decoded it 200 times in one commit): each version is decoded once per
// Store and reused while its stored bytes are unchanged, so a rubric
// replaced in place is decoded again. The value shares its slices and maps
// with every other caller, so callers must not modify it (Import, Decide
// and the review screens only read it). Reports and
// check read many versions in one read transaction, whose snapshot cannot
// change under them, and keep their own cache (rubricCache, report.go).
func (t *txn) sharedRubric(id string, version int) (review.Rubric, error) {
	key, data := t.rubricData(id, version)
	if data == nil {
		return t.rubric(id, version) // the not-found error
	}
	if r, ok := t.s.rubrics.get(key, data); ok {
		return r, nil
	}
	var r review.Rubric
	if err := json.Unmarshal(data, &r); err != nil {
		return r, fmt.Errorf("%w (bad rubric %s: %v)", ErrCorrupt, id, err)
	}
	t.s.rubrics.put(key, data, r)
	return r, nil
}

// decodedRubrics holds decoded rubric versions for sharedRubric, each with
// the bytes it was decoded from. Sessions of `serve` decide concurrently,
// so it is locked.
type decodedRubrics struct {
	mu sync.Mutex
	m  map[string]decodedRubric
}

type decodedRubric struct {
	raw []byte
	r   review.Rubric
}

// get returns the rubric decoded from data under key, if cached.
func (c *decodedRubrics) get(key, data []byte) (review.Rubric, bool) {
	c.mu.Lock()
	d, ok := c.m[string(key)]
	c.mu.Unlock()
	// A cached entry is never changed, only replaced: compare unlocked.
	if !ok || !bytes.Equal(d.raw, data) {
		return review.Rubric{}, false
	}
	return d.r, true
}

// put caches r, decoded from data under key.
func (c *decodedRubrics) put(key, data []byte, r review.Rubric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]decodedRubric{}
	}
	c.m[string(key)] = decodedRubric{raw: bytes.Clone(data), r: r}
}

// rubricData returns the key and stored JSON of a rubric version, 0 meaning
// the latest; nil data when there is none.
func (t *txn) rubricData(id string, version int) (key, data []byte) {
	b := t.bucket(bucketRubrics)
	if int64(version) > math.MaxUint32 {
		// Its key would be a lower version's. (Earlier releases stored
		// versions up to this one, past review.MaxRubricVersion.)
		return nil, nil
	}
	if b != nil && version > 0 {
		key = rubricKey(id, version)
		data = b.Get(key)
	} else if b != nil {
		c := b.Cursor()
		// The latest version is the last key before the next id's.
		var k, v []byte
		if k, _ = c.Seek(rubricAfter(id)); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		if k != nil && bytes.HasPrefix(k, idPrefix(id)) {
			key, data = k, v
		}
	}
	return key, data
}

// lineEndsLF is a rubric's JSON without the CR of each CRLF line end: the
// same file saved with Windows line ends (a checkout, or `rubrics add -`
// from Windows) is the same rubric, as it is with a byte order mark. The
// rubric's parser refuses a CR anywhere else. It reads the escapes in
// order, so an escaped backslash before an r is never taken for a CR.
func lineEndsLF(j []byte) []byte {
	out := make([]byte, 0, len(j))
	for i := 0; i < len(j); i++ {
		if j[i] != '\\' || i+1 == len(j) {
			out = append(out, j[i])
			continue
		}
		if j[i+1] != 'r' || !bytes.HasPrefix(j[i+2:], []byte(`\n`)) {
			out = append(out, j[i], j[i+1])
		}
		i++ // past the escape's second byte
	}
	return out
}
