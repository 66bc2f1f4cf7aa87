package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
)

// TestImportDecisionLevelOtherUnicodeForm: a rubric saved decomposed
// (levels: [non, réussi] in NFD, as a macOS tool may write it) and a
// decision line from a web form's JSON naming its level composed (NFC).
// The two are drawn alike: the decision is imported, passing, its level
// stored as the rubric spells it, and the same file again changes
// nothing. The import refused the line, naming the very level it wanted:
// `unknown level "réussi" (want one of non, réussi)`.
func TestImportDecisionLevelOtherUnicodeForm(t *testing.T) {
	t.Parallel()
	const nfc, nfd = "r\u00e9ussi", "re\u0301ussi"
	dir := t.TempDir()
	db := filepath.Join(dir, "s.db")
	rubric := writeFile(t, dir, "fr.md", "---\nid: fr-cred\ntitle: Credit\nlevels: [non, "+nfd+"]\n---\n## Part 1: Questions\n### C1. Clarity\nText.\n")
	if out, err := run(t, "", "rubrics", "add", rubric, "--db", db); err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, out)
	}
	in := writeFile(t, dir, "in.jsonl",
		`{"type":"submission","application":"F-1","credential":"fr-cred","attempt":1,"submitted_at":"2026-11-01T10:00:00Z","parts":[{"title":"Part 1","text":"bonjour"}]}`+"\n"+
			`{"type":"decision","application":"F-1","attempt":1,"reviewer":"rev-9","decided_at":"2026-11-03T10:00:00Z","outcome":"pass","levels":{"C1":"`+nfc+`"}}`+"\n")
	if out, err := run(t, "", "import", in, "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := run(t, "", "import", in, "--db", db); err != nil || !strings.Contains(out, "0 decisions imported; 2 lines unchanged") {
		t.Fatalf("the same file again: %v\n%s", err, out)
	}
	st := openTestStore(t, db)
	defer st.Close()
	d, _, err := st.Decision(review.AttemptKey{Application: "F-1", Attempt: 1})
	if err != nil || d.Outcome != review.Pass || d.Levels["C1"] != nfd {
		t.Errorf("decision %+v, %v; want pass with C1 %q, as the rubric spells it", d, err, nfd)
	}
}
