package review

import "testing"

// TestDescriptorTableProblem: why a description's table gives the levels
// no descriptors, or "" when it does or holds no table.
func TestDescriptorTableProblem(t *testing.T) {
	levels := []string{"not-yet", "meets"}
	for _, tc := range []struct{ desc, want string }{
		{"Prose only.", ""},
		{"| not-yet | meets |\n|---|---|\n| vague | names the goal |", ""},
		{"| Not-Yet | MEETS |\n|---|---|\n| vague | names the goal |", ""},
		{"| not yet | meets |\n|---|---|\n| vague | names the goal |", "its table's header (not yet | meets) has no column not-yet"},
		{"| no | yes |\n|---|---|\n| vague | names the goal |", "its table's header (no | yes) has no column not-yet, meets"},
		{"| not-yet | meets |\n|---|---|", "its table has no row under the header"},
		{"| not-yet | meets |\n|---|---|\n| vague |", "its table's first row has fewer cells than its header"},
	} {
		if got := (Criterion{ID: "C1", Description: tc.desc}).DescriptorTableProblem(levels); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.desc, got, tc.want)
		}
	}
}
