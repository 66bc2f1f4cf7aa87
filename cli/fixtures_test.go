package cli

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/store"
)

// TestStoreFixtures opens every store an earlier release wrote
// (one gzipped fixed demo per earlier schema in testdata/stores/, such as
// testdata/stores/schema1.db.gz: see store/migrate.go's
// recipe) with this build: a read command refuses it in one line, naming
// `assessor upgrade`, and leaves the file as it was; upgrade backs it up
// as FILE.vN.bak (0600, a store of the old schema) and says so in one line; then
// check finds nothing and `report --format json` gives exactly the figures
// saved beside the fixture.
func TestStoreFixtures(t *testing.T) {
	t.Parallel()
	exe := childExe(t)
	fixtures, err := filepath.Glob("../testdata/stores/schema*.db.gz")
	if err != nil || len(fixtures) == 0 {
		t.Fatalf("no fixtures in testdata/stores (%v)", err)
	}
	for _, fx := range fixtures {
		name := strings.TrimSuffix(filepath.Base(fx), ".db.gz")
		t.Run(name, func(t *testing.T) {
			old := gunzipFile(t, fx)
			want, err := os.ReadFile(strings.TrimSuffix(fx, ".db.gz") + ".report.json")
			if err != nil {
				t.Fatal(err)
			}
			db := filepath.Join(t.TempDir(), "store.db")
			if err := os.WriteFile(db, old, 0o600); err != nil {
				t.Fatal(err)
			}
			current := name == "schema"+itoa(int64(store.SchemaVersion))
			if !current {
				// check reads it as it is; the rest refuse it.
				if r := runChild(t, exe, -1, "check", "--db", db); r.code != 0 || !strings.Contains(r.stdout, "pages and records ok (schema "+strings.TrimPrefix(name, "schema")+",") {
					t.Errorf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
				}
				for _, args := range [][]string{{"report"}, {"audit"}, {"leaks"}, {"badges", "list"}, {"release", "--list"}, {"export", "feedback", "--all", "-"}} {
					r := runChild(t, exe, -1, append(args, "--db", db)...)
					requireOneLineFailure(t, r, "was written by an older assessor")
					if !strings.Contains(r.stderr, "`assessor upgrade --db "+db+"` upgrades it") {
						t.Errorf("%s: refusal does not name the upgrade: %s", args[0], r.stderr)
					}
					if got, _ := os.ReadFile(db); !bytes.Equal(got, old) {
						t.Fatalf("%s wrote to an older store", args[0])
					}
				}
				r := runChild(t, exe, -1, "upgrade", "--db", db)
				bak := db + strings.Replace(name, "schema", ".v", 1) + ".bak"
				line := "assessor: upgraded store " + db + " from schema "
				if r.code != 0 || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, line) || !strings.Contains(r.stderr, bak) {
					t.Fatalf("upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
				}
				fi, err := os.Stat(bak)
				if err != nil || fi.Mode().Perm() != 0o600 {
					t.Fatalf("backup %s: %v %v", bak, fi, err)
				}
				// The backup is the old store, copied page by page.
				st, err := store.Open(bak, store.Options{ReadOnly: true, Schema: store.SchemaAsIs})
				if err != nil {
					t.Fatal(err)
				}
				if strings.TrimPrefix(name, "schema") != itoa(int64(st.Schema())) {
					t.Errorf("backup has schema %d", st.Schema())
				}
				st.Close()
			}
			if r := runChild(t, exe, -1, "check", "--db", db); r.code != 0 || !strings.Contains(r.stdout, ": ok (") {
				t.Fatalf("check after upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
			r := runChild(t, exe, -1, "report", "--format", "json", "--db", db)
			if r.code != 0 || r.stdout != string(want) {
				t.Errorf("report after upgrade differs from %s.report.json (exit %d)\n%s%s", name, r.code, r.stdout, r.stderr)
			}
			if r := runChild(t, exe, -1, "upgrade", "--db", db); r.code != 0 || r.stderr != "" {
				t.Errorf("second upgrade: exit %d\n%s%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// gunzipFile is the decompressed content of a .gz file.
func gunzipFile(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		t.Fatal(err)
	}
	return data
}
