package server

import (
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
	"assessor/store/storetest"
)

// TestBackupOfDamagedStoreOverSSHNamesCheckAsSSHRunsIt: a served backup
// refused as damaged names the command that lists the damage as the admin
// runs it, not as "assessor check", a command of the server's machine.
func TestBackupOfDamagedStoreOverSSHNamesCheckAsSSHRunsIt(t *testing.T) {
	addr, admin, _ := serveDamagedStore(t)
	_, stderr, err := runCommand(t, addr, admin, "backup")
	if err == nil || strings.Contains(strings.TrimPrefix(stderr, "assessor: "), "assessor ") || !strings.Contains(stderr, SSHHint(addr)+" check lists them") {
		t.Errorf("a damaged served store's backup over ssh names a local command: %q", strings.TrimSpace(stderr))
	}
}

// TestForcedBackupAfterRefusalOverSSHIsAudited follows docs/operations.md,
// "Backup and restore", as an admin of a served store that turns out
// damaged: `ssh HOST backup` is refused, so they run
// `ssh HOST backup --force > FILE`, "one forced out of a damaged store
// (--force) is recorded after it". The copy (the identity vault in it)
// must be in the audit log, and any line about it must name the check as
// the admin runs it (ssh …), not the server machine's "assessor check".
func TestForcedBackupAfterRefusalOverSSHIsAudited(t *testing.T) {
	addr, admin, bst := serveDamagedStore(t)
	if _, _, err := runCommand(t, addr, admin, "backup"); err == nil {
		t.Fatal("a damaged store's backup was not refused")
	}
	copyBytes, stderr, err := runCommand(t, addr, admin, "backup --force")
	if err != nil || len(copyBytes) == 0 {
		t.Fatalf("backup --force: %d bytes, %v (%s)", len(copyBytes), err, stderr)
	}
	if strings.Contains(strings.TrimPrefix(stderr, "assessor: "), "assessor check") {
		t.Errorf("backup --force over ssh names a command of the server's machine: %q", strings.TrimSpace(stderr))
	}
	recs, err := bst.Audit()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if r.Action == review.AuditBackup {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d backup records in the audit log after a forced copy left over ssh; want 1 (stderr %q)", n, strings.TrimSpace(stderr))
	}
}

// serveDamagedStore serves a copy of a demo store whose first leaf page
// claims two billion overflow pages, and returns its address, an admin's
// key and the store.
func serveDamagedStore(t *testing.T) (addr string, admin signer, bst *store.Store) {
	t.Helper()
	st := newDemoStore(t, 40)
	admin = addReviewer(t, st, "admin-1", review.RoleAdmin)
	good := filepath.Join(t.TempDir(), "good.db")
	if _, err := st.BackupFile(good, false); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := storetest.DamageLeaf(good, bad, "", 12, []byte{0xff, 0xff, 0xff, 0x7f}); err != nil {
		t.Fatal(err)
	}
	bst, err := store.Open(bad, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bst.Close() })
	_, addr = startServer(t, bst, Config{})
	return addr, admin, bst
}
