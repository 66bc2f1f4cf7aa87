package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRequireWorkedExtraArgument: an extra argument is refused in one line
// naming the command and what it takes, as every other command does
// ("history takes 1 argument, an application handle; got 2: …"), not
// cobra's "accepts at most 1 arg(s), received 2".
func TestRequireWorkedExtraArgument(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	_, err := run(t, "", "config", "leaks", "require-worked", "on", "off", "--db", db)
	if err == nil || !strings.HasPrefix(err.Error(), "config leaks require-worked takes ") {
		t.Errorf("config leaks require-worked on off: %v; want \"config leaks require-worked takes …; got 2: on off\"", err)
	}
}

// TestRequireWorkedCreatesStore: given a setting, require-worked creates a
// missing store, as every config setting does; shown, it does not.
func TestRequireWorkedCreatesStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	if _, err := run(t, "", "config", "leaks", "require-worked", "--db", db); err == nil {
		t.Error("showing the setting of a missing store created it")
	}
	if out, err := run(t, "", "config", "leaks", "require-worked", "on", "--db", db); err != nil || out != "require-worked: on\n" {
		t.Errorf("require-worked on, on a new store: %v %q", err, out)
	}
}
