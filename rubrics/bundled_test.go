package rubrics

import (
	"reflect"
	"sort"
	"testing"
)

func TestBundled(t *testing.T) {
	rs, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) < 8 {
		t.Fatalf("%d bundled rubrics, want at least 8", len(rs))
	}
	if !sort.SliceIsSorted(rs, func(i, j int) bool { return rs[i].ID < rs[j].ID }) {
		t.Error("bundled rubrics are not sorted by id")
	}
	var literacy []string
	for _, r := range rs {
		if r.Stack == "Assessment Literacy" {
			literacy = append(literacy, r.Title)
		}
		t.Run(r.ID, func(t *testing.T) {
			if r.Title == "" || r.Version < 1 || r.Markdown == "" {
				t.Errorf("incomplete rubric: title %q, version %d, %d bytes of Markdown", r.Title, r.Version, len(r.Markdown))
			}
			var parts []int
			for _, p := range r.Parts {
				parts = append(parts, p.Number)
			}
			if !reflect.DeepEqual(parts, []int{1, 2, 3}) {
				t.Errorf("parts %v, want 1, 2, 3", parts)
			}
			if n := len(r.Criteria); n < 3 || n > 6 {
				t.Errorf("%d criteria, want 3 to 6", n)
			}
			for _, c := range r.Criteria {
				if c.Part < 1 || c.Description == "" {
					t.Errorf("criterion %s: part %d, description %q", c.ID, c.Part, c.Description)
				}
			}
		})
	}
	sort.Strings(literacy)
	want := []string{
		"Classroom Embedded Performance Assessment",
		"Descriptive Feedback of Student Learning",
		"Eliciting Accurate Evidence of Student Learning",
		"Formative Assessment in the Teaching and Learning Cycle",
		"Foundational Principles of Quality Assessment",
		"Learning Targets to Establish Success Criteria and Engage Students",
	}
	if !reflect.DeepEqual(literacy, want) {
		t.Errorf("Assessment Literacy titles:\n got %q\nwant %q", literacy, want)
	}
}

// TestBundledFresh checks that each call returns its own copy, so one
// caller's edits cannot leak into another's rubrics.
func TestBundledFresh(t *testing.T) {
	a, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	a[0].Levels[0], a[0].Criteria[0].Name = "changed", "changed"
	b, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if b[0].Levels[0] == "changed" || b[0].Criteria[0].Name == "changed" {
		t.Error("Bundled returned shared slices")
	}
}
