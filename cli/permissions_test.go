package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// commandPaths lists every runnable command of root by path, leaving out
// cobra's own (help, completion) and groups that only hold subcommands (a
// group that runs something of its own, as leaks lists, is listed).
func commandPaths(root *cobra.Command) map[string]*cobra.Command {
	out := map[string]*cobra.Command{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c != root && c.Runnable() && (!c.HasSubCommands() || !isGroupRun(c)) && !cobraOwn(c) {
			out[commandName(c)] = c
		}
	}
	walk(root)
	return out
}

// TestShortsMarkRoles: every list of commands (assessor --help, a
// group's help, help over ssh) marks a lead's command "leads and admins" and an
// admin's "admins only", from the permission model; some said so by hand
// and others, report and applications among them, did not.
func TestShortsMarkRoles(t *testing.T) {
	t.Parallel()
	for name, c := range commandPaths(New()) {
		p, ok := review.Permissions[name]
		want := map[review.Role]string{review.RoleLead: "leads and admins", review.RoleAdmin: "admins only"}[p.Role]
		if ok && want != "" && !strings.Contains(c.Short, want) {
			t.Errorf("%s: %q does not say %q", name, c.Short, want)
		}
		if ok && want == "" && (strings.HasSuffix(c.Short, "(leads and admins)") || strings.Contains(c.Short, "admins only")) {
			t.Errorf("%s, open to every reviewer: %q", name, c.Short)
		}
	}
	// A group whose commands are all admins' (reviewers, config) or all
	// leads' (export, badges) says so too; one with a reviewer's command
	// (rubrics, calibration) does not.
	root := New()
	for group, want := range map[string]string{"reviewers": "admins only", "config": "admins only", "reviewers keys": "admins only",
		"config leaks": "admins only", "export": "leads and admins", "badges": "leads and admins", "rubrics": "", "calibration": ""} {
		c, _, err := root.Find(strings.Fields(group))
		if err != nil {
			t.Fatalf("%s: %v", group, err)
		}
		if has := strings.Contains(c.Short, "only)") || strings.Contains(c.Short, "admins)"); (want == "") == has || want != "" && !strings.Contains(c.Short, want) {
			t.Errorf("group %s: %q, want %q", group, c.Short, want)
		}
	}
}

// TestEveryCommandServedOrLocalOnly walks every command: each has a row in
// the permission model, so it is served over ssh (as a command or a
// screen) or marked local-only, and a local-only one says why in its help;
// no row names a command that does not exist.
func TestEveryCommandServedOrLocalOnly(t *testing.T) {
	t.Parallel()
	cmds := commandPaths(New())
	for name, c := range cmds {
		p, ok := review.Permissions[name]
		if !ok {
			t.Errorf("%s: neither served nor local-only: add its row to review.Permissions", name)
			continue
		}
		if !strings.Contains(c.Long, "Who: "+p.Role.Plural()+".") {
			t.Errorf("%s: help does not say who may run it:\n%s", name, c.Long)
		}
		if p.Where == review.LocalOnly && (p.Why == "" || !strings.Contains(c.Long, "Local only, not over ssh: "+p.Why)) {
			t.Errorf("%s: local-only without its reason in the help:\n%s", name, c.Long)
		}
		if c.Flags().Lookup("as") == nil && c.InheritedFlags().Lookup("as") == nil {
			t.Errorf("%s: no --as flag", name)
		}
	}
	for name := range review.Permissions {
		if cmds[name] == nil {
			t.Errorf("review.Permissions names %q, which is no command", name)
		}
	}
	// cobra's completion has no row, reading no store; its help says it too.
	if c, _, err := New().Find([]string{"completion"}); err != nil || !strings.HasSuffix(c.Long, "\n\nWho: anyone. Local only, not over ssh: "+completionWhy+".") {
		t.Errorf("completion: %v, help:\n%s", err, c.Long)
	}
}

// The people of the permission tests, one per role, and one unregistered.
var roleIDs = map[review.Role]string{review.RoleReviewer: "rev-x", review.RoleLead: "lead-1", review.RoleAdmin: "admin-1"}

// TestPermissionsLocally: every (command, role) pair on the local command
// line, as the README's model says: with --as or --reviewer naming
// someone, reviewer commands for anyone, lead commands for a registered
// lead or admin, admin commands for a registered admin, and an
// unregistered id gets neither; naming nobody, the operator (who opened
// the file) acts as admin.
func TestPermissionsLocally(t *testing.T) {
	t.Parallel()
	db := leadStore(t) // lead-1, rev-x
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin})
	authorize := func(db, name string, who ...string) error {
		g := &globals{}
		root := newRoot(g)
		c, _, err := root.Find(strings.Fields(name))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.ParseFlags(append([]string{"--db", db}, who...)); err != nil {
			t.Fatal(err)
		}
		if err := g.authorizeRole(c, nil); err != nil || g.allow == nil {
			return err
		}
		// The rest of the check runs on the store the command opens.
		return g.useStore(g.openExisting, func() string { return db }, func(*store.Store) error { return nil })
	}
	for name, p := range review.Permissions {
		for role, id := range roleIDs {
			for _, flag := range []string{"--as", "--reviewer"} {
				err := authorize(db, name, flag, id)
				if want := role.AtLeast(p.Role); want != (err == nil) {
					t.Errorf("%s %s %s (%s): %v, want allowed=%v", name, flag, id, role, err, want)
				} else if err != nil && !strings.HasPrefix(err.Error(), name+" is for "+p.Role.Plural()) {
					t.Errorf("%s %s %s (%s): the refusal does not name the command and who may run it: %v", name, flag, id, role, err)
				}
			}
		}
		if err := authorize(db, name, "--as", "nobody"); (p.Role == review.RoleReviewer) != (err == nil) {
			t.Errorf("%s as an unregistered id: %v", name, err)
		} else if err != nil && !strings.Contains(err.Error(), `"nobody" is not a registered reviewer`) {
			t.Errorf("%s as an unregistered id: %v", name, err)
		}
		if err := authorize(db, name); err != nil {
			t.Errorf("%s by the operator, nobody named: %v", name, err)
		}
	}
}

// TestPermissionsOverSSH: every (command, role) pair through `assessor
// serve`: a command offered to the role runs (its --help), one above it is
// refused in one line naming the command and the role, a screen says to
// connect with -t, a local-only command says why not.
func TestPermissionsOverSSH(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := leadStore(t)
	keys := map[review.Role]gossh.Signer{}
	for role, id := range roleIDs {
		file, s := signerFile(t, dir, id+".pub")
		keys[role] = s
		if out, err := run(t, "", "reviewers", "add", id, "--role", string(role), "--key", file, "--db", db); err != nil { // the operator
			t.Fatalf("reviewers add %s: %v %s", id, err, out)
		}
	}
	addr, stop := serveStore(t, db, dir)

	names := make([]string, 0, len(review.Permissions))
	for name := range review.Permissions {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		p := review.Permissions[name]
		for role, id := range roleIDs {
			lines := []string{name + " --help"}
			if p.Where == review.Screen {
				// Named alone it is the screen; with more on the line,
				// its help or a refusal that does not send -t in a loop.
				lines = []string{name, name + " --help", name + " --as " + id}
			}
			for _, line := range lines {
				out, errOut, code := sshRun(t, addr, keys[role], "", line)
				switch {
				case p.Where == review.LocalOnly:
					if code != 1 || !strings.Contains(errOut, name+" is not offered over ssh: "+p.Why) {
						t.Errorf("%s as %s: %d %q", line, role, code, errOut)
					}
				case !role.AtLeast(p.Role):
					if code != 1 || !strings.Contains(errOut, name+" is for "+p.Role.Plural()+" and you ("+id+") are a "+string(role)) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
						t.Errorf("%s as %s: %d %q, want a refusal", line, role, code, errOut)
					}
				case line == name:
					// One line, no stray "\r" after it, naming the ssh that opens it.
					want := "assessor: " + name + " is a screen and needs a terminal: connect with " + server.SSHScreenHint(addr, name) + "\n"
					if name == "review" {
						want = "assessor: the review queue is a screen and needs a terminal: connect with " + server.SSHScreenHint(addr, name) + "\n"
					}
					if code != 1 || errOut != want {
						t.Errorf("screen %s as %s without -t: %d %q", line, role, code, errOut)
					}
				case p.Where == review.Screen && !strings.HasSuffix(line, "--help"):
					if code != 1 || !strings.Contains(errOut, name+" is a screen, which over ssh takes no arguments or flags: connect with ssh -t -p PORT HOST "+name) {
						t.Errorf("screen %s as %s: %d %q", line, role, code, errOut)
					}
				default:
					if code != 0 || !strings.Contains(out, "Who: "+p.Role.Plural()) {
						t.Errorf("%s as %s: %d %q %q", line, role, code, out, errOut)
					}
				}
			}
		}
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestOperatorActsAsAdmin: naming nobody, the operator runs lead and admin
// commands; what the store records under a lead's name still asks for one.
func TestOperatorActsAsAdmin(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin})
	if out, err := run(t, "", "config", "issuer", "--name", "Program", "--url", "https://example.org", "--db", db); err != nil {
		t.Fatalf("config issuer: %v %s", err, out)
	}
	// badges list and export badges record nothing, so need no lead named.
	for _, args := range [][]string{{"leaks"}, {"report"}, {"calibration", "list"}, {"reviewers", "list"}, {"history", "A1"},
		{"badges", "list"}, {"export", "badges", "-"}} {
		if out, err := run(t, "", append(args, "--db", db)...); err != nil {
			t.Errorf("%v by the operator: %v %s", args, err, out)
		}
	}
	_, err := run(t, "", "reveal", "A1", "--reason", "check", "--db", db)
	if err == nil || !strings.Contains(err.Error(), "this is recorded under a lead's name: pass --as LEAD") {
		t.Errorf("reveal by the operator: %v", err)
	}
	if _, err := run(t, "", "reveal", "A1", "--reason", "check", "--db", db, "--as", "lead-1"); err != nil {
		t.Errorf("reveal as lead-1: %v", err)
	}
	// A lead's screen records under a lead's name too: refused before it
	// opens, not on every read inside it.
	for _, screen := range []string{"leaks work", "adjudicate"} {
		_, err := run(t, "", append(strings.Fields(screen), "--db", db)...)
		if err == nil || err.Error() != screen+" records what you do under a lead's name, and "+defaultReviewer()+" is no lead: pass --as LEAD (assessor reviewers list --db "+server.ShellWord(db)+" names the leads)" {
			t.Errorf("%s by the operator: %v", screen, err)
		}
	}
}

// TestLocalOnlyCommandsCheckWhoActs: the local-only admin commands that
// open the store themselves (serve, compact, gen, upgrade) refuse a named
// reviewer as every other admin command does, before they start; serve
// would otherwise listen until the context ends, and gen add synthetic
// applications, rubrics and reviewers to the store.
func TestLocalOnlyCommandsCheckWhoActs(t *testing.T) {
	t.Parallel()
	db := leadStore(t) // lead-1, rev-x
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(bad, []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(t.TempDir(), "hk")},
		{"compact"},
		{"gen", "--applications", "1", "--append"},
		{"upgrade"},
		// Refused before its file is read, so the refusal is what it
		// says, not a bad line of a file it may not import.
		{"import", bad},
		{"rubrics", "add", bad},
		{"reviewers", "add", "rev-y", "--key", bad},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		root := New()
		root.SetContext(ctx)
		_, stderr, err := executeSplit(root, "", append(args, "--db", db, "--as", "rev-x")...)
		cancel()
		name := args[0]
		if args[0] == "rubrics" || args[0] == "reviewers" {
			name += " " + args[1]
		}
		if err == nil || !strings.HasPrefix(err.Error(), name+" is for admins and rev-x has role reviewer") {
			t.Errorf("%s --as rev-x: %v %s", args[0], err, stderr)
		}
	}
}

// TestRootTakesAs: `assessor` alone is `assessor review`, so it takes the
// --as every command takes (it was an unknown flag), and is checked as
// review is.
func TestRootTakesAs(t *testing.T) {
	root := New()
	if err := root.ParseFlags([]string{"--as", "ana", "--db", "x.db"}); err != nil {
		t.Fatalf("assessor --as: %v", err)
	}
	if f := root.Flags().Lookup("as"); f == nil || f.Value.String() != "ana" {
		t.Fatalf("--as on the root: %+v", f)
	}
}

// TestRefusalOfAnInvalidID: an id no one can be registered under is
// refused in one line before any command runs, whatever it is for and
// however it was named: it would be recorded on claims, drafts and
// decisions (and a refusal told an admin to register it, unquoted).
func TestRefusalOfAnInvalidID(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin})
	for _, args := range [][]string{
		{"report", "--as", "bad id;x"},
		{"reveal", "A1", "--reason", "why", "--as", "bad id;x"},
		{"review", "--reviewer", "bad id;x"},
		{"snippets", "list", "--as", ""},
	} {
		_, err := run(t, "", append(args, "--db", db)...)
		if err == nil || strings.Contains(err.Error(), "reviewers add") ||
			!strings.Contains(err.Error(), "is not a reviewer id: an id must be 1-64 characters") {
			t.Errorf("%v: %v", args, err)
		}
	}
}

// TestNamedOnANewStore: a command that would create the store, run by a
// named person, is checked as the store will be: no one registered, no
// admin. It is refused as on a store with no admin (register the first as
// the operator), and no file is made; the operator creates it.
func TestNamedOnANewStore(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "new.db")
	_, err := run(t, "", "reviewers", "add", "zz", "--role", "admin", "--db", db, "--as", "zz")
	if err == nil || !strings.Contains(err.Error(), `reviewers add is for admins and "zz" is not a registered reviewer: the store has no admin yet`) ||
		!strings.HasSuffix(err.Error(), "assessor reviewers add ID --role admin --db "+db) {
		t.Fatalf("a named person creating the store: %v", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the refused command made the store: %v", err)
	}
	if _, err := run(t, "", "reviewers", "add", "zz", "--role", "admin", "--db", db); err != nil {
		t.Fatalf("the operator creating the store: %v", err)
	}
}

// TestEnvNamesWhoActs: $ASSESSOR_REVIEWER says who acts as --reviewer does.
// A registered reviewer so named is refused lead and admin commands in one
// line that names the fix without telling them to pass what they passed; a
// lead so named runs lead commands and not admin ones. Unset, only the
// login name is left, and the operator acts as admin. (Not parallel: it
// sets the environment.)
func TestEnvNamesWhoActs(t *testing.T) {
	db := leadStore(t) // lead-1, rev-x
	// With no admin yet, a refusal sends them to the operator, who
	// registers the first; "have an admin run" would go in a circle.
	t.Setenv(reviewerEnv, "rev-x")
	if _, err := run(t, "", "reviewers", "add", "me", "--role", "admin", "--db", db); err == nil ||
		!strings.Contains(err.Error(), "the store has no admin yet: register one as its operator") ||
		!strings.HasSuffix(err.Error(), "assessor reviewers add ID --role admin --db "+db) {
		t.Errorf("reviewers add with no admin yet: %v", err)
	}
	addReviewers(t, db, review.Reviewer{ID: "admin-1", Role: review.RoleAdmin})
	for _, args := range [][]string{{"report"}, {"dashboard"}, {"leaks"}, {"reviewers", "add", "evil", "--role", "admin"}} {
		_, err := run(t, "", append(args, "--db", db)...)
		if err == nil || !strings.Contains(err.Error(), "rev-x has role reviewer") ||
			!strings.Contains(err.Error(), "assessor reviewers add rev-x --role ") || strings.Contains(err.Error(), "pass --as") {
			t.Errorf("%v with %s=rev-x: %v", args, reviewerEnv, err)
		}
	}
	t.Setenv(reviewerEnv, "lead-1")
	if out, err := run(t, "", "report", "--db", db); err != nil {
		t.Errorf("report with %s=lead-1: %v %s", reviewerEnv, err, out)
	}
	if _, err := run(t, "", "reviewers", "add", "evil", "--role", "admin", "--db", db); err == nil || !strings.Contains(err.Error(), "reviewers add is for admins and lead-1 has role lead") {
		t.Errorf("reviewers add with %s=lead-1: %v", reviewerEnv, err)
	}
	t.Setenv(reviewerEnv, "")
	if out, err := run(t, "", "reviewers", "list", "--db", db); err != nil || strings.Contains(out, "evil") {
		t.Errorf("reviewers list by the operator: %v %s", err, out)
	}
}
