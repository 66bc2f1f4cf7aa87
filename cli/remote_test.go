package cli

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
)

// signerFile makes an ed25519 key pair, writes the public half to dir/name
// (as a .pub file, with a comment) and returns the file and the private
// half as an SSH signer.
func signerFile(t *testing.T, dir, name string) (string, gossh.Signer) {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey()))) + " " + name + "@laptop\n"
	return writeFile(t, dir, name, line), s
}

// sshRun runs one command line over SSH without a terminal, as
// `ssh -p PORT HOST CMD < stdin` does, and returns stdout, stderr and the
// exit status.
func sshRun(t *testing.T, addr string, key gossh.Signer, stdin, cmd string) (string, string, int) {
	t.Helper()
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "someone",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback test server
		Timeout:         10 * time.Second,
	})
	if err != nil {
		t.Fatalf("%s: dial: %v", cmd, err)
	}
	defer conn.Close()
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut strings.Builder
	sess.Stdin, sess.Stdout, sess.Stderr = strings.NewReader(stdin), &out, &errOut
	err = sess.Run(cmd)
	var exit *gossh.ExitError
	switch {
	case err == nil:
		return out.String(), errOut.String(), 0
	case errors.As(err, &exit):
		return out.String(), errOut.String(), exit.ExitStatus()
	}
	t.Fatalf("%s: %v", cmd, err)
	return "", "", -1
}

// TestCommandsOverSSH: while serve holds the store, admins and leads run
// the command-line tools through it as the owner of their key: an admin
// adds a reviewer whose key logs in at once, imports submissions and a
// rubric from stdin and changes a setting; a lead reads the report; a
// reviewer keeps their snippets. Roles are enforced, --as cannot name
// someone else, files on the server are never read, and every failure is
// one line with exit status 1.
func TestCommandsOverSSH(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t) // lead-1 and rev-x, the known history A1..A5
	adminKey, admin := signerFile(t, dir, "admin.pub")
	leadKey, lead := signerFile(t, dir, "lead.pub")
	revKey, rev := signerFile(t, dir, "rev.pub")
	// Named (--as), only an admin adds reviewers.
	for _, args := range [][]string{{"admin-1", "--role", "admin", "--key", adminKey}, {"lead-1", "--key", leadKey, "--as", "admin-1"}, {"rev-x", "--key", revKey, "--as", "admin-1"}} {
		if out, err := run(t, "", append([]string{"reviewers", "add", "--db", db}, args...)...); err != nil {
			t.Fatalf("reviewers add %v: %v %s", args, err, out)
		}
	}

	before := counts(t, db)

	addr, stop := serveStore(t, db, dir)
	// A local command while served names itself as it runs over ssh.
	served := "store " + db + " is being served by assessor serve: "
	for _, tc := range []struct{ args, want []string }{
		{[]string{"reviewers", "list"}, []string{"run it through the server: ssh -p PORT 127.0.0.1 reviewers list …"}},
		{[]string{"import", filepath.Join(dir, "new.jsonl"), "--as", "admin-1"}, []string{"run it through the server: ssh -p PORT 127.0.0.1 import - < FILE"}},
		{[]string{"import", "--tar", filepath.Join(dir, "new.tar")}, []string{"run it through the server: ssh -p PORT 127.0.0.1 import --tar - < BUNDLE.tar"}},
		{[]string{"rubrics", "add", dir, "--as", "admin-1"}, []string{"run it through the server: ssh -p PORT 127.0.0.1 rubrics add - < FILE.md, for each file of " + dir}},
		// An export into a folder writes a tar stream over ssh instead.
		{[]string{"export", "badges", filepath.Join(dir, "badges"), "--as", "lead-1"}, []string{"run it through the server: (umask 077; ssh -p PORT 127.0.0.1 export badges - > badges.tar)"}},
		{[]string{"export", "feedback", "--all", filepath.Join(dir, "fb"), "--as", "lead-1"}, []string{"run it through the server: (umask 077; ssh -p PORT 127.0.0.1 export feedback --all - > feedback.tar)"}},
		{[]string{"dashboard", "--as", "lead-1"}, []string{"open it through the server: ssh -t -p PORT 127.0.0.1 dashboard"}},
		{[]string{"review", "--as", "rev-x"}, []string{"open it through the server: ssh -t -p PORT 127.0.0.1"}},
	} {
		_, err := run(t, "", append(tc.args, "--db", db)...)
		want := served + strings.ReplaceAll(tc.want[0], "PORT", strings.TrimPrefix(addr, "127.0.0.1:"))
		if err == nil || err.Error() != want {
			t.Errorf("%v while served: %v, want %q", tc.args, err, want)
		}
	}

	// An admin adds a reviewer with the key on stdin; it logs in at once.
	newKey, newRev := signerFile(t, dir, "new.pub")
	pub := readFile(t, newKey)
	if out, errOut, code := sshRun(t, addr, admin, pub, "reviewers add rev-new --key -"); code != 0 || !strings.Contains(out, "rev-new (reviewer): 1 key, 1 added") {
		t.Fatalf("reviewers add over ssh: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := sshRun(t, addr, newRev, "", "report"); code != 1 || !strings.Contains(errOut, "report is for leads and admins and you (rev-new) are a reviewer") {
		t.Fatalf("new reviewer runs report: %d %q", code, errOut)
	}

	// Import from stdin; only admins; never a file on the server.
	sub := `{"type":"submission","application":"N-1","credential":"df","attempt":1,"submitted_at":"2024-05-01T00:00:00Z",` +
		`"parts":[{"title":"Part 1: Overview","text":"Grade 4 reading."},{"title":"Part 2: Artifacts","text":"Two samples."}]}` + "\n"
	if _, errOut, code := sshRun(t, addr, rev, sub, "import -"); code != 1 || !strings.Contains(errOut, "import is for admins") {
		t.Fatalf("reviewer imports: %d %q", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "import /etc/passwd"); code != 1 || !strings.Contains(errOut, "over ssh import reads stdin") {
		t.Fatalf("import of a server file: %d %q", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "reviewers add rev-y --key /etc/ssh/ssh_host_ed25519_key.pub"); code != 1 || !strings.Contains(errOut, "over ssh --key reads stdin") {
		t.Fatalf("key file on the server: %d %q", code, errOut)
	}
	withFiles := strings.Replace(sub, `"Two samples."}`, `"Two samples.","files":["a.pdf"]}`, 1)
	if _, errOut, code := sshRun(t, addr, admin, "", "import - --files /etc"); code != 1 ||
		errOut != "assessor: --files names a folder, and over ssh that would be the server's: files come in a bundle, ssh -p PORT HOST import --tar - < bundle.tar\n" {
		t.Errorf("import --files over ssh: %d %q", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, withFiles, "import -"); code != 1 || !strings.Contains(errOut, "stdin:1: parts[1].files: evidence files reach the server in a bundle") {
		t.Fatalf("import naming files: %d %q", code, errOut)
	}
	if out, errOut, code := sshRun(t, addr, admin, sub, "import -"); code != 0 || out != "stdin: 1 submission, 0 decisions imported; 0 lines unchanged\n" {
		t.Fatalf("import over ssh: %d %q %q", code, out, errOut)
	}
	bundle := tarBundle(t, tarEntry{name: "n2.jsonl", body: strings.Replace(withFiles, "N-1", "N-2", 1)}, tarEntry{name: "a.pdf", body: "%PDF-1.4"})
	if out, errOut, code := sshRun(t, addr, admin, bundle, "import --tar -"); code != 0 || out != "n2.jsonl: 1 submission, 0 decisions imported; 0 lines unchanged\n" {
		t.Fatalf("import --tar over ssh: %d %q %q", code, out, errOut)
	}

	// A lead reads the report, which counts the import; acts as themself only.
	out, errOut, code := sshRun(t, addr, lead, "", "report --format json")
	var rep struct {
		Overall struct {
			Applications int `json:"applications"`
			Pending      int `json:"pending_attempts"`
		} `json:"overall"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Overall.Applications != before.Applications+2 || rep.Overall.Pending != before.Pending+2 {
		t.Fatalf("report over ssh: %d %+v %q", code, rep.Overall, errOut)
	}
	if _, errOut, code := sshRun(t, addr, lead, "", "history A1 --as admin-1"); code != 1 || !strings.Contains(errOut, "over ssh you act as lead-1") {
		t.Fatalf("--as someone else: %d %q", code, errOut)
	}
	if out, _, code := sshRun(t, addr, lead, "", "history A1"); code != 0 || !strings.Contains(out, "decide") {
		t.Fatalf("history over ssh: %d %q", code, out)
	}
	if out, errOut, code := sshRun(t, addr, lead, "", "export feedback --application A2"); code != 0 || !strings.Contains(out, "Feedback on attempt 1 of application A2") {
		t.Fatalf("export feedback over ssh: %d %q %q", code, out, errOut)
	}
	if out, _, code := sshRun(t, addr, lead, "", "export --help"); code != 0 || !strings.Contains(out, "feedback") {
		t.Fatalf("export --help over ssh: %d %q", code, out)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "config issuer --name Program --url https://badges.example.org --email badges@example.org"); code != 0 {
		t.Fatalf("config issuer over ssh: %d %q", code, errOut)
	}
	if out, errOut, code := sshRun(t, addr, lead, "", "export badges -"); code != 0 || !strings.Contains(out, "issuer.json") || !strings.Contains(errOut, "stdout: ") {
		t.Fatalf("export badges - over ssh: %d %q", code, errOut)
	}
	// Every lead and admin command runs over ssh: badges list, revoke, backup -.
	out, errOut, code = sshRun(t, addr, lead, "", "badges list")
	if code != 0 || !strings.Contains(out, "ASSERTION") {
		t.Fatalf("badges list over ssh: %d %q %q", code, out, errOut)
	}
	id := strings.Fields(strings.Split(out, "\n")[1])[0]
	if out, errOut, code := sshRun(t, addr, lead, "", "revoke "+id+` --reason "Evidence was not the candidate's own, é"`); code != 0 {
		t.Fatalf("revoke over ssh: %d %q %q", code, out, errOut)
	}
	if out, _, code := sshRun(t, addr, lead, "", "badges list"); code != 0 || !strings.Contains(out, "revoked") {
		t.Fatalf("badges list after revoke: %d %q", code, out)
	}
	if out, errOut, code := sshRun(t, addr, admin, "", "backup -"); code != 0 || len(out) < 4096 {
		t.Fatalf("backup - over ssh: %d %d bytes %q", code, len(out), errOut)
	}
	if out, errOut, code := sshRun(t, addr, lead, "", "export feedback --all -"); code != 0 || len(untar(t, out)) == 0 {
		t.Fatalf("export feedback --all - over ssh: %d %q", code, errOut)
	}
	for _, cmd := range []string{"export feedback --all /tmp/x", "export badges /tmp/x"} {
		if _, errOut, code := sshRun(t, addr, lead, "", cmd); code != 1 || !strings.Contains(errOut, "not to a folder on the server") {
			t.Fatalf("%s over ssh: %d %q", cmd, code, errOut)
		}
	}
	if _, errOut, _ := sshRun(t, addr, lead, "", "export badges /tmp/x"); !strings.HasSuffix(errOut, ": (umask 077; ssh -p PORT HOST export badges - > badges.tar)\n") {
		t.Errorf("export badges to a folder: its example: %q", errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "backup /tmp/copy.db"); code != 1 || !strings.Contains(errOut, "over ssh backup writes to stdout, not to a file on the server") {
		t.Fatalf("backup to a server file: %d %q", code, errOut)
	}
	// Rubrics, settings and snippets: stdin only, roles and --as as above.
	rubric := strings.Replace(readFile(t, "../testdata/known/df.md"), "id: df", "id: df2", 1)
	if out, errOut, code := sshRun(t, addr, admin, rubric, "rubrics add -"); code != 0 || !strings.HasPrefix(out, "df2 v1: added") {
		t.Fatalf("rubrics add over ssh: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "rubrics add ../testdata/known"); code != 1 || !strings.Contains(errOut, "over ssh rubrics add reads stdin, not a file on the server: ssh -p PORT HOST rubrics add - < rubric.md") {
		t.Fatalf("rubrics add of a server folder: %d %q", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "rubrics add -"); code != 1 || !strings.HasPrefix(errOut, "stdin:1: ") {
		// A problem in an input file reads FILE:LINE: from its first byte.
		t.Fatalf("rubrics add of nothing: %d %q", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, lead, "", "config second-review --rate 0.5"); code != 1 || !strings.Contains(errOut, "config second-review is for admins") {
		t.Fatalf("lead changes config: %d %q", code, errOut)
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "config second-review --rate 0.5"); code != 0 {
		t.Fatalf("admin changes config: %d %q", code, errOut)
	}
	if out, errOut, code := sshRun(t, addr, rev, "Name one strength first.", "snippets add --credential df --criterion C1 -"); code != 0 || !strings.Contains(out, "added your snippet") {
		t.Fatalf("reviewer adds a snippet: %d %q %q", code, out, errOut)
	}
	if _, errOut, code := sshRun(t, addr, rev, "x", "snippets add --credential df --criterion C1 --as lead-1 -"); code != 1 || !strings.Contains(errOut, "over ssh you act as rev-x") {
		t.Fatalf("snippet --as a lead: %d %q", code, errOut)
	}
	for cmd, want := range map[string]string{
		"rubrics list --db /tmp/x.db":    "over ssh the commands run on the server's store, the only one it offers: drop --db",
		"rubrics list --reviewer lead-1": "over ssh you act as rev-x, the owner of your key: drop --reviewer",
		"--db /tmp/x.db rubrics list":    "over ssh the command comes first and its flags after it, e.g. ssh -p PORT HOST report --format json",
		"completion bash":                "completion is not offered over ssh: it writes a script for the shell on your own machine; run assessor completion bash",
	} {
		if _, errOut, code := sshRun(t, addr, rev, "", cmd); code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("%s: %d %q, want %q", cmd, code, errOut, want)
		}
	}
	if _, errOut, code := sshRun(t, addr, admin, "", "gen --applications 5"); code != 1 || !strings.Contains(errOut, "gen is not offered over ssh: it builds a synthetic store file on this machine") {
		t.Fatalf("command not offered: %d %q", code, errOut)
	}

	if err := stop(); err != nil {
		t.Fatal(err)
	}
	st := openTestStore(t, db)
	defer st.Close()
	if r, err := st.Reviewer("rev-new"); err != nil || len(r.Keys) != 1 || r.Role != review.RoleReviewer {
		t.Errorf("rev-new after serve: %+v %v", r, err)
	}
	if c, err := st.Counts(); err != nil || c.Applications != before.Applications+2 || c.Pending != before.Pending+2 {
		t.Errorf("counts after serve: %+v %v", c, err)
	}
}

// servedWithKey serves leadStore's store, with a new key added for
// reviewer id (one the store has, or a new reviewer; flags, such as
// --role admin, go to reviewers add), and returns the address and the key.
func servedWithKey(t *testing.T, id string, flags ...string) (addr string, key gossh.Signer) {
	t.Helper()
	dir := t.TempDir()
	db := leadStore(t)
	keyFile, key := signerFile(t, dir, id+".pub")
	if out, err := run(t, "", append([]string{"reviewers", "add", id, "--key", keyFile, "--db", db}, flags...)...); err != nil {
		t.Fatalf("reviewers add %s: %v %s", id, err, out)
	}
	addr, _ = serveStore(t, db, dir)
	return addr, key
}

// serveStore runs serve on db (its host key in dir) until stop, which
// returns serve's error; the test's end stops it too.
func serveStore(t *testing.T, db, dir string) (addr string, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs strings.Builder
	go func() {
		done <- runServe(ctx, db, "127.0.0.1:0", filepath.Join(dir, "host_key"), "", &logs, notifyStderr)
	}()
	var once sync.Once
	var err error
	stop = func() error {
		once.Do(func() { cancel(); err = <-done })
		return err
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	})
	return waitSidecar(t, db, &logs), stop
}

// readFile is the content of the file at path.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHelpOverSSH: a command's help over ssh reads as ssh runs it, does
// not offer --reviewer or --as, which the key decides, nor show the
// server's store path; `help` alone lists the commands and screens the
// key's role may use.
func TestHelpOverSSH(t *testing.T) {
	t.Parallel()
	addr, key := servedWithKey(t, "rev-h")
	out, errOut, code := sshRun(t, addr, key, "", "rubrics list --help")
	if code != 0 || !strings.Contains(out, "Who: reviewers") {
		t.Fatalf("rubrics list --help: %d %q %q", code, out, errOut)
	}
	if !strings.Contains(out, "\n  ssh -p PORT HOST rubrics list [flags]\n") || strings.Contains(out, "--reviewer") || strings.Contains(out, "--as") {
		t.Errorf("help over ssh is not written as ssh runs it, or offers flags that name who acts, which the key does:\n%s", out)
	}
	if strings.Contains(out, "--db") || strings.Contains(out, defaultStorePath("assessor.db")) {
		t.Errorf("help over ssh shows the server's store path:\n%s", out)
	}
	// ssh HOST help, as a newcomer types it: what they may run, screens
	// too, each with what it does; nothing a reviewer may not run.
	out, errOut, code = sshRun(t, addr, key, "", "help")
	if code != 0 || errOut != "" {
		t.Fatalf("help over ssh: %d %q", code, errOut)
	}
	if !strings.HasPrefix(out, "Over ssh you act as rev-h (reviewer)") || !strings.Contains(out, "\nScreens (ssh -t") {
		t.Errorf("help over ssh does not say who acts or what screens are:\n%s", out)
	}
	// Each offered name on a line of its own, with its command's Short.
	for name, short := range map[string]string{
		"rubrics list":       "List the latest version of every rubric",
		"calibration report": "Each reviewer's agreement",
		"calibrate":          "Score the calibration examples blind",
		"review":             "Open the reviewer queue",
	} {
		if !regexp.MustCompile(`(?m)^  ` + name + ` +` + short).MatchString(out) {
			t.Errorf("help over ssh lacks %s (%s):\n%s", name, short, out)
		}
	}
	if strings.Contains(out, "reveal") || strings.Contains(out, "dashboard") {
		t.Errorf("help over ssh offers a reviewer lead tools:\n%s", out)
	}
	// A command it does not know lists the same names, and points at help.
	_, errOut, code = sshRun(t, addr, key, "", "claims")
	if want := `unknown command "claims": over ssh you can run calibration report, rubrics list`; code != 1 || !strings.HasPrefix(errOut, "assessor: "+want) || !strings.Contains(errOut, "the screens calibrate, review (no command: the review queue); ssh -p PORT HOST help says what each does") {
		t.Errorf("unknown command over ssh: %d %q, want %q…", code, errOut, want)
	}
	// help help is help, as it is locally.
	if out, _, code = sshRun(t, addr, key, "", "help help"); code != 0 || !strings.HasPrefix(out, "Over ssh you act as rev-h (reviewer)") {
		t.Errorf("help help over ssh: %d %q", code, out)
	}
	// help of a command that is not there names what was asked for.
	if _, errOut, code = sshRun(t, addr, key, "", "help claims"); code != 1 || !strings.HasPrefix(errOut, `assessor: unknown command "claims": `) {
		t.Errorf("help claims over ssh: %d %q", code, errOut)
	}
	// ssh HOST help COMMAND is COMMAND --help.
	if out, errOut, code = sshRun(t, addr, key, "", "help rubrics list"); code != 0 || !strings.Contains(out, "Who: reviewers") {
		t.Errorf("help rubrics list: %d %q %q", code, out, errOut)
	}
}

// TestLostQuotesOverSSH: a reason quoted only for the local shell reaches
// the server as several words; a command that takes no arguments says so
// and how to quote (as one that takes one does), not "unknown command".
// Hints name commands as they run over ssh.
func TestLostQuotesOverSSH(t *testing.T) {
	t.Parallel()
	addr, key := servedWithKey(t, "lead-1")
	// ssh HOST conflicts near-misses --reason "two words" sends this line.
	_, errOut, code := sshRun(t, addr, key, "", "conflicts near-misses --reason two words")
	if want := "assessor: conflicts near-misses takes no arguments; got 1: words (over ssh quote the whole command line once more, so that quoted words stay one argument: ssh -p PORT HOST 'conflicts near-misses … \"two words\"')\n"; code != 1 || errOut != want {
		t.Fatalf("got %d %q, want %q", code, errOut, want)
	}
	// A hint names the command as it runs here: over ssh.
	if _, errOut, code = sshRun(t, addr, key, "", "export badges -"); code != 1 || !strings.Contains(errOut, "an admin sets it with: ssh -p PORT HOST config issuer --name NAME") {
		t.Errorf("export badges without an issuer over ssh: %d %q", code, errOut)
	}
	// So does the example of a missing argument: quoted once more where it
	// quotes, and without --as, which the key says.
	for line, want := range map[string]string{
		"release":         `e.g. ssh -p PORT HOST 'release CE-YA97#1 --reason "`,
		"calibration add": "e.g. ssh -p PORT HOST calibration add CE-YA97#1\n",
		// A file comes on stdin over ssh; a command named in what it needs
		// is named as run there.
		"export badges": "e.g. (umask 077; ssh -p PORT HOST export badges - > badges.tar)\n",
		"rubrics show":  "needs a rubric id (ssh -p PORT HOST rubrics list shows them), e.g. ssh -p PORT HOST rubrics show descriptive-feedback\n",
		"leaks redact":  `e.g. ssh -p PORT HOST 'leaks redact DF-7KQ2#2 1 --reason "…"'` + "\n",
		// Too many words: the quoting hint, as for a command of one argument.
		"leaks clear CE-YA97#1 1 --reason two words": "leaks clear takes 2 arguments, an attempt handle and a flag number; got 3: CE-YA97#1 1 words (over ssh quote the whole command line once more",
	} {
		if _, errOut, code = sshRun(t, addr, key, "", line); code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("%s over ssh: %d %q, want %q", line, code, errOut, want)
		}
	}
}

// TestQuotedHintOverSSH: a hint whose example quotes an argument quotes
// the whole line once more over ssh, and the line it gives works as given.
func TestQuotedHintOverSSH(t *testing.T) {
	t.Parallel()
	addr, key := servedWithKey(t, "adm-1", "--role", "admin")
	out, errOut, code := sshRun(t, addr, key, "", "config leaks list")
	if want := `no names listed (add one with: ssh -p PORT HOST 'config leaks add "Kapolei High"')` + "\n"; code != 0 || out != want {
		t.Fatalf("config leaks list over ssh: %d %q %q, want %q", code, out, errOut, want)
	}
	// What the client sends for that example: the line inside the single quotes.
	if out, errOut, code = sshRun(t, addr, key, "", `config leaks add "Kapolei High"`); code != 0 || out != "Kapolei High: added\n" {
		t.Errorf("the hint's line over ssh: %d %q %q", code, out, errOut)
	}
}

// TestHintsOverSSHNameNoOneElse: over ssh the key names who acts, and
// --as may name only its owner, so a hint there never tells the user to
// pass --as for a lead; locally it does (TestSnippetsCommands).
func TestHintsOverSSHNameNoOneElse(t *testing.T) {
	t.Parallel()
	addr, lead := servedWithKey(t, "lead-1")
	out, errOut, code := sshRun(t, addr, lead, "", "calibration list")
	if want := "no calibration examples (add one with: ssh -p PORT HOST calibration add HANDLE)\n"; code != 0 || out != want {
		t.Errorf("calibration list over ssh: %d %q %q, want %q", code, out, errOut, want)
	}
	addr, rev := servedWithKey(t, "rev-x")
	_, errOut, code = sshRun(t, addr, rev, "", "snippets add --credential df --criterion C2 --shared Nope.")
	if code != 1 || !strings.Contains(errOut, "only a lead or admin may manage shared snippets") || strings.Contains(errOut, "--as") {
		t.Errorf("a reviewer's shared snippet over ssh: %d %q, want the refusal without --as", code, errOut)
	}
}
