//go:build linux

package server

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestHostKeyBothHalvesOrNeitherOnFullDisk: serve's first start on a disk
// with room for the private key but not for its .pub fails and leaves
// neither: a key left alone would be served with no .pub beside it, from
// which reviewers' known_hosts lines are made, until a start with room
// wrote one.
func TestHostKeyBothHalvesOrNeitherOnFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	// One page: the private key takes it.
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=4k"); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	key := filepath.Join(dir, HostKeyName)
	err := ensureHostKey(key)
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("host key on a full disk: %v, want no space left on device", err)
	}
	for _, p := range []string{key, key + ".pub"} {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s was left after the start failed", p)
		}
	}
}
