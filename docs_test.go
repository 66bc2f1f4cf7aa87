package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestDocReferences keeps the repository self-contained: every file a Go
// file, help text or document names under docs/ exists, and nothing points
// outside the repository (someone who clones it has only the repository).
func TestDocReferences(t *testing.T) {
	out, err := exec.Command("git", "ls-files", "*.go", "*.md").Output()
	if err != nil {
		t.Skipf("needs git to list the repository's files: %v", err)
	}
	named := regexp.MustCompile(`docs/[A-Za-z0-9_./-]+\.md`)
	outside := regexp.MustCompile(`\.\./shared|shared/(design|formats|style)\.md`)
	for _, file := range strings.Fields(string(out)) {
		if file == "docs_test.go" {
			continue
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := outside.FindString(line); m != "" {
				t.Errorf("%s:%d: %q points outside the repository", file, i+1, m)
			}
			for _, doc := range named.FindAllString(line, -1) {
				if _, err := os.Stat(doc); err != nil {
					t.Errorf("%s:%d: names %s, which is not in the repository", file, i+1, doc)
				}
			}
		}
	}
}
