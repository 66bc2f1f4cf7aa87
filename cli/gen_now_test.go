package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenNowTooEarlyRefusedUpFront: a --now whose history would start
// before 1970 (the store's range), 0001-01-01 included (which read as no
// --now), is a bad flag value: gen and demo say so in one line naming
// --now, before the store file is made, as for a --now in the future. gen
// failed instead at its first chunk ("gen chunk 1:1: submitted_at:
// invalid: must fall between 1970 and 2262") and left an empty store.
func TestGenNowTooEarlyRefusedUpFront(t *testing.T) {
	for _, now := range []string{"1970-01-01", "1970-06-01", "0001-01-01"} {
		for _, args := range [][]string{{"gen", "--applications", "10"}, {"demo", "--build-only"}} {
			db := filepath.Join(t.TempDir(), "s.db")
			out, err := run(t, "", append(args, "--now", now, "--db", db)...)
			if err == nil || !strings.Contains(err.Error(), "--now") {
				t.Errorf("%s --now %s: %v, want a refusal naming --now\n%s", args[0], now, err, out)
			}
			if _, statErr := os.Stat(db); statErr == nil {
				t.Errorf("%s --now %s left a store file (error: %v)", args[0], now, err)
			}
		}
	}
	if _, err := run(t, "", "demo", "--build-only", "--now", "1971-01-01", "--db", filepath.Join(t.TempDir(), "ok.db")); err != nil {
		t.Errorf("demo --now 1971-01-01: %v", err)
	}
}
