package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestRubricsAddSameRubricWithCRLFIsUnchanged: a stored rubric added again
// from the same file saved with CRLF line ends (a Windows checkout, or
// `ssh HOST rubrics add - < file.md` from one) is the same rubric, as the
// same file with a byte order mark is, either way round: "unchanged", not
// refused as a changed version to bump (which refused a whole folder). A
// changed one is still refused.
func TestRubricsAddSameRubricWithCRLFIsUnchanged(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "a.db")
	dir := t.TempDir()
	text := "---\nid: c\ntitle: C\n---\n# C\n\n### C1. One\n| not-yet | meets |\n|---|---|\n| no | yes |\n"
	lf := writeFile(t, dir, "c.md", text)
	if _, err := run(t, "", "rubrics", "add", lf, "--db", db); err != nil {
		t.Fatal(err)
	}
	bom := writeFile(t, t.TempDir(), "c.md", "\ufeff"+text)
	if out, err := run(t, "", "rubrics", "add", bom, "--db", db); err != nil || !strings.Contains(out, "c v1: unchanged") {
		t.Errorf("with a byte order mark: %v %q", err, out)
	}
	crlf := writeFile(t, t.TempDir(), "c.md", strings.ReplaceAll(text, "\n", "\r\n"))
	if out, err := run(t, "", "rubrics", "add", crlf, "--db", db); err != nil || !strings.Contains(out, "c v1: unchanged") {
		t.Errorf("with CRLF line ends: %v %q, want \"c v1: unchanged\"", err, out)
	}
	// Stored with CRLF first, the LF file is the same rubric too.
	db2 := filepath.Join(t.TempDir(), "b.db")
	if _, err := run(t, "", "rubrics", "add", crlf, "--db", db2); err != nil {
		t.Fatal(err)
	}
	if out, err := run(t, "", "rubrics", "add", lf, "--db", db2); err != nil || !strings.Contains(out, "c v1: unchanged") {
		t.Errorf("LF after CRLF: %v %q, want \"c v1: unchanged\"", err, out)
	}
	changed := writeFile(t, t.TempDir(), "c.md", strings.ReplaceAll(strings.Replace(text, "| no |", "| not yet |", 1), "\n", "\r\n"))
	if _, err := run(t, "", "rubrics", "add", changed, "--db", db); err == nil || !strings.Contains(err.Error(), "already stored with different content") {
		t.Errorf("a changed rubric with CRLF line ends: %v, want it refused", err)
	}
}
