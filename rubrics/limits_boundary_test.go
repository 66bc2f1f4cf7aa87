package rubrics

import (
	"strings"
	"testing"
)

// TestParseLimitsAtTheirBoundary: docs/formats.md §1 gives exact limits,
// "at most 1,000 characters without a space" and ids "at most 64
// characters"; one past each is refused, not only far past it.
func TestParseLimitsAtTheirBoundary(t *testing.T) {
	head := "---\nid: a\ntitle: T\n---\n### C1. a\n" // body from line 6
	for body, want := range map[string]string{
		"https://example.org/" + strings.Repeat("a", 981) + "\n": "a.md:6: 1001 characters without a space: at most 1000, as a longer run takes the review screen long to draw",
		"### C" + strings.Repeat("9", 64) + ". b\n":              "a.md:6: criterion id C9999999999… is 65 characters: at most 64",
	} {
		if _, err := Parse("a.md", []byte(head+body)); err == nil || err.Error() != want {
			t.Errorf("%.40q…: error %v, want %s", body, err, want)
		}
	}
}

// TestParseRefusesListsNestedWithTabs: lists indented under one another
// with tabs (a tab is 4 columns to Markdown, and to the review screen) are
// nested as deep as those indented with spaces, so nine of them are
// refused too (docs/formats.md §1, "lists at most 8 deep ... indented under
// one another").
func TestParseRefusesListsNestedWithTabs(t *testing.T) {
	head := "---\nid: a\ntitle: T\n---\n### C1. a\n" // body from line 6
	var b strings.Builder
	for i := range 9 {
		b.WriteString(strings.Repeat("\t", i) + "- item\n")
	}
	want := "a.md:14: lists nested 9 deep: at most 8, as deeper ones take the review screen long to draw"
	if _, err := Parse("a.md", []byte(head+b.String())); err == nil || err.Error() != want {
		t.Errorf("nine lists indented with tabs: error %v, want %s", err, want)
	}
}
