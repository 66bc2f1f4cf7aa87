package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/rubrics"
	"assessor/store"
)

// TestCalibrationAddConfirmsEveryLevel: calibration add confirms the
// reference levels in the rubric the attempt was scored against; after a
// new version renamed C2, the latest rubric dropped the very level the
// lead gave with --level.
func TestCalibrationAddConfirmsEveryLevel(t *testing.T) {
	db := qualityStore(t) // df v1: C1, C2; Q1..Q5 decided against v1
	src, err := os.ReadFile("../testdata/known/df.md")
	if err != nil {
		t.Fatal(err)
	}
	v2 := strings.Replace(strings.Replace(string(src), "stack: Assessment Literacy", "stack: Assessment Literacy\nversion: 2", 1),
		"### C2. Evidence is complete", "### C3. Evidence is complete", 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "df.md"), []byte(v2), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, err := rubrics.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddRubric(rs[0]); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, err := runQuality(t, "calibration", "add", "Q5#1", "--as", "lead-1", "--level", "C2=not-yet", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out, ": C1 meets, C2 not-yet\n") {
		t.Errorf("calibration add confirms %q, want C1 and C2", out)
	}
}
