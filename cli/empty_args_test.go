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
	if _, err := buildDemo(db, 40, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)); err != nil {
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
