package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
)

// noHome unsets XDG_DATA_HOME and HOME for the test, as a service
// manager's unit without a user runs assessor, and gives it a temporary
// folder of its own, which it returns.
func noHome(t *testing.T) (tmp string) {
	tmp = t.TempDir()
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "")
	t.Setenv("TMPDIR", tmp)
	t.Setenv(reviewerEnv, "")
	return tmp
}

// TestServedCommandsWithoutHome: serve run with --db under a unit that
// sets no HOME (docs: "under a service manager, set HOME or XDG_DATA_HOME
// for the unit" is advice for commands without --db) still runs the
// commands ssh users send: over ssh there is no --db, and the served store
// is the one they work on (noDataDir's g.served).
func TestServedCommandsWithoutHome(t *testing.T) {
	db := leadStore(t)
	st := openTestStore(t, db)
	defer st.Close()
	noHome(t)
	serve := serveCommands(st)
	var out strings.Builder
	admin := review.Reviewer{ID: "adm", Role: review.RoleAdmin}
	if err := serve(context.Background(), admin, []string{"config", "leaks", "list"}, strings.NewReader(""), &out, &out); err != nil {
		t.Errorf("ssh HOST config leaks list, served with no HOME: %v\n%s", err, out.String())
	}
}

// TestHelpWithoutHome: help and completion read no store, and are not
// refused for the lack of a default one.
func TestHelpWithoutHome(t *testing.T) {
	noHome(t)
	for _, args := range [][]string{{"help"}, {"help", "report"}, {"completion", "bash"}} {
		if out, err := run(t, "", args...); err != nil {
			t.Errorf("assessor %s with no HOME: %v\n%.200s", strings.Join(args, " "), err, out)
		}
	}
}

// TestRelativeXDGDataHomeIgnored: a relative XDG_DATA_HOME is ignored, as
// the XDG spec says, and the default store is under HOME: taken as given,
// it put the store under whatever folder the command ran in.
func TestRelativeXDGDataHomeIgnored(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_DATA_HOME", "relative/dir")
	t.Setenv("HOME", home)
	if got, want := dataDir(), filepath.Join(home, ".local", "share", "assessor"); got != want {
		t.Errorf("with XDG_DATA_HOME=relative/dir the data dir is %s, want %s", got, want)
	}
}

// TestRelativeHomeIsNone: a relative HOME (and XDG_DATA_HOME, or one
// written "~/x", which no shell expanded) names no data dir: the default
// store is refused for want of --db, as with no HOME, where it was put
// under whatever folder the command ran in.
func TestRelativeHomeIsNone(t *testing.T) {
	for _, xdg := range []string{"", "~/x"} {
		t.Setenv("XDG_DATA_HOME", xdg)
		t.Setenv("HOME", "rel")
		if d, ok := homeDataDir(); ok {
			t.Errorf("HOME=rel XDG_DATA_HOME=%q: data dir %s, want none", xdg, d)
		}
		// Its refusal says why, where it said HOME was not set.
		if _, err := run(t, "", "report"); err == nil || !strings.Contains(err.Error(), "nor HOME is set to an absolute folder") {
			t.Errorf("report with HOME=rel: %v, want it refused for want of an absolute HOME", err)
		}
	}
}
