package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/store"
)

// runCommand runs one SSH command without a terminal or input and returns
// its standard output and error.
func runCommand(t *testing.T, addr string, key signer, cmd string) ([]byte, string, error) {
	t.Helper()
	return runCommandInput(t, addr, key, cmd, "")
}

// TestBackupOverSSH: an admin streams a consistent copy of the served store;
// the copy opens, passes Check and holds the same counts. Others may not.
func TestBackupOverSSH(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 40)
	admin := addReviewer(t, st, "admin-1", review.RoleAdmin)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})

	if _, stderr, err := runCommand(t, addr, rev, "backup"); err == nil || stderr != "assessor: backup is for admins and you (rev-1) are a reviewer\n" {
		t.Fatalf("reviewer backup: err %v, stderr %q", err, stderr)
	}
	data, stderr, err := runCommand(t, addr, admin, "backup")
	if err != nil {
		t.Fatalf("admin backup: %v (%s)", err, stderr)
	}
	// --force, as locally, with or without the -: the same bytes here.
	for _, cmd := range []string{"backup --force", "backup - --force"} {
		if forced, stderr, err := runCommand(t, addr, admin, cmd); err != nil || len(forced) != len(data) {
			t.Errorf("%s: %d bytes of %d, %v (%s)", cmd, len(forced), len(data), err, stderr)
		}
	}
	// Each copy holds the vault, so each is in the audit log under the
	// admin; the refused one is not.
	recs, err := st.Audit()
	if err != nil {
		t.Fatal(err)
	}
	backups := 0
	for _, r := range recs {
		if r.Action == review.AuditBackup {
			backups++
			if r.Lead != "admin-1" || r.Subject != "stdout over ssh" {
				t.Errorf("backup record %+v, want admin-1 to stdout over ssh", r)
			}
		}
	}
	if backups != 3 {
		t.Errorf("%d backups in the audit log, want 3", backups)
	}
	path := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	cp, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if problems, err := cp.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("copy check: %v %v", err, problems)
	}
	want, _ := st.Counts()
	if got, _ := cp.Counts(); got != want {
		t.Fatalf("copy counts %+v, want %+v", got, want)
	}

	// With a terminal it is refused, saying the command to run, this
	// server's port and address in it, its redirect under umask 077.
	conn, sess := commandSession(t, addr, admin)
	defer conn.Close()
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, err := sess.CombinedOutput("backup")
	if hint := "redirect the backup to a file, without -t: (umask 077; " + SSHHint(addr) + " backup > copy.db)"; err == nil || !strings.Contains(string(out), hint) {
		t.Errorf("backup with a terminal: %v %q, want %q", err, out, hint)
	}

	// backup --force keeps --force in the line: without it, pasted, the
	// line ran the consistency check --force skips.
	conn, sess = commandSession(t, addr, admin)
	defer conn.Close()
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	out, _ = sess.CombinedOutput("backup --force")
	if hint := SSHHint(addr) + " backup --force > copy.db)"; !strings.Contains(string(out), hint) {
		t.Errorf("backup --force with a terminal: %q, want %q", out, hint)
	}
}

// TestBackupArgs: what the server streams itself, and whether forced.
func TestBackupArgs(t *testing.T) {
	for _, c := range []struct {
		cmd       []string
		ok, force bool
	}{
		{[]string{"backup"}, true, false},
		{[]string{"backup", "-"}, true, false},
		{[]string{"backup", "--force"}, true, true},
		{[]string{"backup", "--force", "-"}, true, true},
		{[]string{"backup", "-", "-"}, false, false},
		{[]string{"backup", "copy.db"}, false, false},
		{[]string{"backups"}, false, false},
	} {
		if ok, force := backupArgs(c.cmd); ok != c.ok || force != c.force {
			t.Errorf("backupArgs(%q) = %v, %v; want %v, %v", c.cmd, ok, force, c.ok, c.force)
		}
	}
}
