package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
	"assessor/store"
)

// TestBackupOfDamagedStoreOverSSHNamesCheckAsSSHRunsIt: a served backup refused as
// refused as damaged names the command that lists the damage as the admin
// runs it, not as "assessor check", a command of the server's machine.
func TestBackupOfDamagedStoreOverSSHNamesCheckAsSSHRunsIt(t *testing.T) {
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	good := filepath.Join(t.TempDir(), "good.db")
	if _, err := st.BackupFile(good, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(good, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var leaf int
	_ = db.View(func(tx *bolt.Tx) error {
		for id := 2; ; id++ {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				break
			}
			if p.Type == "leaf" {
				leaf = id
			}
		}
		return nil
	})
	ps := db.Info().PageSize
	db.Close()
	copy(data[leaf*ps+12:], []byte{0xff, 0xff, 0xff, 0x7f})
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, data, 0o600); err != nil {
		t.Fatal(err)
	}
	bst, err := store.Open(bad, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { bst.Close() })
	_, addr := startServer(t, bst, Config{})
	_, stderr, err := runCommand(t, addr, admin, "backup")
	if err == nil || strings.Contains(strings.TrimPrefix(stderr, "assessor: "), "assessor ") || !strings.Contains(stderr, SSHHint(addr)+" check lists them") {
		t.Errorf("a damaged served store's backup over ssh names a local command: %q", strings.TrimSpace(stderr))
	}
}
