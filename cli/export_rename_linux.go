//go:build linux

package cli

import (
	"os"
	"syscall"
)

// renameIn renames old to new inside folder, through its descriptor, so
// no symlink swapped in on the path since it was opened through the
// export's os.Root can move the file out of it (os.Root has no Rename
// before Go 1.25). The error is the system's, without names.
func renameIn(folder *os.File, old, new string) error {
	fd := int(folder.Fd())
	return syscall.Renameat(fd, old, fd, new)
}
