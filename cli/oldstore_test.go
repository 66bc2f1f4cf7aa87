package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/server"
	"assessor/store"
)

// TestOldStoreRefused: on a store an earlier release wrote, every command
// but upgrade (and serve) refuses in one line naming `assessor upgrade`
// and leaves the file as it was, with nothing created beside it (no
// backup, no upgrade): the commands that only read, whoever runs them, and
// the ones that write, the operator's and a plain reviewer's alike. It
// takes the oldest fixture and the newest older than this build.
func TestOldStoreRefused(t *testing.T) {
	t.Parallel()
	exe := childExe(t)
	fixtures := []string{"schema1", "schema" + itoa(int64(store.SchemaVersion-1))}
	reads := [][]string{
		{"report"}, {"leaks"}, {"audit"}, {"applications"}, {"rubrics", "list"},
		{"badges", "list"}, {"release", "--list"}, {"export", "feedback", "--all", "-"},
		{"reviewers", "list"}, {"snippets", "list"}, {"snippets", "list", "--as", "rev-01"},
		{"calibration", "list"}, {"calibration", "report"}, {"calibration", "report", "--as", "rev-01"},
		{"config", "files"}, {"config", "issuer"}, {"config", "calibration"}, {"config", "consistency"},
		{"config", "fairness"}, {"config", "second-review"}, {"config", "leaks", "list"},
		{"export", "badges", "badges-out"}, {"compact"},
	}
	writes := [][]string{
		{"snippets", "add", "--credential", "descriptive-feedback", "--criterion", "C1", "Name the next step."},
		{"snippets", "add", "--as", "rev-01", "--credential", "descriptive-feedback", "--criterion", "C1", "Name the next step."},
		{"reviewers", "add", "rev-99", "--role", "reviewer"},
		{"config", "leaks", "add", "Kapolei High"},
		{"config", "second-review", "--rate", "0.2"},
		{"config", "files", "--max-file", "5MB"},
	}
	for _, name := range fixtures {
		old := gunzipFile(t, filepath.Join("..", "testdata", "stores", name+".db.gz"))
		for _, args := range append(reads, writes...) {
			t.Run(name+"/"+strings.Join(args, "_"), func(t *testing.T) {
				t.Parallel()
				dir := t.TempDir()
				db := filepath.Join(dir, "store.db")
				if err := os.WriteFile(db, old, 0o600); err != nil {
					t.Fatal(err)
				}
				args := append([]string(nil), args...)
				for i, a := range args {
					if a == "badges-out" { // export badges' folder, were it written
						args[i] = filepath.Join(dir, a)
					}
				}
				r := runChild(t, exe, -1, append(args, "--db", db)...)
				requireOneLineFailure(t, r, "was written by an older assessor")
				if !strings.Contains(r.stderr, "`assessor upgrade --db "+db+"` upgrades it") {
					t.Errorf("the refusal does not name the upgrade: %s", r.stderr)
				}
				requireUntouched(t, db, old)
			})
		}
	}
}

// TestCheckOlderStore: check reads a store of an older schema as it is (a
// backup from before an upgrade, a damaged store its upgrade refused):
// its pages and records, without upgrading it or leaving anything beside
// it; a damaged record fails it, named.
func TestCheckOlderStore(t *testing.T) {
	t.Parallel()
	exe := childExe(t)
	newest := "schema" + itoa(int64(store.SchemaVersion-1))
	for _, tc := range []struct {
		fixture, damage, want string
		mode                  os.FileMode // 0600 when 0
	}{
		{"schema1", "", "pages and records ok (schema 1, written by an older assessor", 0},
		// Read by others, it says so as every other open of a store does.
		{"schema1", "", "pages and records ok (schema 1, written by an older assessor", 0o644},
		{newest, "", "pages and records ok (schema " + itoa(int64(store.SchemaVersion-1)) + ", written by an older assessor", 0},
		{newest, "richer", "checksum mismatch in 1 record", 0},
		{newest, "page 0", "header page 0 is damaged", 0},
	} {
		t.Run(tc.fixture+"/"+tc.damage+"/"+tc.mode.String(), func(t *testing.T) {
			t.Parallel()
			old := gunzipFile(t, filepath.Join("..", "testdata", "stores", tc.fixture+".db.gz"))
			if tc.damage == "page 0" {
				clear(old[:4096]) // a bad disk's zeroed header page
			} else if tc.damage != "" {
				i := bytes.Index(old, []byte(tc.damage))
				if i < 0 {
					t.Fatalf("%s holds no %q", tc.fixture, tc.damage)
				}
				old[i] ^= 0x20 // one letter's case: the record's checksum fails
			}
			dir := t.TempDir()
			db := filepath.Join(dir, "store.db")
			if err := os.WriteFile(db, old, 0o600); err != nil {
				t.Fatal(err)
			}
			if tc.mode != 0 {
				if err := os.Chmod(db, tc.mode); err != nil {
					t.Fatal(err)
				}
			}
			r := runChild(t, exe, -1, "check", "--db", db)
			if said := strings.Contains(r.stderr, "may be read or changed by others"); said != (tc.mode == 0o644) {
				t.Errorf("a store of mode %v: said it may be read by others %v: %q", tc.mode, said, r.stderr)
			}
			if tc.damage == "" {
				if r.code != 0 || !strings.Contains(r.stdout, tc.want) || !strings.Contains(r.stdout, "assessor upgrade --db "+db) {
					t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
				}
			} else {
				requireOneLineFailure(t, r, " found: it is damaged")
				if !strings.Contains(r.stdout, tc.want) {
					t.Errorf("stdout %q, want %q", r.stdout, tc.want)
				}
			}
			requireUntouched(t, db, old)
		})
	}
}

// TestUpgradeRefusesADamagedStore: upgrade refuses an older store with a
// damaged record in one line that says it is unchanged and that check
// lists the damage (which check of an older store does), not to back it
// up with --force, which refuses an older store too. The store's folder
// has a space and a quote: check's line quotes its path, which, pasted
// unquoted, check refused ("check takes no arguments; got 1").
func TestUpgradeRefusesADamagedStore(t *testing.T) {
	t.Parallel()
	exe := childExe(t)
	old := gunzipFile(t, filepath.Join("..", "testdata", "stores", "schema"+itoa(int64(store.SchemaVersion-1))+".db.gz"))
	i := bytes.Index(old, []byte("richer"))
	if i < 0 {
		t.Fatal("the fixture holds no \"richer\"")
	}
	old[i] ^= 0x20
	db := filepath.Join(pastedDir(t), "store.db")
	if err := os.WriteFile(db, old, 0o600); err != nil {
		t.Fatal(err)
	}
	r := runChild(t, exe, -1, "upgrade", "--db", db)
	requireOneLineFailure(t, r, "was not upgraded, and is unchanged: ")
	if !strings.Contains(r.stderr, "assessor check --db "+server.ShellWord(db)+" lists them") || strings.Contains(r.stderr, "--force") {
		t.Errorf("the refusal's advice: %s", r.stderr)
	}
	requireUntouched(t, db, old)
	if r := runChild(t, exe, -1, "check", "--db", db); r.code != 1 || !strings.Contains(r.stdout, "checksum mismatch in 1 record") {
		t.Errorf("check of the store upgrade refused: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// requireUntouched fails unless the store file at db still holds old and
// nothing was left beside it.
func requireUntouched(t *testing.T, db string, old []byte) {
	t.Helper()
	if got, _ := os.ReadFile(db); !bytes.Equal(got, old) {
		t.Error("the store file changed")
	}
	if es, _ := os.ReadDir(filepath.Dir(db)); len(es) != 1 {
		t.Errorf("files beside the store: %v", es)
	}
}

// TestNoAdminHintOnOlderStore: someone named is refused on an older store
// with no admin yet; the refusal's remedy must be one that works there:
// upgrade first (reviewers add refuses an older store), then register.
func TestNoAdminHintOnOlderStore(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "old.db")
	if err := os.WriteFile(db, gunzipFile(t, "../testdata/stores/schema1.db.gz"), 0o600); err != nil {
		t.Fatal(err)
	}
	want := "upgrade it (assessor upgrade --db " + db + "), then register one (assessor reviewers add ID --role admin --db " + db + ")"
	for _, args := range [][]string{{"upgrade", "--as", "someone"}, {"report", "--as", "x"}} {
		if _, err := run(t, "", append(args, "--db", db)...); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%v on an older store with no admin: %v, want it to say %s", args, err, want)
		}
	}
	// Followed as written, it works.
	for _, args := range [][]string{{"upgrade"}, {"reviewers", "add", "boss", "--role", "admin"}} {
		if out, err := run(t, "", append(args, "--db", db)...); err != nil {
			t.Fatalf("%v: %v %s", args, err, out)
		}
	}
}
