package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// CheckOlder checks the store at path when it was written by an older
// assessor (ErrOldSchema), without upgrading it: bbolt's consistency check
// and, from the schema that has them, every record's checksum — what makes
// a backup worthless. The workflow checks and report counters need this
// build's schema (assessor upgrade first). A backup taken before an upgrade
// is such a store, and so is a damaged store its upgrade refused: both need
// checking as they are. It works on a copy (beside the file, else in the
// temporary folder: 0600, removed after), so the file is never written.
func CheckOlder(path string) (schema int, problems []string, err error) {
	cp, err := checkCopy(path, filepath.Dir(path), "."+filepath.Base(path)+".*.check")
	if err != nil {
		// A folder that takes no new file (read-only) or no more bytes (a
		// full disk, where an upgrade just failed): the temporary folder.
		if cp, err = checkCopy(path, "", "assessor-check-*.db"); err != nil {
			return 0, nil, fmt.Errorf("check %s: %w", path, err)
		}
	}
	defer os.Remove(cp)
	problems, schema = copySchemaProblems(cp)
	// The copy's pages are checked; a damaged header page is reported
	// from the file itself, as Check does.
	if p := headerProblem(path); p != "" {
		problems = append([]string{p}, problems...)
	}
	return schema, problems, nil
}

// checkCopy copies the file at path into a new file in dir named by
// pattern (os.CreateTemp's) and returns the copy's name; a copy that
// fails is removed.
func checkCopy(path, dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	err = copyInto(f, path)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}
