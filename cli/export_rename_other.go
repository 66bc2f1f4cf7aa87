//go:build !linux

package cli

import (
	"os"
	"path/filepath"
)

// renameIn renames old to new inside folder, by path: the syscall package
// has no renameat here, and os.Root no Rename before Go 1.25. The folder
// was opened through the export's os.Root just before. The error is the
// system's, without names.
func renameIn(folder *os.File, old, new string) error {
	dir := folder.Name()
	err := os.Rename(filepath.Join(dir, old), filepath.Join(dir, new))
	if le, ok := err.(*os.LinkError); ok {
		return le.Err // the caller names the file
	}
	return err
}
