//go:build unix

package store

import (
	"errors"
	"syscall"
)

// Running reports whether a process with this id still runs (one of
// another user's included): a backup's temporary file names its writer,
// and serve's note beside the store its server.
func Running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
