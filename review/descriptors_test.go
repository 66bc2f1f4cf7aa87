package review

import (
	"slices"
	"strings"
	"testing"
)

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
		// GitHub's tables may leave off the outer bars, and start after prose.
		{"Levels:\nnot-yet | meets\n:--- | ---:\nvague | names the goal", ""},
		{"not-yet | meets\n--- | ---\nvague", "its table's first row has fewer cells than its header"},
		// Without a delimiter line under it, a line of bars is text.
		{"| not-yet | meets |\n| vague | names the goal |", ""},
	} {
		if got := (Criterion{ID: "C1", Description: tc.desc}).DescriptorTableProblem(levels); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.desc, got, tc.want)
		}
	}
}

// TestDescriptorsLevelInAnotherUnicodeForm: a header naming a level
// composed heads the column of the level the front matter lists
// decomposed; the two are drawn alike.
func TestDescriptorsLevelInAnotherUnicodeForm(t *testing.T) {
	levels := []string{"non", "re\u0301ussi"}
	c := Criterion{ID: "C1", Description: "| non | R\u00e9ussi |\n|---|---|\n| vague | names the goal |"}
	if got, ok := c.Descriptors(levels); !ok || !slices.Equal(got, []string{"vague", "names the goal"}) {
		t.Errorf("descriptors %q, %v; want [vague, names the goal] (%s)", got, ok, c.DescriptorTableProblem(levels))
	}
}

// TestDescriptorsWithoutOuterBars: a table written as GitHub allows, with
// no bar at either end of its rows and after a line of prose, gives the
// levels' descriptors as one with bars does.
func TestDescriptorsWithoutOuterBars(t *testing.T) {
	levels := []string{"not-yet", "meets"}
	for desc, want := range map[string][]string{
		"Levels:\nmeets | not-yet\n:--- | ---:\nnames the goal | vague\n\nMore prose.": {"vague", "names the goal"},
		"| not-yet | meets |\n|---|---|\n| vague \\| loose | names the goal |":         {"vague | loose", "names the goal"},
	} {
		got, ok := Criterion{ID: "C1", Description: desc}.Descriptors(levels)
		if !ok || !slices.Equal(got, want) {
			t.Errorf("%q: %q %v, want %q", desc, got, ok, want)
		}
	}
	// "a | b" over "---" is a heading to GitHub, not a table.
	if got, ok := (Criterion{ID: "C1", Description: "not-yet | meets\n---\nvague | names the goal"}).Descriptors(levels); ok {
		t.Errorf("a heading read as a table: %q", got)
	}
}

// TestDescriptorsAsTheScreenDrawsThem: a table gives descriptors exactly
// when the review screen draws it as one: not in code, yes in a block
// quote, not with a malformed delimiter line, and its rows end where a
// list starts.
func TestDescriptorsAsTheScreenDrawsThem(t *testing.T) {
	levels := []string{"not-yet", "meets"}
	const table = "| not-yet | meets |\n|---|---|\n| vague | clear |"
	for desc, want := range map[string][]string{
		"```\n" + table + "\n```":                                             nil,
		"~~~\nnot-yet | meets\n--- | ---\nvague | clear\n~~~":                 nil,
		"    | not-yet | meets |\n    |---|---|\n    | vague | clear |":       nil,
		"> | not-yet | meets |\n> |---|---|\n> | vague | clear |":             {"vague", "clear"},
		"| not-yet | meets |\n| - - | --- |\n| vague | clear |":               nil,
		"| not-yet | meets |\n|-:-|---|\n| vague | clear |":                   nil,
		"| not-yet | meets |\n|---|---|\n- vague | clear":                     nil,
		"```\ncode\n```\n" + table:                                            {"vague", "clear"},
		"| not-yet | meets |\n|:---|---:|\n| vague | clear |":                 {"vague", "clear"},
		"> ```\n> " + strings.ReplaceAll(table, "\n", "\n> ") + "\n> ```":     nil,
		">     | not-yet | meets |\n>     |---|---|\n>     | vague | clear |": nil,
		"| not-yet | meets |\n|---|---|\n> vague | clear":                     nil,
		// Only an item numbered 1 or a heading with its space ends a row.
		"| not-yet | meets |\n|---|---|\n2. vague | clear": {"2. vague", "clear"},
		"| not-yet | meets |\n|---|---|\n#vague | clear":   {"#vague", "clear"},
	} {
		got, ok := Criterion{ID: "C1", Description: desc}.Descriptors(levels)
		if ok != (want != nil) || !slices.Equal(got, want) {
			t.Errorf("%q: %q %v, want %q", desc, got, ok, want)
		}
	}
}

// TestDescriptorTableProblemLevelInAnotherUnicodeForm: a header naming a
// level composed heads the column of the level the front matter lists
// decomposed in the warning too: a table whose only fault is a short row
// is told as that, not as lacking the column it has.
func TestDescriptorTableProblemLevelInAnotherUnicodeForm(t *testing.T) {
	levels := []string{"non", "re\u0301ussi"}
	c := Criterion{ID: "C1", Description: "| non | R\u00e9ussi |\n|---|---|\n| vague |"}
	if got, want := c.DescriptorTableProblem(levels), "its table's first row has fewer cells than its header"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
