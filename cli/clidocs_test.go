package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

var update = flag.Bool("update", false, "rewrite docs/cli and docs/man from the command tree")

// regenerate is the one command that rewrites the CLI reference; the
// test's failure message gives it.
const regenerate = "go test ./cli -run TestCLIDocs -update"

// manDate is the date on every man page. The .TH line needs one; a fixed
// one keeps the pages the same from build to build.
var manDate = time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC)

// genCLIDocs writes the Markdown reference to md and the man pages to
// man from the command tree, with the defaults that depend on who runs it
// (data dir, login name) shown as the variables they come from.
func genCLIDocs(t *testing.T, md, man string) {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	root := New()
	// --db and --reviewer default to what the machine and whoever runs this
	// give; their usage says where the defaults come from instead.
	root.PersistentFlags().Lookup("db").Usage = "store file (default $XDG_DATA_HOME/assessor/assessor.db)"
	root.PersistentFlags().Lookup("reviewer").DefValue = ""
	// cobra stamps each page with today's date unless told not to.
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	walk(root)
	if err := doc.GenMarkdownTree(root, md); err != nil {
		t.Fatal(err)
	}
	hdr := &doc.GenManHeader{Title: "ASSESSOR", Section: "1", Source: "assessor", Manual: "assessor manual", Date: &manDate}
	if err := doc.GenManTree(root, hdr, man); err != nil {
		t.Fatal(err)
	}
}

// TestCLIDocs keeps docs/cli (Markdown) and docs/man (man pages) what
// cobra generates from the commands, so the reference cannot drift from
// the help. Run with -update to rewrite them.
func TestCLIDocs(t *testing.T) {
	md, man := filepath.Join("..", "docs", "cli"), filepath.Join("..", "docs", "man")
	if *update {
		for _, d := range []string{md, man} {
			if err := os.RemoveAll(d); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		genCLIDocs(t, md, man)
		return
	}
	tmp := t.TempDir()
	genMD, genMan := filepath.Join(tmp, "cli"), filepath.Join(tmp, "man")
	for _, d := range []string{genMD, genMan} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	genCLIDocs(t, genMD, genMan)
	for _, pair := range [][2]string{{genMD, md}, {genMan, man}} {
		want, got := readDir(t, pair[0]), readDir(t, pair[1])
		for _, name := range sortedKeys(want, got) {
			switch w, g := want[name], got[name]; {
			case g == nil:
				t.Errorf("%s is missing: run %s", filepath.Join(pair[1], name), regenerate)
			case w == nil:
				t.Errorf("%s is not generated from any command: run %s", filepath.Join(pair[1], name), regenerate)
			case !bytes.Equal(w, g):
				t.Errorf("%s differs from the commands' help: run %s", filepath.Join(pair[1], name), regenerate)
			}
		}
	}
}

// readDir is every file in dir by name; a missing dir is empty.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// sortedKeys is the names in a or b, sorted.
func sortedKeys(a, b map[string][]byte) []string {
	var names []string
	for _, m := range []map[string][]byte{a, b} {
		for n := range m {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	return names
}
