package store

import (
	"os"
	"path/filepath"
)

// replaceFile rewrites the store file at path through write, atomically
// (writeAtomic), keeping what an admin set up around it. A symlink at path
// stays: its target is the file replaced, the new file written beside it,
// since a rename over the link would leave the target old and the link a
// regular file. The new file gets the old one's permission bits and, as
// far as we may, its owner and group: a store a service user owns must
// not become root's 0600 after root compacts or upgrades it.
func replaceFile(path string, write func(*os.File) error) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	old, err := os.Stat(target)
	if err != nil {
		return err
	}
	return writeAtomic(target, func(f *os.File) error {
		if err := write(f); err != nil {
			return err
		}
		// Only once written: a copy in progress stays 0600.
		if err := keepOwner(f, old); err != nil {
			return err
		}
		return f.Chmod(old.Mode().Perm())
	})
}
