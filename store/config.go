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
// scan looks for (design.md, "Anonymity model"), sorted case-insensitively.
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
	name, err = cleanListedName(name)
	if err != nil {
		return false, err
	}
	err = s.update(func(t *txn) error {
		names, err := t.listedNames()
		if err != nil {
			return err
		}
		if listedIndex(names, name) >= 0 {
			return nil
		}
		added = true
		return t.putListedNames(append(names, name))
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
			return fmt.Errorf("listed name %q: %w (see: assessor config leaks list)", name, ErrNotFound)
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
