package main

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestCodeMap checks every package's imports against the README's "Code
// map" table, so the layout a newcomer reads is the layout the compiler
// sees: a package missing from the table, or an import of one of ours that
// its row does not allow, fails here. It also holds the two rules no row
// can say: only store (and its test helper store/storetest) imports bbolt,
// and review does no I/O and draws nothing.
func TestCodeMap(t *testing.T) {
	rows := readCodeMap(t, "README.md")
	pkgs := projectImports(t)
	if len(pkgs) == 0 {
		t.Fatal("no packages found")
	}
	for _, dir := range slices.Sorted(maps.Keys(pkgs)) {
		allowed, ok := codeMapRow(rows, dir)
		if !ok {
			t.Errorf("package %s is not in the README's Code map: add a row for it", dir)
			continue
		}
		for _, imp := range pkgs[dir] {
			switch {
			case imp == "go.etcd.io/bbolt" || strings.HasPrefix(imp, "go.etcd.io/bbolt/"):
				if dir != "store" && dir != "store/storetest" {
					t.Errorf("%s imports %s: only store may", dir, imp)
				}
			case dir == "review" && (imp == "os" || imp == "os/exec" || imp == "net" || imp == "syscall" ||
				strings.HasPrefix(imp, "github.com/charmbracelet/")):
				t.Errorf("review imports %s: the domain does no I/O and draws nothing", imp)
			}
			ours, isOurs := strings.CutPrefix(imp, "assessor/")
			if !isOurs {
				continue
			}
			if !slices.ContainsFunc(allowed, func(p string) bool { return codeMapMatch(p, ours) }) {
				t.Errorf("%s imports %s, which its Code map row does not allow (may import: %s)", dir, ours, strings.Join(allowed, ", "))
			}
		}
	}
}

// codeMapRow returns the allowed imports of the row naming dir: an exact
// name wins over a pattern such as ui/components/*.
func codeMapRow(rows map[string][]string, dir string) ([]string, bool) {
	if allowed, ok := rows[dir]; ok {
		return allowed, true
	}
	for name, allowed := range rows {
		if codeMapMatch(name, dir) {
			return allowed, true
		}
	}
	return nil, false
}

// codeMapMatch reports whether a Code map name (a package path, or a
// folder followed by /* for every package directly in it) names pkg.
func codeMapMatch(name, pkg string) bool {
	if folder, ok := strings.CutSuffix(name, "/*"); ok {
		return path.Dir(pkg) == folder
	}
	return name == pkg
}

// readCodeMap parses the table under "## Code map": package names in the
// first column, allowed imports in the last, each a `backticked` path or
// "nothing".
func readCodeMap(t *testing.T, file string) map[string][]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := regexp.MustCompile("`([^`]+)`")
	rows := map[string][]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			in = line == "## Code map"
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("%s: Code map row %q: want 3 columns", file, line)
		}
		var allowed []string
		for _, m := range names.FindAllStringSubmatch(cells[2], -1) {
			allowed = append(allowed, m[1])
		}
		if len(allowed) == 0 && strings.TrimSpace(cells[2]) != "nothing" {
			t.Fatalf("%s: Code map row %q: the last column names no package and is not \"nothing\"", file, line)
		}
		for _, m := range names.FindAllStringSubmatch(cells[0], -1) {
			rows[m[1]] = allowed
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 {
		t.Fatalf("%s has no \"## Code map\" table", file)
	}
	return rows
}

// projectImports maps each package folder of the module ("." for the root)
// to the imports of its non-test files.
func projectImports(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(p))
		if _, ok := out[dir]; !ok {
			out[dir] = nil
		}
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			if err != nil {
				return err
			}
			if !slices.Contains(out[dir], path) {
				out[dir] = append(out[dir], path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
