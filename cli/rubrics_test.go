package cli

import (
	"strings"
	"testing"
)

// TestRubricsAddListShow: rubrics add, list and show; adding the same
// rubrics again changes nothing.
func TestRubricsAddListShow(t *testing.T) {
	db := storeWithKnownRubrics(t)
	out, err := run(t, "", "rubrics", "list", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"df", "Descriptive Feedback", "Assessment Literacy", "fp", "lt"} {
		if !strings.Contains(out, want) {
			t.Fatalf("list lacks %q:\n%s", want, out)
		}
	}
	t.Setenv("NO_COLOR", "1")
	out, err = run(t, "", "rubrics", "show", "fp", "--db", db)
	if err != nil || !strings.Contains(out, "C1. Context is described") || strings.Contains(out, "\x1b[") {
		t.Fatalf("show: %v\n%q", err, out)
	}
	// Adding the same rubrics again is a no-op.
	out, err = run(t, "", "rubrics", "add", "--db", db, "../testdata/known/df.md")
	if err != nil || !strings.Contains(out, "df v1: unchanged") {
		t.Fatalf("re-add: %v %q", err, out)
	}
	// An earlier version stays readable: what an earlier attempt was scored against.
	v2 := writeFile(t, t.TempDir(), "fp.md", "---\nid: fp\ntitle: FP\nversion: 2\n---\n### C1. Renamed in version 2\n")
	if _, err := run(t, "", "rubrics", "add", v2, "--db", db); err != nil {
		t.Fatal(err)
	}
	for version, want := range map[string]string{"": "fp version 2 (the latest)\n", "2": "C1. Renamed in version 2", "1": "fp version 1 (the latest is 2)\n"} {
		args := []string{"rubrics", "show", "fp", "--db", db}
		if version != "" {
			args = append(args, "--version", version)
		}
		if out, err := run(t, "", args...); err != nil || !strings.Contains(out, want) {
			t.Errorf("show --version %q: %v, want %q in\n%s", version, err, want, out)
		}
		if version == "1" {
			if out, _ := run(t, "", args...); !strings.Contains(out, "C1. Context is described") {
				t.Errorf("show --version 1 shows not version 1:\n%s", out)
			}
		}
	}
	// Adding an older version says the latest stays what is scored against.
	out, err = run(t, "", "rubrics", "add", "--db", db, "../testdata/known/fp.md")
	if want := "fp v1: unchanged (2 criteria); v2 stays the latest, the one new imports are scored against\n"; err != nil || out != want {
		t.Errorf("re-add of v1 after v2: %v %q, want %q", err, out, want)
	}
	if _, err := run(t, "", "rubrics", "show", "fp", "--version", "3", "--db", db); err == nil || !strings.Contains(err.Error(), "rubric fp version 3: not found") {
		t.Errorf("show --version 3: %v", err)
	}
}

// TestRubricsAddBadFileStoresNothing: one bad file in a folder stops the
// add before any rubric is stored.
func TestRubricsAddBadFileStoresNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := storeWithKnownRubrics(t)
	writeFile(t, dir, "a.md", "---\nid: a\ntitle: A\n---\n### C1. One\n")
	bad := writeFile(t, dir, "b.md", "---\nid: b\ntitle: B\n---\n### C1. One\ntext\n### C1. Again\n")
	_, err := run(t, "", "rubrics", "add", dir, "--db", db)
	if err == nil || err.Error() != bad+":7: duplicate criterion id C1 (first at line 5)" {
		t.Fatalf("err = %v", err)
	}
	out, err := run(t, "", "rubrics", "list", "--db", db)
	if err != nil || strings.Contains(out, "\na ") {
		t.Fatalf("a.md was stored although b.md is bad: %v\n%s", err, out)
	}
}

// TestRubricsAddKeepsCriterionSpelling: a new version that writes a
// criterion's number otherwise (C01 for C1) is refused, naming the file;
// decisions and the report would count the two apart.
func TestRubricsAddKeepsCriterionSpelling(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := storeWithKnownRubrics(t)
	v2 := writeFile(t, dir, "fp.md", "---\nid: fp\ntitle: FP\nversion: 2\n---\n### C01. Context\n")
	_, err := run(t, "", "rubrics", "add", v2, "--db", db)
	if want := v2 + ":1: criterion C01 is C1 in version 1: keep its spelling, or decisions and the report count the two apart; nothing was added"; err == nil || ErrorLine(err) != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	if out, err := run(t, "", "rubrics", "show", "fp", "--version", "2", "--db", db); err == nil {
		t.Errorf("version 2 was stored:\n%s", out)
	}
}

// TestLockedStoreFailsFast: a store another process holds fails after
// lockWait with a one-line error, instead of hanging.
func TestLockedStoreFailsFast(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	st := openTestStore(t, db)
	defer st.Close()
	_, err := run(t, "", "rubrics", "list", "--db", db)
	if err == nil || err.Error() != "store "+db+" is in use by another assessor process" {
		t.Fatalf("err = %v", err)
	}
}

// TestRubricsAddChangedVersionStoresNothing: a folder in which one rubric
// repeats a stored id and version with other content adds none of them,
// and the error names that file (the ones before it were stored).
func TestRubricsAddChangedVersionStoresNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := storeWithKnownRubrics(t)
	first := t.TempDir()
	writeFile(t, first, "c.md", "---\nid: c\ntitle: C\n---\n### C1. One\n")
	if _, err := run(t, "", "rubrics", "add", first, "--db", db); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "a.md", "---\nid: a\ntitle: A\n---\n### C1. One\n")
	changed := writeFile(t, dir, "c.md", "---\nid: c\ntitle: C changed\n---\n### C1. One\n")
	_, err := run(t, "", "rubrics", "add", dir, "--db", db)
	if want := changed + ":1: rubric c version 1 already stored with different content: bump version; nothing was added"; err == nil || ErrorLine(err) != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	out, err := run(t, "", "rubrics", "list", "--db", db)
	if err != nil || strings.Contains(out, "\na ") {
		t.Fatalf("a.md was stored beside the refused c.md: %v\n%s", err, out)
	}
}

// TestRubricsAddWarnsOfADescriptorTable: a descriptor table whose header
// does not name the rubric's levels is added (it is shown as written), with
// a warning on stderr naming the file, the criterion and the missing level;
// a table that names them gets none.
func TestRubricsAddWarnsOfADescriptorTable(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	p := writeFile(t, t.TempDir(), "lv.md", "---\nid: lv\ntitle: LV\nlevels: [no, yes]\n---\n### C1. One\n\n| not yet | meets |\n|---|---|\n| bad | good |\n\n### C2. Two\n\n| no | yes |\n|---|---|\n| bad | good |\n")
	stdout, stderr, err := executeSplit(New(), "", "rubrics", "add", p, "--db", db)
	if err != nil || stdout != "lv v1: added (2 criteria)\n" {
		t.Fatalf("add: %v %q", err, stdout)
	}
	want := "assessor: warning: " + p + ": lv C1: its table's header (not yet | meets) has no column no, yes, so reviewers see the table as written, not each level's descriptor beside it\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q (and nothing for C2)", stderr, want)
	}
}

// TestRubricsAddRefusalComesAlone: a refused add prints its one error
// line and no warning for the rubric it did not store.
func TestRubricsAddRefusalComesAlone(t *testing.T) {
	t.Parallel()
	db := storeWithKnownRubrics(t)
	dir := t.TempDir()
	p := writeFile(t, dir, "lv.md", "---\nid: lv\ntitle: LV\n---\n### C1. One\n\n| no | yes |\n|---|---|\n| bad | good |\n")
	if _, _, err := executeSplit(New(), "", "rubrics", "add", p, "--db", db); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "lv.md", "---\nid: lv\ntitle: LV changed\n---\n### C1. One\n\n| no | yes |\n|---|---|\n| bad | good |\n")
	_, stderr, err := executeSplit(New(), "", "rubrics", "add", p, "--db", db)
	if err == nil || !strings.HasPrefix(ErrorLine(err), p+":1: ") || stderr != "" {
		t.Errorf("refused add: %v, stderr %q; want the FILE:1: error alone", err, stderr)
	}
}
