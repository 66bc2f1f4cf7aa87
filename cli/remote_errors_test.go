package cli

import (
	"fmt"
	"strings"
	"testing"

	"assessor/review"
)

// TestErrorsOverSSHAsWritten: over ssh a command's error reaches the user
// as the command wrote it: a bad import line reads FILE:LINE: from its
// first byte (formats.md), and what the user typed is quoted as typed.
func TestErrorsOverSSHAsWritten(t *testing.T) {
	t.Parallel()
	addr, admin := servedWithKey(t, "admin-1", "--role", "admin")
	sub := `{"type":"submission","application":"N-9","credential":"no-such-credential","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"parts":[{"title":"Part 1: Overview","text":"Grade 4 reading."}]}` + "\n"
	if _, errOut, code := sshRun(t, addr, admin, sub, "import -"); code != 1 || !strings.HasPrefix(errOut, "stdin:1: credential: ") ||
		!strings.Contains(errOut, "(add its rubric with: ssh -p PORT HOST rubrics add - < FILE)") {
		t.Errorf("a bad import line over ssh: %d %q, want stdin:1: first, and the command that mends it as ssh runs it", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", `history 'assessor applications'`); code != 1 || !strings.Contains(errOut, `"assessor applications"`) ||
		!strings.HasSuffix(strings.TrimSpace(errOut), "(see: ssh -p PORT HOST applications)") {
		t.Errorf("history of an unknown handle over ssh: %d %q, want it to quote %q as typed and name applications as ssh runs it", code, errOut, "assessor applications")
	}
	// Over ssh a key comes on stdin, not from a file on the server.
	if _, errOut, code := sshRun(t, addr, admin, "", `reviewers remove admin-1 --reason "leaving"`); code != 1 ||
		!strings.HasSuffix(strings.TrimSpace(errOut), "add another admin first (ssh -p PORT HOST reviewers add ID --role admin --key - < FILE)") {
		t.Errorf("the last admin removing themselves over ssh: %d %q", code, errOut)
	}
}

// TestSSHWordedNamesOnlyTheMend: over ssh the command an error says mends
// it is named as ssh runs it; the rest of the text, what the user typed
// included, is as written, and a bad input line still reads FILE:LINE:
// first.
func TestSSHWordedNamesOnlyTheMend(t *testing.T) {
	t.Parallel()
	mend := review.Mendf("calibration remove CE-YA97", "", "%s: %w: remove it first (%s)", "CE-YA97#1", review.ErrAmendExample)
	typed := fmt.Errorf(`amend --reason "assessor calibration remove CE-YA97": %w`, mend)
	line := &review.LineError{File: "stdin", Line: 3, Field: "credential",
		Err: review.Mendf("rubrics add FILE", "rubrics add - < FILE", "%w %q (add its rubric with: %s)", review.ErrUnknownCredential, "x")}
	for _, tc := range []struct {
		err         error
		local, sshd string
	}{
		{typed,
			`assessor: amend --reason "assessor calibration remove CE-YA97": CE-YA97#1: ` + review.ErrAmendExample.Error() + `: remove it first (assessor calibration remove CE-YA97)`,
			`assessor: amend --reason "assessor calibration remove CE-YA97": CE-YA97#1: ` + review.ErrAmendExample.Error() + `: remove it first (ssh -p PORT HOST calibration remove CE-YA97)`},
		{line,
			`stdin:3: credential: ` + review.ErrUnknownCredential.Error() + ` "x" (add its rubric with: assessor rubrics add FILE)`,
			`stdin:3: credential: ` + review.ErrUnknownCredential.Error() + ` "x" (add its rubric with: ssh -p PORT HOST rubrics add - < FILE)`},
		{fmt.Errorf("import: %w", line),
			`assessor: import: stdin:3: credential: ` + review.ErrUnknownCredential.Error() + ` "x" (add its rubric with: assessor rubrics add FILE)`,
			`assessor: import: stdin:3: credential: ` + review.ErrUnknownCredential.Error() + ` "x" (add its rubric with: ssh -p PORT HOST rubrics add - < FILE)`},
	} {
		if got := review.ErrorLine(tc.err); got != tc.local {
			t.Errorf("locally:\n got %s\nwant %s", got, tc.local)
		}
		if got := review.ErrorLine(sshWorded(tc.err)); got != tc.sshd {
			t.Errorf("over ssh:\n got %s\nwant %s", got, tc.sshd)
		}
	}
}

// TestServedErrorsNameNoLocalCommand: over ssh no served command's error
// tells the user to run "assessor …", a command of a machine they are not
// on: each names it as ssh runs it.
func TestServedErrorsNameNoLocalCommand(t *testing.T) {
	t.Parallel()
	addr, admin := servedWithKey(t, "admin-1", "--role", "admin")
	for _, cmd := range []string{
		"applications --credential no-such",
		"leaks clear A1 99 --reason x",
		"leaks clear A1 f9 --reason x",
		"leaks redact A1 f9 --reason x",
		"reviewers keys remove rev-x nonsense --reason x",
		"calibration remove A1",
		"revoke nosuch --reason x",
		"config leaks remove nosuch",
		"history nosuch",
		// Too many words, as when quotes were lost on the way.
		"calibration remove A1 B2",
		"rubrics show a b",
	} {
		_, errOut, code := sshRun(t, addr, admin, "", cmd)
		if code == 0 || strings.Contains(strings.TrimPrefix(errOut, "assessor: "), "assessor ") || !strings.Contains(errOut, "ssh -p PORT HOST ") {
			t.Errorf("ssh %s: %d %q, want a refusal naming its remedy as ssh runs it", cmd, code, strings.TrimSpace(errOut))
		}
	}
}
