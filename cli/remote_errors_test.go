package cli

import (
	"strings"
	"testing"
)

// TestErrorsOverSSHAsWritten: over ssh a command's error reaches the user
// as the command wrote it: a bad import line reads FILE:LINE: from its
// first byte (formats.md), and what the user typed is quoted as typed.
func TestErrorsOverSSHAsWritten(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t)
	keyFile, admin := signerFile(t, dir, "admin.pub")
	if out, err := run(t, "", "reviewers", "add", "admin-1", "--role", "admin", "--key", keyFile, "--db", db); err != nil {
		t.Fatalf("reviewers add: %v %s", err, out)
	}
	addr, _ := serveStore(t, db, dir)
	sub := `{"type":"submission","application":"N-9","credential":"no-such-credential","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"parts":[{"title":"Part 1: Overview","text":"Grade 4 reading."}]}` + "\n"
	if _, errOut, code := sshRun(t, addr, admin, sub, "import -"); code != 1 || !strings.HasPrefix(errOut, "stdin:1: credential: ") {
		t.Errorf("a bad import line over ssh: %d %q, want stdin:1: first", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", `history 'assessor review'`); code != 1 || !strings.Contains(errOut, `"assessor review"`) {
		t.Errorf("history of an unknown handle over ssh: %d %q, want it to quote %q as typed", code, errOut, "assessor review")
	}
}
