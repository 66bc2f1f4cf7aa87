package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBackupEmptyDestination: `assessor backup ""` (an unset shell
// variable: backup "$DEST") is refused up front in one clear line,
// rather than copy and verify the whole store and then fail with the temporary
// file's name: "backup to : rename ./...p123-456.tmp : no such file or
// directory".
func TestBackupEmptyDestination(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, err := buildDemo(db, 40, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
		t.Fatal(err)
	}
	_, err := run(t, "", "backup", "", "--db", db)
	if err == nil {
		t.Fatal("backup \"\" succeeded")
	}
	if msg := err.Error(); strings.Contains(msg, ".tmp") || strings.Contains(msg, "rename") {
		t.Errorf("backup \"\": %v; want one line saying the destination is empty", err)
	}
}

// TestEmptyDBFlagRefused: --db "" (backup --db "$STORE" with STORE unset)
// is an empty flag value: it is refused in one line naming --db, not
// read as "no --db" and silently create or change the default store, as
// gen already refuses it.
func TestEmptyDBFlagRefused(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	out, err := run(t, "", "reviewers", "add", "ana", "--db", "")
	if err == nil || !strings.Contains(err.Error(), "--db") {
		t.Errorf("reviewers add ana --db \"\": err = %v, want one line naming --db; output:\n%s", err, out)
	}
	if _, statErr := os.Stat(defaultStorePath(defaultStoreName)); statErr == nil {
		t.Errorf("--db \"\" created the default store %s", defaultStorePath(defaultStoreName))
	}
}

// TestEmptyDBFlagNoHome: with neither XDG_DATA_HOME nor HOME set there is
// no default store, so the refusal of --db "" does not offer to leave --db
// out for one: that command is refused in turn.
func TestEmptyDBFlagNoHome(t *testing.T) {
	noHome(t)
	_, err := run(t, "", "report", "--db", "")
	if err == nil || !strings.Contains(err.Error(), "--db is empty") || strings.Contains(err.Error(), "leave --db out") {
		t.Errorf("report --db \"\" with no HOME: %v, want the refusal naming --db and no default store", err)
	}
}

// TestEmptyFilterFlagsRefused: a filter given empty (report --since
// "$SINCE" with SINCE unset) is refused in one line naming the flag. It
// was read as no filter: report --since "" ran over the whole history and
// exited 0, so a monthly script shipped every month's figures as one
// month's, and audit --since "" and applications --status "" listed
// everything; so did snippets list --credential "", and review and
// calibrate --credential "" opened every credential's queue.
func TestEmptyFilterFlagsRefused(t *testing.T) {
	t.Parallel()
	db := leadStore(t)
	for _, args := range [][]string{
		{"report", "--since", ""},
		{"report", "--until", ""},
		{"report", "--format", "csv", "--since", ""},
		{"audit", "--since", ""},
		{"applications", "--status", ""},
		{"applications", "--credential", ""},
		{"audit", "--by", ""},
		{"snippets", "list", "--credential", ""},
		{"snippets", "list", "--credential", "descriptive-feedback", "--criterion", ""},
		{"review", "--credential", ""},
		{"calibrate", "--credential", ""},
		// Only spaces are empty too: audit --by " " said no record matched.
		{"report", "--until", "\t"},
		{"audit", "--by", " "},
		{"applications", "--credential", " "},
	} {
		flag := args[len(args)-2]
		out, err := run(t, "", append(args, "--db", db, "--reviewer", "lead-1")...)
		if err == nil || err.Error() != flag+" is empty: give a value, or leave "+flag+" out" {
			t.Errorf("%q: %v, output %d bytes; want a one-line error naming %s", args, err, len(out), flag)
		}
	}
}
