package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/creack/pty"

	"assessor/review"
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
	// The copy holds the vault: the audit log says who took it, and where.
	if out, err := run(t, "", "audit", "--db", db); err != nil || !strings.Contains(out, "backup: "+dst) {
		t.Fatalf("audit after a backup: %v\n%s", err, out)
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
	db, port := servedKnownStore(t)
	_, err := runSub(t, backupCmd, "backup", filepath.Join(t.TempDir(), "copy.db"), "--db", db)
	if err == nil || !strings.Contains(err.Error(), "being served by assessor serve") ||
		!strings.Contains(err.Error(), "ssh -p "+port+" 127.0.0.1 backup > ") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v", err)
	}
}

// servedKnownStore is a store held open as serve holds it until the test
// ends, with the sidecar saying where serve listens, and that port.
func servedKnownStore(t *testing.T) (db, port string) {
	t.Helper()
	db = storeWithKnownRubrics(t)
	st := openTestStore(t, db)
	t.Cleanup(func() { st.Close() })
	return db, liveSidecar(t, db)
}

// TestBackupServedStoreHintPastes: the line backup FILE of a served store
// prints to run instead works pasted as printed when FILE needs quoting
// (a space, ; or $): unquoted, the shell wrote the copy to another file
// and handed the rest of the name to ssh, which refused it.
func TestBackupServedStoreHintPastes(t *testing.T) {
	t.Parallel()
	db, port := servedKnownStore(t)
	dir := t.TempDir()
	dest := "my copy; $HOME.db"
	_, err := runSub(t, backupCmd, "backup", dest, "--db", db)
	ssh := "ssh -p " + port + " 127.0.0.1 backup"
	_, line, ok := strings.Cut(fmt.Sprint(err), "(as an admin): ")
	if !ok || !strings.Contains(line, ssh) {
		t.Fatalf("no line to paste in: %v", err)
	}
	// Pasted, with a command printing the copy standing in for ssh.
	sh := exec.Command("sh", "-c", strings.Replace(line, ssh, "printf store", 1))
	sh.Dir = dir
	out, shErr := sh.CombinedOutput()
	if got, err := os.ReadFile(filepath.Join(dir, dest)); err != nil || string(got) != "store" {
		t.Errorf("%q pasted did not write the copy to %q: %v (sh: %v %s)", line, dest, err, shErr, out)
	}
}

// TestRedirectHintsRunUnderUmask077: a command line assessor prints that
// redirects a copy of the store or an export to a file runs the redirect
// under umask 077 (docs/operations.md, "Backup and restore"): the shell
// makes the file before the command starts, and through ssh it is the
// client's shell's alone, so pasted as printed under the usual umask 022
// the hint made a copy of the whole store, identity vault and all,
// readable by every local user.
func TestRedirectHintsRunUnderUmask077(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	held := openTestStore(t, db)
	defer held.Close()
	liveSidecar(t, db)
	private := regexp.MustCompile(`\(umask 077; ssh -p [^()]* > [^ ()]+\)`)

	for _, args := range [][]string{
		{"backup", filepath.Join(t.TempDir(), "copy.db")},
		{"backup", "-"},
		{"export", "badges", t.TempDir()},
	} {
		if _, err := run(t, "", append(args, "--db", db)...); err == nil || !private.MatchString(err.Error()) {
			t.Errorf("%v while served: %v", args, err)
		}
	}
	if out, _ := run(t, "", "backup", "--help"); !private.MatchString(out) {
		t.Errorf("backup --help: its ssh example does not run under umask 077:\n%s", out)
	}

	// Over ssh, every line that names a file for stdout.
	serve := serveCommands(held)
	admin := review.Reviewer{ID: "adm", Role: review.RoleAdmin}
	for _, line := range []string{"backup copy.db", "export badges out", "export feedback --all out"} {
		var out strings.Builder
		if err := serve(context.Background(), admin, strings.Fields(line), strings.NewReader(""), &out, &out); err == nil || !private.MatchString(err.Error()) {
			t.Errorf("ssh HOST %s: %v", line, err)
		}
	}
	for _, line := range []string{"help backup", "help export badges", "help export feedback"} {
		var out strings.Builder
		if err := serve(context.Background(), admin, strings.Fields(line), strings.NewReader(""), &out, &out); err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(out.String(), "\n") {
			if strings.Contains(l, "HOST ") && strings.Contains(l, " > ") && !private.MatchString(l) {
				t.Errorf("ssh HOST %s: a redirect not under umask 077: %q", line, l)
			}
		}
		if strings.Contains(out.String(), "0600") && !strings.Contains(out.String(), "your shell") {
			t.Errorf("ssh HOST %s promises a 0600 file, which over ssh the client's shell makes:\n%s", line, out.String())
		}
	}
}

// TestStreamsToTerminal: backup - and the tar exports with stdout on a
// terminal (a pty here) refuse in one line before they read the store,
// instead of writing the database's or the tar's bytes to the screen; to
// a file backup writes them.
func TestStreamsToTerminal(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	tty := terminalOut(t)
	// The line to paste keeps --db, --as and --reviewer: without them it
	// read the default store, as someone else.
	for _, tc := range []struct{ args, want string }{
		{"backup -", "backup -: stdout is a terminal; redirect it to a file: (umask 077; assessor backup - --db " + db + " > store.bak)"},
		{"export badges -", "export badges -: stdout is a terminal; redirect it to a file: (umask 077; assessor export badges - --db " + db + " > badges.tar)"},
		{"export feedback --all -", "export feedback --all -: stdout is a terminal; redirect it to a file: (umask 077; assessor export feedback --all - --db " + db + " > feedback.tar)"},
		{"backup - --reviewer rev-01", "backup -: stdout is a terminal; redirect it to a file: (umask 077; assessor backup - --db " + db + " --reviewer rev-01 > store.bak)"},
		{"export badges - --as lead-1", "export badges -: stdout is a terminal; redirect it to a file: (umask 077; assessor export badges - --db " + db + " --as lead-1 > badges.tar)"},
		// And every other flag given: without them the pasted line made
		// other badges, or refused a store that fails its check.
		{"export badges - --feedback-url https://p.example/fb?x=1", "export badges -: stdout is a terminal; redirect it to a file: (umask 077; assessor export badges - --feedback-url 'https://p.example/fb?x=1' --db " + db + " > badges.tar)"},
		{"backup - --force", "backup -: stdout is a terminal; redirect it to a file: (umask 077; assessor backup - --force --db " + db + " > store.bak)"},
	} {
		root := New()
		root.SetArgs(append(strings.Fields(tc.args), "--db", db))
		root.SetOut(tty)
		var errOut strings.Builder
		root.SetErr(&errOut)
		if err := root.Execute(); err == nil || err.Error() != tc.want {
			t.Errorf("%s to a terminal: %v, want %q", tc.args, err, tc.want)
		}
	}

	f, err := os.Create(filepath.Join(t.TempDir(), "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	root := New()
	root.SetArgs([]string{"backup", "-", "--db", db})
	root.SetOut(f)
	if err := root.Execute(); err != nil {
		t.Fatalf("backup - to a file: %v", err)
	}
	if fi, err := f.Stat(); err != nil || fi.Size() == 0 {
		t.Fatalf("backup - to a file wrote nothing: %v", err)
	}
}

// terminalOut is a terminal to give a command as its stdout, closed when
// the test ends; a machine with no pty skips the test.
func terminalOut(t *testing.T) *os.File {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pty here: %v", err)
	}
	t.Cleanup(func() { tty.Close(); ptmx.Close() })
	go func() { _, _ = io.Copy(io.Discard, ptmx) }() // so a write to it never blocks
	return tty
}
