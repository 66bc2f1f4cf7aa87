package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"assessor/review"
)

// goodSub is one valid submission line.
const goodSub = `{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","candidate":{"name":"Dana Ruiz"},"parts":[{"title":"Part 1: Overview","text":"Grade 5."}]}`

// TestImportKnownHistory: the known history imports with the expected
// summary, and importing it again changes nothing.
func TestImportKnownHistory(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	out, err := run(t, "", "import", "--db", db, "../testdata/known/history.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "9 submissions, 7 decisions imported; 0 lines unchanged") {
		t.Fatalf("summary: %q", out)
	}
	// Idempotent: the same file again changes nothing.
	out, err = run(t, "", "import", "../testdata/known/history.jsonl", "--db", db)
	if err != nil || !strings.Contains(out, "0 submissions, 0 decisions imported; 16 lines unchanged") {
		t.Fatalf("re-import: %v %q", err, out)
	}
	if c := counts(t, db); c.Applications != 5 || c.Attempts != 9 || c.Decided != 7 || c.Pending != 2 {
		t.Fatalf("counts %+v", c)
	}
}

// TestImportStdin: "-" imports from stdin.
func TestImportStdin(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	if _, err := run(t, goodSub+"\n", "import", "-", "--db", db); err != nil {
		t.Fatal(err)
	}
	if c := counts(t, db); c.Applications != 1 {
		t.Fatalf("counts %+v", c)
	}
}

// TestImportAnyLineOrder: the known history with its lines reversed (every
// decision before its submission, attempt 2 before attempt 1) imports to
// the same report as in file order; a real gap still names its own line.
func TestImportAnyLineOrder(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../testdata/known/history.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	slices.Reverse(lines)
	reversed := writeFile(t, t.TempDir(), "reversed.jsonl", strings.Join(lines, "\n")+"\n")

	report := func(file string) string {
		db := storeWithKnownRubrics(t)
		if out, err := run(t, "", "import", file, "--db", db); err != nil {
			t.Fatalf("import %s: %v\n%s", file, err, out)
		}
		out, err := run(t, "", "report", "--format", "json", "--db", db)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	if inOrder, backwards := report("../testdata/known/history.jsonl"), report(reversed); inOrder != backwards {
		t.Fatalf("reversed file reports differently:\n%s\nin file order:\n%s", backwards, inOrder)
	}

	gap := writeFile(t, t.TempDir(), "gap.jsonl", strings.Replace(goodSub, `"attempt":1`, `"attempt":3`, 1)+"\n"+goodSub+"\n")
	if _, err := run(t, "", "import", gap, "--db", storeWithKnownRubrics(t)); err == nil || !strings.HasPrefix(err.Error(), gap+":1: attempt: attempt out of sequence") {
		t.Fatalf("err = %v", err)
	}
}

// TestImportBOMAndCRLF: a file saved by Windows tools (a byte order mark,
// CRLF line ends) imports like any other.
func TestImportBOMAndCRLF(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	second := strings.ReplaceAll(goodSub, "A-1", "A-2")
	p := writeFile(t, t.TempDir(), "win.jsonl", "\ufeff"+goodSub+"\r\n"+second+"\r\n")
	if out, err := run(t, "", "import", p, "--db", db); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if c := counts(t, db); c.Applications != 2 {
		t.Fatalf("counts %+v", c)
	}
}

// TestImportBadLines: every bad line names file, line and field, and
// nothing from the file is stored, even the good lines before it.
func TestImportBadLines(t *testing.T) {
	dec := `{"type":"decision","application":"A-1","attempt":1,"reviewer":"rev-1","decided_at":"2024-02-03T10:00:00Z",`
	tests := []struct{ name, bad, want string }{
		{"bad JSON", `{"type":"submission",`, "in.jsonl:3: bad JSON"},
		{"unknown type", `{"type":"badge","application":"A-1","attempt":1}`, `in.jsonl:3: type: unknown type (want submission or decision): "badge"`},
		{"unknown credential", strings.Replace(strings.Replace(goodSub, `"df"`, `"nope"`, 1), `"A-1"`, `"A-2"`, 1), `in.jsonl:3: credential: unknown credential "nope"`},
		{"missing field", strings.Replace(strings.Replace(goodSub, `"submitted_at":"2024-02-01T10:00:00Z",`, "", 1), `"A-1"`, `"A-2"`, 1), "in.jsonl:3: submitted_at: required field missing"},
		{"bad time", strings.Replace(strings.Replace(goodSub, `2024-02-01T10:00:00Z`, `yesterday`, 1), `"A-1"`, `"A-2"`, 1), `in.jsonl:3: submitted_at: "yesterday" must be an RFC 3339 time`},
		{"attempt gap", strings.Replace(goodSub, `"attempt":1`, `"attempt":3`, 1), "in.jsonl:3: attempt: attempt out of sequence"},
		{"decided in the future", strings.Replace(dec, "2024-02-03", "2094-02-03", 1) + `"outcome":"pass","levels":{"C1":"meets","C2":"meets"}}`, `in.jsonl:3: decided_at: 2094-02-03T10:00:00Z is in the future`},
		{"outcome disagrees", dec + `"outcome":"pass","levels":{"C1":"meets","C2":"not-yet"},"feedback":{"C2":"Add a second sample that shows how the students used the feedback in their revision."}}`, `in.jsonl:3: outcome: outcome disagrees with levels`},
		{"feedback too long", dec + `"outcome":"resubmit","levels":{"C1":"meets","C2":"not-yet"},"feedback":{"C2":"` + strings.Repeat("a", review.MaxFeedback+1) + `"}}`, `in.jsonl:3: feedback.C2: feedback too long: 10001 characters (at most 10000)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := storeWithKnownRubrics(t)
			dir := t.TempDir()
			p := filepath.Join(dir, "in.jsonl")
			content := goodSub + "\n\n" + tt.bad + "\n"
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			wd, _ := os.Getwd()
			if err := os.Chdir(dir); err != nil {
				t.Fatal(err)
			}
			defer os.Chdir(wd)
			_, err := run(t, "", "import", "in.jsonl", "--db", db)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("err = %v, want prefix %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			if c := counts(t, db); c.Applications != 0 || c.Attempts != 0 {
				t.Fatalf("something was stored: %+v", c)
			}
		})
	}
}

// TestImportSummaryNamesFileSafely: the line that reports an import names
// its file as a terminal can show it safely, whatever bytes the name holds.
func TestImportSummaryNamesFileSafely(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	p := writeFile(t, t.TempDir(), "g\x1b]0;PWNED\a\u202e.jsonl", goodSub+"\n")
	out, err := run(t, "", "import", p, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out, "\x1b\a\u202e") || !strings.Contains(out, "/g.jsonl: 1 submission") {
		t.Errorf("summary %q", out)
	}
}
