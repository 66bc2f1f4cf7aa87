package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupCommand backs up a store, opens the copy with check, and
// refuses to back a store up onto itself.
func TestBackupCommand(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	if out, err := run(t, "", "import", "../testdata/known/history.jsonl", "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	dst := filepath.Join(t.TempDir(), "copy.db")
	out, err := runSub(t, backupCmd, "backup", dst, "--db", db)
	if err != nil || !strings.Contains(out, "backed up "+db+" to "+dst) {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	if out, err := run(t, "", "check", "--db", dst); err != nil || !strings.Contains(out, "ok (5 applications, 9 attempts: 7 decided, 2 pending)") {
		t.Fatalf("check of the copy: %v\n%s", err, out)
	}
	before := counts(t, db)
	if _, err := runSub(t, backupCmd, "backup", db, "--db", db); err == nil || !strings.Contains(err.Error(), "backup file is the store itself") {
		t.Fatalf("backup onto the store: %v", err)
	}
	if after := counts(t, db); after != before {
		t.Errorf("refused backup changed the counts: %+v, was %+v", after, before)
	}
}

// TestBackupServedStore: a store another process holds cannot be opened, so
// backup says to go through the server, in one line.
func TestBackupServedStore(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	st := openTestStore(t, db)
	defer st.Close()
	if err := os.WriteFile(sidecarPath(db), []byte("127.0.0.1:2222\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := runSub(t, backupCmd, "backup", filepath.Join(t.TempDir(), "copy.db"), "--db", db)
	if err == nil || !strings.Contains(err.Error(), "being served by assessor serve") ||
		!strings.Contains(err.Error(), "ssh -p 2222 127.0.0.1 backup > ") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
}
