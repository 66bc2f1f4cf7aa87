package cli

import (
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"assessor/review"
)

// isFormula reports whether a spreadsheet would run a CSV cell as a
// formula (OWASP "CSV injection"): one starting =, +, -, @, tab or CR.
func isFormula(cell string) bool {
	return cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) &&
		// a plain negative number is data, not a formula
		strings.Trim(cell, "-0123456789.") != ""
}

// hostileStore: a rubric whose title and stack an admin wrote as
// formulas, and 12 candidates whose import gave their district and a
// program attribute as formulas (min-group 2, so the groups are shown),
// decided by an imported reviewer whose id, -A1-1, a spreadsheet reads as =-A1-1.
func hostileStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	rubric := "---\nid: evil\ntitle: =HYPERLINK(\"http://x.example/?a\",\"click\")\nstack: \"@SUM(1+1)\"\n---\n# Evil\n\n## Part 1: Overview\n\n### C1. Criterion\nText.\n"
	if out, err := run(t, "", "rubrics", "add", writeFile(t, dir, "evil.md", rubric), "--db", db); err != nil {
		t.Fatalf("rubrics add: %v\n%s", err, out)
	}
	var lines []string
	for i := 0; i < 12; i++ {
		lines = append(lines,
			fmt.Sprintf(`{"type":"submission","application":"EV-%d","credential":"evil","attempt":1,"submitted_at":"2024-03-01T10:00:00Z","candidate":{"name":"Cand %d","email":"c%d@example.org","district":"=HYPERLINK(\"http://x.example\",\"y\")","state":"HI","program":"@SUM(1+1)"},"parts":[{"title":"Part 1","text":"hello"}]}`, i, i, i),
			fmt.Sprintf(`{"type":"decision","application":"EV-%d","attempt":1,"reviewer":"-A1-1","decided_at":"2024-03-03T10:00:00Z","outcome":"pass","levels":{"C1":"meets"}}`, i))
	}
	if out, err := run(t, "", "import", writeFile(t, dir, "evil.jsonl", strings.Join(lines, "\n")+"\n"), "--no-files", "--db", db); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := run(t, "", "config", "fairness", "--min-group", "2", "--db", db); err != nil {
		t.Fatalf("config fairness: %v\n%s", err, out)
	}
	return db
}

// TestReportCSVCellsAreInert: report --format csv (plain, --fairness,
// --consistency) writes no cell a spreadsheet runs as a formula: a rubric
// title and stack, a candidate's district and a program's own attribute
// (from an import line), a reviewer id starting with "-". Before, a lead
// who opened the report in a spreadsheet ran the =HYPERLINK(…) a
// candidate's import line supplied. The values stay, after a '.
func TestReportCSVCellsAreInert(t *testing.T) {
	db := hostileStore(t)
	for _, args := range [][]string{{"report", "--format", "csv"}, {"report", "--format", "csv", "--fairness"}, {"report", "--format", "csv", "--consistency"}} {
		out, err := run(t, "", append(args, "--db", db)...)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("%v: not CSV: %v", args, err)
		}
		for _, rec := range recs[1:] {
			for _, cell := range rec {
				if isFormula(cell) {
					t.Errorf("%s: cell %q would run as a spreadsheet formula", strings.Join(args, " "), cell)
				}
			}
		}
		if !strings.Contains(out, "'") {
			t.Errorf("%s: no cell kept its value after a ':\n%s", strings.Join(args, " "), out)
		}
	}
}

// TestRevealOneLineAField: a candidate name holding a line break (an
// import line's "name":"Real Person\nemail  someone.else@example.org")
// printed as two lines of reveal's table, the second reading as the
// candidate's e-mail: the lead read a false identity. Each field is one
// line now, as in every other table (cellText).
func TestRevealOneLineAField(t *testing.T) {
	db := storeWithKnownRubrics(t)
	line := `{"type":"submission","application":"SP1","credential":"df","attempt":1,"submitted_at":"2024-02-01T00:00:00Z","parts":[{"title":"Part 1: Overview","text":"hello"}],"candidate":{"name":"Real Person\nemail        someone.else@example.org","email":"real@example.org","district":"Hilo","state":"HI","weird\tkey":"v\nstate  OR"}}`
	mustRun(t, "import", writeFile(t, t.TempDir(), "sp.jsonl", line+"\n"), "--no-files", "--db", db)
	addReviewers(t, db, review.Reviewer{ID: "lead-1", Role: review.RoleLead})
	out, _, err := runLead(t, "", "reveal", "SP1", "--reason", "check the record", "--as", "lead-1", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	var emails, states int
	for _, l := range lines {
		if strings.HasPrefix(l, "email") {
			emails++
		}
		if strings.HasPrefix(l, "state") {
			states++
		}
	}
	if emails != 1 || states != 1 || len(lines) != 6 || !strings.Contains(out, "Real Person email someone.else@example.org") {
		t.Errorf("reveal prints %d lines, %d reading as an email, %d as a state (want 6, 1, 1):\n%s", len(lines), emails, states, out)
	}
}

// TestFairnessTableAttributeInOneCell: a candidate attribute whose key an
// import gave with a tab or a line break ("weird\tkey") stays in the
// FAIRNESS table's ATTRIBUTE column: printed raw, its tab moved the row's
// value under APPS and a line break started a row of its own.
func TestFairnessTableAttributeInOneCell(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	rate := review.Rate(1, 2)
	row := func(attr, value string) review.FairnessRow {
		return review.FairnessRow{Attribute: attr, Value: value, Applications: n(2), FirstAttemptsDecided: n(2),
			FirstTimePasses: n(1), FirstTimePassRate: rate, Decided: n(2), Passed: n(1), EventualPassRate: rate}
	}
	var b strings.Builder
	if err := writeFairnessTable(&b, review.Fairness{MinGroup: 2, Rows: []review.FairnessRow{
		row("state", "HI"), row("weird\tkey", "x"), row("cohort\nstate", "OR")}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	head := lines[1]
	col := strings.Index(head, "APPS")
	for _, l := range lines[2:] {
		if len(l) <= col || l[col-2:col] != "  " || l[col] == ' ' {
			t.Errorf("row out of the APPS column (at %d):\n%s\n%s", col, head, l)
		}
	}
	if len(lines) != 5 {
		t.Errorf("%d lines for 3 rows:\n%s", len(lines), b.String())
	}
}

// TestInertCell: a cell a spreadsheet would run starts with a '; numbers,
// signed too, and every other text stay as they are.
func TestInertCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")",
		"@SUM(1+1)":         "'@SUM(1+1)",
		"+1+1":              "'+1+1",
		"-A1-1":             "'-A1-1",
		"\tx":               "'\tx",
		"\rx":               "'\rx",
		"-0.25":             "-0.25",
		"+3":                "+3",
		"1e-5":              "1e-5",
		"Hilo":              "Hilo",
		"a=b":               "a=b",
		"":                  "",
	} {
		if got := inertCell(in); got != want {
			t.Errorf("inertCell(%q) = %q, want %q", in, got, want)
		}
	}
}
