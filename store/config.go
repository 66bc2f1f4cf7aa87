package store

import (
	"fmt"
	"sort"
	"strings"

	"assessor/review"
)

// maxListedName bounds one listed name; a school's name is short.
const maxListedName = 200

// ListedNames returns the school and district names the import-time leak
// scan looks for (docs/workflow.md, "Anonymity"), sorted case-insensitively.
// The list is configuration, not identity: it names places, not people.
func (s *Store) ListedNames() ([]string, error) {
	var names []string
	err := s.view(func(t *txn) (err error) {
		names, err = t.listedNames()
		return err
	})
	return names, err
}

// AddListedName adds a school or district name to the leak scan's list and
// reports whether it was new; a name already listed (ignoring case and
// spacing) is left as it is. The list applies to submissions imported from
// then on: attempts already stored keep the leaks found when they arrived.
func (s *Store) AddListedName(name string) (added bool, err error) {
	a, err := s.AddListedNames([]string{name})
	return err == nil && a[0], err
}

// AddListedNames is AddListedName for each of names, all or none: a bad
// one fails before anything is stored.
func (s *Store) AddListedNames(names []string) (added []bool, err error) {
	clean := make([]string, len(names))
	for i, name := range names {
		if clean[i], err = cleanListedName(name); err != nil {
			if len(names) > 1 {
				err = fmt.Errorf("name %d of %d: %w", i+1, len(names), err)
			}
			return nil, err
		}
	}
	err = s.update(func(t *txn) error {
		listed, err := t.listedNames()
		if err != nil {
			return err
		}
		added = make([]bool, len(clean))
		for i, name := range clean {
			if listedIndex(listed, name) < 0 {
				listed, added[i] = append(listed, name), true
			}
		}
		return t.putListedNames(listed)
	})
	return added, err
}

// RemoveListedName removes a name (matched ignoring case and spacing) from
// the leak scan's list; a name not on it wraps ErrNotFound. Leaks already
// found in stored attempts stay flagged.
func (s *Store) RemoveListedName(name string) error {
	name, err := cleanListedName(name)
	if err != nil {
		return err
	}
	return s.update(func(t *txn) error {
		names, err := t.listedNames()
		if err != nil {
			return err
		}
		i := listedIndex(names, name)
		if i < 0 {
			return review.Mendf("config leaks list", "", "listed name %q: %w (see: %s)", name, ErrNotFound)
		}
		return t.putListedNames(append(names[:i], names[i+1:]...))
	})
}

// listedNames reads the list; a store that has none has an empty list.
func (t *txn) listedNames() ([]string, error) {
	var names []string
	if _, err := t.get(bucketConfig, []byte(keyListedNames), &names); err != nil {
		return nil, err
	}
	return names, nil
}

func (t *txn) putListedNames(names []string) error {
	sort.SliceStable(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	return t.put(bucketConfig, []byte(keyListedNames), names)
}

// cleanListedName trims and collapses spacing and refuses what cannot be a
// name: empty, over-long, or holding terminal control sequences.
func cleanListedName(name string) (string, error) {
	name = strings.Join(strings.Fields(review.Sanitize(name)), " ")
	switch {
	case name == "":
		return "", fmt.Errorf("listed name: %w: it is empty (give a school or district name)", ErrInvalid)
	case len(name) > maxListedName:
		return "", fmt.Errorf("listed name: %w: longer than %d bytes", ErrInvalid, maxListedName)
	}
	return name, nil
}

// listedIndex finds name in names ignoring case; -1 when absent. Names are
// stored cleaned, so spacing already agrees.
func listedIndex(names []string, name string) int {
	for i, n := range names {
		if strings.EqualFold(n, name) {
			return i
		}
	}
	return -1
}

// FileLimits returns the size limits on evidence files that Import
// enforces; a store that never set any has review.DefaultFileLimits().
func (s *Store) FileLimits() (review.FileLimits, error) {
	var l review.FileLimits
	err := s.view(func(t *txn) (err error) {
		l, err = t.fileLimits()
		return err
	})
	return l, err
}

// SetFileLimits changes the limits for imports from then on; a zero field
// keeps that limit as it is. Attachments already stored are kept.
func (s *Store) SetFileLimits(l review.FileLimits) error {
	if l.PerFile < 0 || l.PerAttempt < 0 {
		return fmt.Errorf("file limits: %w: sizes must be positive", ErrInvalid)
	}
	return s.update(func(t *txn) error {
		cur, err := t.fileLimits()
		if err != nil {
			return err
		}
		if l.PerFile > 0 {
			cur.PerFile = l.PerFile
		}
		if l.PerAttempt > 0 {
			cur.PerAttempt = l.PerAttempt
		}
		if err := cur.Validate(); err != nil {
			return fmt.Errorf("file limits: %w: %v", ErrInvalid, err)
		}
		return t.put(bucketConfig, []byte(keyFileLimits), cur)
	})
}

func (t *txn) fileLimits() (review.FileLimits, error) {
	l := review.DefaultFileLimits()
	if _, err := t.get(bucketConfig, []byte(keyFileLimits), &l); err != nil {
		return review.FileLimits{}, err
	}
	return l, nil
}

// config decodes the setting at key into v and reports whether it is set;
// an unset setting leaves v as the caller's default.
func (t *txn) config(key string, v any) (bool, error) {
	return t.get(bucketConfig, []byte(key), v)
}

// putConfig stores a setting.
func (t *txn) putConfig(key string, v any) error {
	return t.put(bucketConfig, []byte(key), v)
}
