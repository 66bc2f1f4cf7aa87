//go:build unix

package store

import (
	"errors"
	"syscall"
)

// running reports whether a process with this id still runs (one of
// another user's included): a backup's temporary file names its writer.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
