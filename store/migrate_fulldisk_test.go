//go:build linux

package store

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestUpgradeOnFullDiskPutsTheStoreBack: an upgrade on a disk with room
// for its backup (FILE.v1.bak) but not for the copy the step to schema 5
// writes fails, and puts the store back as it was, byte for byte
// (docs/operations.md, "Upgrades"). The backup's copy beside the store
// found no room either, and left the store at schema 4: refused by this
// build as old and by the old build as new. Needs root, for a small
// tmpfs.
func TestUpgradeOnFullDiskPutsTheStoreBack(t *testing.T) {
	// Room for the store and its backup, and a little more: not for a
	// third copy.
	path, data := storeOnTmpfs(t, "schema1", func(n int) int { return 2*n + 400<<10 })
	_, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err == nil {
		t.Fatal("the upgrade succeeded on a disk without room for its copy")
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, data) || !strings.Contains(err.Error(), "the store is unchanged") {
		t.Errorf("a full disk during the upgrade left the store changed (same bytes: %v):\n%v", bytes.Equal(after, data), err)
	}
	if bak, _ := os.ReadFile(BackupPath(path, 1)); !bytes.Equal(bak, data) {
		t.Error("the backup is not the store as it was")
	}
}

// TestCheckOlderOnFullDisk: check of a store of an older schema, on the
// full disk where an upgrade just failed and put it back, copies it to
// the temporary folder when the copy beside it cannot be written, as it
// does when that folder is read-only; it failed with "no space left on
// device". Needs root, for a small tmpfs.
func TestCheckOlderOnFullDisk(t *testing.T) {
	// Room for the store and a little more: not for a copy of it.
	path, _ := storeOnTmpfs(t, "schema1", func(n int) int { return n + 200<<10 })
	dir := filepath.Dir(path)
	schema, problems, err := CheckOlder(path)
	if err != nil || schema != 1 || len(problems) != 0 {
		t.Errorf("CheckOlder on a full disk: schema %d, problems %q, %v; want schema 1, checked on a copy in the temporary folder", schema, problems, err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.check")); len(left) > 0 {
		t.Errorf("a failed copy was left beside the store: %v", left)
	}
}

// TestRestoreInPlaceWritesTheBackupBack: restoreInPlace leaves the store's
// file byte for byte the backup, whether pages were changed, the file grew
// past the backup's length, or its last page is short.
func TestRestoreInPlaceWritesTheBackupBack(t *testing.T) {
	dir := t.TempDir()
	bak := bytes.Repeat([]byte("backup page "), 70*4096/12+37) // 70 pages and a short one
	changed := bytes.Clone(bak)
	copy(changed[5*4096:], "written by a step")
	copy(changed[66*4096+10:], "and another")
	changed = append(changed, bytes.Repeat([]byte{7}, 9*4096)...) // grown
	s := &Store{path: filepath.Join(dir, "s.db")}
	if err := os.WriteFile(s.path, changed, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.path+".bak", bak, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.restoreInPlace(s.path + ".bak"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(s.path); !bytes.Equal(got, bak) {
		t.Errorf("the store is %d bytes, not the backup's %d", len(got), len(bak))
	}
}

// TestBackupAfterCopyStepOnFullDisk: serve upgraded a store of schema 4
// as it opened (the step to schema 5 copies the file and renames the copy
// over it); later the disk fills, and a backup, finding no room for its
// check copy beside the store, checks the store itself. That check read
// the pages of the name the copy had before its rename (bbolt's DB.Path),
// gone, and refused the backup as damaged.
func TestBackupAfterCopyStepOnFullDisk(t *testing.T) {
	path, _ := storeOnTmpfs(t, "schema4", func(n int) int { return 8*n + 1<<20 })
	dir := filepath.Dir(path)
	s, err := Open(path, Options{Timeout: time.Second})
	if err != nil {
		t.Fatalf("upgrade: %v", err)
	}
	defer s.Close()
	// The disk fills.
	fill, err := os.Create(filepath.Join(dir, "fill"))
	if err != nil {
		t.Fatal(err)
	}
	for chunk := make([]byte, 4096); ; {
		if _, err := fill.Write(chunk); err != nil {
			break
		}
	}
	fill.Close()
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); err != nil {
		t.Errorf("backup on a full disk by the process that upgraded the store: %v", err)
	}
}

// storeOnTmpfs writes the fixture store name to s.db on a tmpfs of size(n)
// bytes, n the store's, and returns its path and bytes; it skips unless
// root may mount one.
func storeOnTmpfs(t *testing.T, name string, size func(n int) int) (string, []byte) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	data, err := os.ReadFile(unzipFixture(t, name))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d", size(len(data)))); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	path := filepath.Join(dir, "s.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, data
}
