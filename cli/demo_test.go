package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"assessor/review"
)

// TestDemoFirstHour: after `assessor demo`, the demo's lead and admin are
// registered and named, lead commands with no --db find the demo store and
// say so on stderr, and once the program has its own store they use that.
func TestDemoFirstHour(t *testing.T) {
	data := t.TempDir()
	t.Setenv("XDG_DATA_HOME", data)
	demoDB := filepath.Join(data, "assessor", "demo.db")
	out, err := run(t, "", "demo", "--build-only", "--applications", "12", "--reviewer", "ana")
	if err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	for _, want := range []string{"You review as ana", "--as demo-lead", "demo-admin"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo does not say %q:\n%s", want, out)
		}
	}
	st := openTestStore(t, demoDB)
	for id, role := range map[string]review.Role{demoLead: review.RoleLead, demoAdmin: review.RoleAdmin} {
		if r, err := st.Reviewer(id); err != nil || r.Role != role {
			t.Errorf("demo registered %s as %+v, %v; want role %s", id, r, err, role)
		}
	}
	if is, ok, err := st.Issuer(); err != nil || !ok || is != demoIssuer {
		t.Errorf("demo issuer = %+v, %v, %v", is, ok, err)
	}
	st.Close()

	// No --db and no program store: the demo store, said on stderr.
	stdout, stderr, err := runSplit(t, "leaks", "--as", demoLead)
	if err != nil {
		t.Fatalf("leaks after demo: %v\n%s", err, stderr)
	}
	want := "assessor: using the demo store " + demoDB
	if !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one line starting %q", stderr, want)
	}
	if stdout == "" {
		t.Errorf("leaks printed %q", stdout)
	}
	// compact too, local only as it is.
	if stdout, stderr, err := runSplit(t, "compact"); err != nil || !strings.HasPrefix(stderr, want) || !strings.HasPrefix(stdout, "compacted "+demoDB) {
		t.Errorf("compact after demo: %v\n%s%s", err, stdout, stderr)
	}
	// A setting shown, not changed, by the demo's admin: --as is not a
	// setting, so it reads the demo store too.
	if stdout, stderr, err := runSplit(t, "config", "files", "--as", demoAdmin); err != nil || !strings.HasPrefix(stderr, want) || !strings.Contains(stdout, "per file:") {
		t.Errorf("config files --as %s after demo: %v\n%s%s", demoAdmin, err, stdout, stderr)
	}

	// The program's own store, once there is one, is the default again.
	// A command that starts a store starts the program's, and says so.
	_, stderr, err = runSplit(t, "rubrics", "add", "../testdata/known")
	if err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, stderr)
	}
	if want := "assessor: started the store " + filepath.Join(data, "assessor", "assessor.db") + "; commands without --db use it from now on"; !strings.HasPrefix(stderr, want) {
		t.Errorf("rubrics add said %q, want %q…", stderr, want)
	}
	// The demo lead is not in it.
	_, stderr, err = runSplit(t, "leaks", "--as", demoLead)
	if err == nil || !strings.Contains(err.Error(), `"demo-lead" is not a registered reviewer`) || stderr != "" {
		t.Errorf("leaks with a program store: err %v, stderr %q", err, stderr)
	}
	// demo again says so, and gives its examples --db.
	out, err = run(t, "", "demo", "--build-only")
	program := filepath.Join(data, "assessor", "assessor.db")
	if err != nil || !strings.Contains(out, "Commands without --db use "+program+", not this demo store; give them its --db:\n  --db "+demoDB+"\n") ||
		!regexp.MustCompile(`assessor reveal [A-Z]{2}-[0-9A-Z]{4} --db `+regexp.QuoteMeta(demoDB)).MatchString(out) || strings.Contains(out, "until there is a") {
		t.Errorf("demo with a program store: %v\n%s", err, out)
	}
}

// TestDemoSizes: a demo of another size names in its example an
// application it holds, and a count under 1 or over a chunk of gen's is
// refused before any store.
func TestDemoSizes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	small := filepath.Join(dir, "small.db")
	out, err := run(t, "", "demo", "--build-only", "--applications", "3", "--now", "2026-11-25", "--db", small)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(out, "assessor reveal ")
	if i < 0 || strings.Contains(out, "FA-CRJM") {
		t.Fatalf("the small demo's example: want one, not FA-CRJM:\n%s", out)
	}
	handle := strings.Fields(out[i:])[2]
	if got, err := run(t, "", "history", handle, "--db", small, "--as", demoLead); err != nil || !strings.Contains(got, handle) {
		t.Errorf("history %s (the example's application) on the small demo: %v\n%s", handle, err, got)
	}
	for _, n := range []string{"0", "-5", "50001", "2000000000"} {
		db := filepath.Join(dir, "size"+n+".db")
		_, err := run(t, "", "demo", "--build-only", "--applications", n, "--db", db)
		if err == nil || err.Error() != "--applications "+n+": want 1 to 50000 (assessor gen builds larger stores)" {
			t.Errorf("--applications %s: %v", n, err)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Errorf("--applications %s left a store: %v", n, err)
		}
	}
}

// runSplit runs the whole command tree and returns stdout and stderr apart.
func runSplit(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return executeSplit(New(), "", args...)
}

// TestDemoNeverWritesIntoAProgramStore: demo --db naming a program's store
// (people, rubrics or applications, and no demo-admin) is refused in one
// line and the file is left as it was: demo would register its admin
// there, who passes every admin check. A new file, a store with nothing
// in it yet and a demo store it built are the demo's.
func TestDemoNeverWritesIntoAProgramStore(t *testing.T) {
	t.Parallel()
	programs := map[string]string{"rubrics only": storeWithKnownRubrics(t), "people and history": leadStore(t)}
	for what, db := range programs {
		before, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		_, err = run(t, "", "demo", "--build-only", "--applications", "3", "--db", db, "--as", "nobody")
		if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), db+" is not a demo store (it has no demo-admin)") {
			t.Errorf("demo on a program store (%s): %v", what, err)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
			t.Errorf("demo wrote into a program store (%s)", what)
		}
	}
	fresh := filepath.Join(t.TempDir(), "demo.db")
	empty := filepath.Join(t.TempDir(), "empty.db")
	openTestStore(t, empty).Close()
	for _, db := range []string{fresh, fresh, empty} { // fresh twice: built, then reused
		if out, err := run(t, "", "demo", "--build-only", "--applications", "3", "--db", db); err != nil {
			t.Errorf("demo --db %s: %v\n%s", db, err, out)
		}
	}
}

// TestDemoUpgradesItsOwnStore: the demo store an older release built (the
// schema fixtures are demo stores) is upgraded by demo, which owns it, so
// the README's first command works after an update; no other command
// upgrades a store but upgrade and serve.
func TestDemoUpgradesItsOwnStore(t *testing.T) {
	t.Parallel()
	fixtures, err := filepath.Glob("../testdata/stores/schema*.db.gz")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	old := fixtures[len(fixtures)-1]
	db := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(db, gunzipFile(t, old), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "", "report", "--db", db); err == nil || !strings.Contains(err.Error(), "assessor upgrade") {
		t.Fatalf("report on %s: %v, want the refusal naming upgrade", filepath.Base(old), err)
	}
	if out, err := run(t, "", "demo", "--build-only", "--db", db); err != nil {
		t.Fatalf("demo on its own store of %s: %v\n%s", filepath.Base(old), err, out)
	}
	if _, err := run(t, "", "report", "--db", db); err != nil {
		t.Errorf("report after demo upgraded it: %v", err)
	}
}

// TestNoHomeNoDefaultStore: with neither XDG_DATA_HOME nor HOME set (a
// service manager's unit without a user), a command without --db is
// refused in one line saying to give --db, where it started a store, the
// identity vault in it, in the shared temp dir: a folder any user may have
// made first, cleaned by the system, and not the admin's store. The demo,
// a store to throw away, is still built there (its help says so), and
// --db still works.
func TestNoHomeNoDefaultStore(t *testing.T) {
	tmp := noHome(t)
	for _, args := range [][]string{{"rubrics", "add", "../testdata/known/df.md"}, {"report"}} {
		_, err := run(t, "", args...)
		if err == nil || !strings.Contains(err.Error(), "there is no default store: give --db FILE") {
			t.Errorf("%v with no HOME: %v, want the refusal naming --db", args, err)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "assessor", "assessor.db")); err == nil {
		t.Error("a store was started in the temp dir")
	}
	db := filepath.Join(t.TempDir(), "a.db")
	if out, err := run(t, "", "rubrics", "add", "../testdata/known/df.md", "--db", db); err != nil {
		t.Errorf("rubrics add --db with no HOME: %v\n%s", err, out)
	}
	if out, err := run(t, "", "demo", "--build-only", "--applications", "12"); err != nil {
		t.Errorf("demo with no HOME: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(tmp, "assessor", "demo.db")); err != nil {
		t.Errorf("the demo store: %v", err)
	}
	// And demo's help says so, where the rest of it speaks of the data dir.
	if out, _ := run(t, "", "demo", "--help"); !strings.Contains(strings.Join(strings.Fields(out), " "), "With no data dir (neither XDG_DATA_HOME nor HOME set to an absolute folder) the demo store is built in the temporary folder and every other command needs --db naming it") {
		t.Errorf("demo --help does not say where the demo goes with no data dir:\n%s", out)
	}
}

// TestNoHomeDemoHintsWork: with neither XDG_DATA_HOME nor HOME set, the
// demo built in the temp dir prints lines to paste that work there: every
// command without --db is refused, so its example lead command names
// --db, and it does not say that commands without --db use its store.
func TestNoHomeDemoHintsWork(t *testing.T) {
	noHome(t)
	out, err := run(t, "", "demo", "--build-only", "--applications", "12")
	if err != nil {
		t.Fatalf("demo with no HOME: %v\n%s", err, out)
	}
	if strings.Contains(out, "Commands without --db use this store") {
		t.Errorf("demo with no HOME says commands without --db use its store, which are refused:\n%s", out)
	}
	// On a line of its own, with no full stop pasted with the last word.
	m := regexp.MustCompile(`e\.g\.:\n  assessor (reveal [^\n]*) --as demo-lead\n`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no example lead command in:\n%s", out)
	}
	args := append(strings.Fields(strings.Replace(m[1], `"why"`, "why", 1)), "--as", demoLead)
	if got, err := run(t, "", args...); err != nil {
		t.Errorf("the example, pasted (assessor %s): %v\n%s", strings.Join(args, " "), err, got)
	}
}
