package cli

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// runSub runs one command built by sub under a bare root with the global
// flags, so these tests do not depend on where root.go registers it.
func runSub(t *testing.T, sub func(*globals) *cobra.Command, args ...string) (string, error) {
	t.Helper()
	return execute(bareRoot("rev-test", func(g *globals) []*cobra.Command { return []*cobra.Command{sub(g)} }), "", args...)
}

// TestGen builds a small program in three chunks, refuses to add to it
// without --append, appends with fresh ids, and leaves a store that passes
// check.
func TestGen(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "gen.db")
	out, err := runSub(t, genCmd, "gen", "--applications", "250", "--chunk", "100", "--db", db)
	if err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	for _, want := range []string{"chunk 1/3: 100 applications", "chunk 3/3: 250 applications", "generated 250 applications", "attempts/s", "iB on disk"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	c := counts(t, db)
	if c.Applications != 250 || c.Attempts < 300 || c.Pending == 0 || c.Decided == 0 {
		t.Fatalf("counts %+v", c)
	}
	// --applications' help gives the attempts each has: it must hold.
	if per, usage := float64(c.Attempts)/float64(c.Applications), genCmd(&globals{}).Flags().Lookup("applications").Usage; !strings.Contains(usage, "about 1.5 attempts each") || per < 1.4 || per > 1.6 {
		t.Errorf("%.2f attempts per application; --applications says %q", per, usage)
	}

	if out, err := runSub(t, genCmd, "gen", "--applications", "10", "--db", db); err == nil || !strings.Contains(err.Error(), "already holds 250 applications: add --append") {
		t.Fatalf("gen into a full store: %v\n%s", err, out)
	}
	if c2 := counts(t, db); c2 != c {
		t.Errorf("refused gen changed the counts: %+v, was %+v", c2, c)
	}

	if out, err := runSub(t, genCmd, "gen", "--applications", "120", "--chunk", "100", "--append", "--db", db); err != nil {
		t.Fatalf("gen --append: %v\n%s", err, out)
	}
	if c2 := counts(t, db); c2.Applications != 370 || c2.Attempts <= c.Attempts {
		t.Fatalf("after append: %+v (before %+v)", c2, c)
	}
	if out, err := run(t, "", "check", "--db", db); err != nil || !strings.Contains(out, ": ok (370 applications") {
		t.Fatalf("check: %v\n%s", err, out)
	}
}

// TestGenRepeatable: the same flags, --now included, build the same
// program, whatever day gen runs; without --now the history ends today.
func TestGenRepeatable(t *testing.T) {
	t.Parallel()
	var reports []string
	for range 2 {
		db := filepath.Join(t.TempDir(), "gen.db")
		if out, err := runSub(t, genCmd, "gen", "--applications", "60", "--now", "2025-06-01", "--db", db); err != nil {
			t.Fatalf("gen: %v\n%s", err, out)
		}
		rep, err := run(t, "", "report", "--format", "json", "--db", db)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
	}
	if reports[0] != reports[1] || !strings.Contains(reports[0], `"month": "2025-05"`) || strings.Contains(reports[0], `"month": "2025-07"`) {
		t.Errorf("two builds with --now 2025-06-01 differ, or the history does not end then:\n%s\n%s", reports[0], reports[1])
	}
	if _, err := runSub(t, genCmd, "gen", "--applications", "5", "--now", "June", "--db", filepath.Join(t.TempDir(), "x.db")); err == nil || !strings.Contains(err.Error(), `--now "June"`) {
		t.Errorf("bad --now: %v", err)
	}
	// A history ending in the future would be refused by its own import,
	// half way through: refused before anything is written.
	future := filepath.Join(t.TempDir(), "f.db")
	if _, err := runSub(t, genCmd, "gen", "--applications", "5", "--now", "2094-06-01", "--db", future); err == nil || err.Error() != "--now 2094-06-01 is in the future: a history ends now at the latest (dates are read as UTC)" {
		t.Errorf("--now in the future: %v", err)
	}
	if _, err := os.Stat(future); !os.IsNotExist(err) {
		t.Errorf("a refused gen left a store: %v", err)
	}
}

// TestGenNeedsDB: gen never falls back to the default store.
func TestGenNeedsDB(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	if _, err := runSub(t, genCmd, "gen", "--applications", "5"); err == nil || !strings.Contains(err.Error(), "gen needs --db FILE") {
		t.Fatalf("err = %v", err)
	}
	if _, err := runSub(t, genCmd, "gen", "--applications", "0", "--db", filepath.Join(t.TempDir(), "x.db")); err == nil {
		t.Fatal("gen of 0 applications succeeded")
	}
}

// TestGenLimits: a flag past its limit, up to the largest int, is refused
// in one line naming it before the store is opened (--db is a directory,
// which opening would fail on at once, so a run without the limit ends
// quickly too), and the chunk count does not overflow.
func TestGenLimits(t *testing.T) {
	t.Parallel()
	const most = "9223372036854775807"
	for _, c := range []struct{ flag, value, want string }{
		{"--applications", most, "--applications 9223372036854775807: at most 10000000"},
		{"--applications", "10000001", "--applications 10000001: at most 10000000"},
		{"--reviewers", most, "--reviewers 9223372036854775807: at most 100000"},
		{"--chunk", most, "--chunk 9223372036854775807: at most 50000"},
	} {
		out, err := runSub(t, genCmd, "gen", "--applications", "5", c.flag, c.value, "--now", "2026-11-25", "--db", t.TempDir())
		if err == nil || err.Error() != c.want {
			t.Errorf("gen %s %s: err = %v, want %q\n%s", c.flag, c.value, err, c.want, out)
		}
	}
	for _, c := range []struct{ apps, chunk, want int }{{250, 100, 3}, {200, 100, 2}, {5, 2000, 1}, {math.MaxInt, 2, math.MaxInt/2 + 1}, {math.MaxInt, math.MaxInt, 1}} {
		if got := genChunks(c.apps, c.chunk); got != c.want {
			t.Errorf("genChunks(%d, %d) = %d, want %d", c.apps, c.chunk, got, c.want)
		}
	}
}
