package main

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"assessor/cli"
)

// upPath is a relative path that climbs into a folder (../name/...):
// from the file that names it, that folder must be one of the
// repository's, since someone who clones the repository has only the
// repository.
var upPath = regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])((?:\.\./)+[A-Za-z0-9_.-]+)/`)

// bareMD is a Markdown document cited by its name alone, not as the end
// of a path: "design.md: drafts survive", "style.md §2", "design.md says",
// "(design.md, Screens)". A file a command writes or reads (> fa.md) is
// no citation.
var bareMD = regexp.MustCompile(`(?:(?:^|[^A-Za-z0-9_./(-])([A-Za-z0-9_-]+\.md)(?::\s| §| says)|\(([A-Za-z0-9_-]+\.md)[,:)])`)

// mdLink is the target of a relative Markdown link: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// refChecker finds the repository paths a line of text names and reports
// those that are not in the repository.
type refChecker struct {
	// repoPath matches a path that starts with one of the repository's
	// top-level directories (docs/operations.md, cli/root.go,
	// ui/components/*), not preceded by another path or word.
	repoPath *regexp.Regexp
	// sections are the § numbers of docs/formats.md, and rules how many
	// rules docs/workflow.md numbers: "§6" or "rule 9" would cite nothing.
	sections map[string]bool
	rules    int
	// mdNames are the names of the repository's Markdown files: a bare
	// name must be one of them.
	mdNames map[string]bool
}

var (
	sectionRef  = regexp.MustCompile(`§(\d+)`)
	ruleRef     = regexp.MustCompile(`\b[Rr]ule (\d+)\b`)
	sectionHead = regexp.MustCompile(`(?m)^## §(\d+) `)
	ruleItem    = regexp.MustCompile(`(?m)^(\d+)\. \*\*`)
)

// newRefChecker builds the checker from the repository's top-level
// directories, as git lists them.
func newRefChecker(t *testing.T) refChecker {
	out, err := exec.Command("git", "ls-files").Output()
	if err != nil {
		t.Skipf("needs git to list the repository's files: %v", err)
	}
	dirs, mdNames := map[string]bool{}, map[string]bool{}
	for _, f := range strings.Fields(string(out)) {
		if strings.HasSuffix(f, ".md") {
			mdNames[path.Base(f)] = true
		}
		if d, _, ok := strings.Cut(f, "/"); ok && !strings.HasPrefix(d, ".") {
			dirs[regexp.QuoteMeta(d)] = true
		}
	}
	var alt []string
	for d := range dirs {
		alt = append(alt, d)
	}
	c := refChecker{
		repoPath: regexp.MustCompile(`(?:^|[^A-Za-z0-9_./-])((?:` + strings.Join(alt, "|") + `)/[A-Za-z0-9_./*-]*)`),
		sections: map[string]bool{},
		mdNames:  mdNames,
	}
	formats, err := os.ReadFile("docs/formats.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range sectionHead.FindAllStringSubmatch(string(formats), -1) {
		c.sections[m[1]] = true
	}
	workflow, err := os.ReadFile("docs/workflow.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rules, _ := strings.Cut(string(workflow), "\n## The rules\n")
	rules, _, _ = strings.Cut(rules, "\n## ")
	c.rules = len(ruleItem.FindAllString(rules, -1))
	if len(c.sections) == 0 || c.rules == 0 {
		t.Fatalf("found %d sections in docs/formats.md and %d rules in docs/workflow.md", len(c.sections), c.rules)
	}
	return c
}

// missing returns the problems of one line of from (a file, or a command's
// help): references outside the repository, paths under its directories
// that do not exist, and, in Markdown (md), relative links whose target
// does not exist beside from.
func (c refChecker) missing(from, line string, md bool) []string {
	var bad []string
	for _, ix := range upPath.FindAllStringSubmatchIndex(line, -1) {
		m := line[ix[2]:ix[3]]
		if md && strings.HasSuffix(line[:ix[2]], "](") {
			continue // a link's target: the link check below names it
		}
		if dir := path.Join(path.Dir(filepath.ToSlash(from)), m); strings.HasPrefix(dir, "../") || !exists(dir) {
			bad = append(bad, m+" points outside the repository")
		}
	}
	for _, ix := range c.repoPath.FindAllStringSubmatchIndex(line, -1) {
		p := strings.TrimRight(line[ix[2]:ix[3]], ".,;:")
		// A name with a placeholder in it (schema<old>.db.gz, {id}.json)
		// stands for files in a folder: the folder must exist.
		if ix[3] < len(line) && strings.ContainsRune("<{", rune(line[ix[3]])) {
			p = path.Dir(p + "x")
		}
		// A Go file may name a path inside its own package's folder
		// (testdata/...), as the Go tools resolve it.
		if !exists(p) && !(strings.HasSuffix(from, ".go") && exists(path.Join(path.Dir(from), p))) && !placeholder(p) && !exists(capsGlob(p)) {
			bad = append(bad, "names "+p+", which is not in the repository")
		}
	}
	// In Go, only a comment cites a document: a string names a test's file.
	prose := line
	if strings.HasSuffix(from, ".go") {
		_, prose, _ = strings.Cut(line, "//")
	}
	for _, ix := range bareMD.FindAllStringSubmatchIndex(prose, -1) {
		if ix[2] < 0 {
			ix = ix[2:] // the parenthesised form
		}
		m, before := prose[ix[2]:ix[3]], strings.TrimRight(prose[:ix[2]], " ")
		if !c.mdNames[m] && !placeholder(m) && !strings.HasSuffix(before, ">") && !strings.HasSuffix(before, "<") && !strings.HasSuffix(before, "](") {
			bad = append(bad, "names "+m+", which is not in the repository")
		}
	}
	for _, m := range sectionRef.FindAllStringSubmatch(line, -1) {
		if !c.sections[m[1]] {
			bad = append(bad, "cites "+m[0]+", which docs/formats.md does not have")
		}
	}
	for _, m := range ruleRef.FindAllStringSubmatch(line, -1) {
		if n, _ := strconv.Atoi(m[1]); n < 1 || n > c.rules {
			bad = append(bad, "cites "+m[0]+", which docs/workflow.md does not number")
		}
	}
	if md {
		for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			p := path.Join(path.Dir(filepath.ToSlash(from)), target)
			if strings.HasPrefix(p, "../") || !exists(p) {
				bad = append(bad, "links to "+m[1]+", which is not in the repository")
			}
		}
	}
	return bad
}

// placeholders are the file names that stand for any file in examples of
// a naming rule or an error message: testdata/golden/name.golden,
// rubrics/x.md:14.
var placeholders = map[string]bool{"name": true, "x": true}

// placeholder reports whether p's file name is one of the placeholders.
func placeholder(p string) bool {
	base := path.Base(p)
	return placeholders[strings.TrimSuffix(base, path.Ext(base))]
}

// capsPlaceholder is a capital placeholder written into a file name after
// a lowercase letter: schemaN.db.gz, formats-vID.md.
var capsPlaceholder = regexp.MustCompile(`([a-z])[A-Z]{1,4}\b`)

// capsGlob turns capital placeholders in p's file name into globs, so
// testdata/stores/schemaN.db.gz matches the schema fixtures there.
func capsGlob(p string) string {
	return path.Join(path.Dir(p), capsPlaceholder.ReplaceAllString(path.Base(p), "$1*"))
}

// exists reports whether p, a path or a glob, names something in the
// working tree.
func exists(p string) bool {
	if strings.Contains(p, "*") {
		m, _ := filepath.Glob(filepath.FromSlash(p))
		return len(m) > 0
	}
	_, err := os.Stat(filepath.FromSlash(p))
	return err == nil
}

// TestDocReferences keeps the repository self-contained: every file a Go
// file, a document or a command's help names in the repository's
// directories exists, every relative Markdown link resolves, every "§N"
// and "rule N" cites a section or rule the docs have, and nothing points
// outside the repository.
func TestDocReferences(t *testing.T) {
	c := newRefChecker(t)
	out, err := exec.Command("git", "ls-files", "*.go", "*.md", "*.1").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range strings.Fields(string(out)) {
		if file == "docs_test.go" {
			continue // its own examples
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, p := range c.missing(file, line, strings.HasSuffix(file, ".md")) {
				t.Errorf("%s:%d: %s", file, i+1, p)
			}
		}
	}
	// The help is checked from the commands themselves too, so a stale
	// docs/cli cannot hide a bad reference.
	walkHelp(cli.New(), func(cmd, text string) {
		for _, line := range strings.Split(text, "\n") {
			for _, p := range c.missing(cmd, line, false) {
				t.Errorf("assessor %s --help: %s", cmd, p)
			}
		}
	})
}

// walkHelp calls fn with every piece of help text of cmd and the commands
// below it: use line, descriptions, examples and flag usages.
func walkHelp(cmd *cobra.Command, fn func(cmd, text string)) {
	name := cmd.CommandPath()
	for _, s := range []string{cmd.Use, cmd.Short, cmd.Long, cmd.Example} {
		fn(name, s)
	}
	for _, fs := range []*pflag.FlagSet{cmd.LocalFlags(), cmd.InheritedFlags()} {
		fs.VisitAll(func(f *pflag.Flag) { fn(name, f.Usage) })
	}
	for _, sub := range cmd.Commands() {
		walkHelp(sub, fn)
	}
}

// TestRefChecker: the checker finds what it is for, so a clean
// TestDocReferences means something.
func TestRefChecker(t *testing.T) {
	c := newRefChecker(t)
	for _, tc := range []struct {
		from, line string
		md         bool
		bad        int
	}{
		{"README.md", "see docs/operations.md and cli/root.go.", true, 0},
		{"README.md", "see docs/nonesuch.md", true, 1},
		{"x.go", "// store/nokeys.go holds it", false, 1},
		{"x.go", "// ui/components/* hold one model each", false, 0},
		{"x.go", "// ../planning/design.md", false, 1},
		{"cli/x_test.go", `// "../testdata/stores" is the repository's`, false, 0},
		{"docs/operations.md", "see ../README.md", true, 0},
		{"cli/x.go", "// ../planning/design.md", false, 1},
		{"docs/workflow.md", "as ../planning/design.md says", true, 1},
		{"x.go", `import "assessor/store/nosuch"`, false, 0}, // an import path, not a file reference
		{"docs/cli/assessor.md", "* [assessor check](assessor_check.md)", true, 0},
		{"docs/cli/assessor.md", "* [assessor gone](assessor_gone.md)", true, 1},
		{"docs/operations.md", "[formats](formats.md#1-rubric)", true, 0},
		{"docs/operations.md", "[up](../../etc/passwd)", true, 1},
		{"README.md", "[site](https://example.org/x.md)", true, 0},
		{"docs/formats.md", "Errors name the file and line: `rubrics/x.md:14: duplicate`", true, 0},
		{"docs/formats.md", "`rubrics/descriptive-feedbak.md`", true, 1},
		{"x.go", "// docs/formats.md §3 and rule 7", false, 0},
		{"x.go", "// gzip it to testdata/stores/schema<old>.db.gz", false, 0},
		{"x.go", "// gzip it to testdata/nostores/schema<old>.db.gz", false, 1},
		{"x.go", "// every testdata/stores/schemaN.db.gz", false, 0},
		{"x.go", "// docs/NONESUCH.md", false, 1},
		{"x.go", "// as design.md says", false, 1},
		{"x.go", "// (design.md: drafts survive)", false, 1},
		{"x.go", "// the flags column (design.md, Screens)", false, 1},
		{"x.go", "// see formats.md and README.md; formats.md §3 says", false, 0},
		{"README.md", "assessor export feedback > fa.md: what the candidate gets", true, 0},
		{"x.go", "// docs/formats.md §9", false, 1},
		{"x.go", "// (rule 8 of docs/workflow.md)", false, 1},
	} {
		if got := c.missing(tc.from, tc.line, tc.md); len(got) != tc.bad {
			t.Errorf("%s: %q: %v, want %d problems", tc.from, tc.line, got, tc.bad)
		}
	}
}

// sshRedirect is a documented ssh command line whose stdout the client's
// shell redirects to a file.
var sshRedirect = regexp.MustCompile("ssh -p [^`]*? > ")

// TestSSHRedirectsRunUnderUmask077: every documented ssh command that
// redirects its stdout to a file runs under umask 077, as docs/operations.md
// ("Backup and restore") says to: through ssh the client's shell alone makes
// the file, with the mode its umask gives, and run as written under the
// usual umask 022 a candidate's feedback, every badge assertion or the whole
// store with its identity vault was readable by every local user.
func TestSSHRedirectsRunUnderUmask077(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "*.md").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range strings.Fields(string(out)) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			for _, m := range sshRedirect.FindAllStringIndex(line, -1) {
				if !strings.HasSuffix(line[:m[0]], "(umask 077; ") {
					t.Errorf("%s:%d: an ssh redirect not under umask 077: %s", file, i+1, strings.TrimSpace(line))
				}
			}
		}
	}
}
