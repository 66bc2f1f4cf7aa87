package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestCompactCommand: gen --compact and import --compact end with the
// compaction, the store then checks clean; compact refuses a missing store.
func TestCompactCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "gen.db")
	out, err := run(t, "", "gen", "--applications", "30", "--now", "2026-11-25", "--compact", "--db", db)
	if err != nil || !strings.Contains(out, "compacted "+db+": ") {
		t.Fatalf("gen --compact: %v\n%s", err, out)
	}
	if out, err := run(t, "", "check", "--db", db); err != nil || !strings.Contains(out, ": ok (30 applications") {
		t.Fatalf("check after compact: %v\n%s", err, out)
	}
	known := storeWithKnownRubrics(t)
	if out, err := run(t, "", "import", "../testdata/known/history.jsonl", "--compact", "--db", known); err != nil || !strings.Contains(out, "compacted "+known) {
		t.Fatalf("import --compact: %v\n%s", err, out)
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if _, err := run(t, "", "compact", "--db", missing); err == nil || !strings.HasPrefix(err.Error(), "no store at "+missing) {
		t.Errorf("compact of a missing store: %v", err)
	}
}
