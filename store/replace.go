package store

import (
	"os"
	"path/filepath"
)

// replaceFile rewrites the store file at path through write, atomically
// (writeAtomic). A symlink at path stays: its target is the file replaced,
// the new file written beside it, since a rename over the link would
// leave the target old and the link a regular file.
func replaceFile(path string, write func(*os.File) error) error {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return err
	}
	return writeAtomic(target, write)
}
