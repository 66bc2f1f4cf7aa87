package rubrics

import (
	"reflect"
	"strings"
	"testing"

	"assessor/review"
)

// criterionIDs parses src and returns its criteria's ids and parts' count.
func criterionIDs(t *testing.T, src string) ([]string, int) {
	t.Helper()
	r, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range r.Criteria {
		ids = append(ids, c.ID)
	}
	return ids, len(r.Parts)
}

// TestParseSkipsHTMLComments: an author retires a criterion by commenting
// it out, and the review screen draws nothing of an HTML comment, so a
// heading in one is not read and the retired criterion is not scored. What
// is a comment is what the screen's Markdown reader says: not "<!--" in
// fenced code or inside a paragraph's text.
func TestParseSkipsHTMLComments(t *testing.T) {
	const head = "---\nid: x\ntitle: X\n---\n"
	src := head + "## Part 1: A\n### C1. One\ndesc\n\n<!--\n### C2. Retired criterion\nno longer used\n-->\n\n" +
		"  <!-- on one line --> after\n### C3. Three\n<!-- a note\n## Part 2: Retired\n  -->\n```\n<!--\n```\n### C5. Five\n" +
		"text <!-- inline, not a block\n### C6. Six\n- <!--\n  ### C7. In a list item's comment\n  -->\n1. ```\n   ### C8. In a list item's code\n   ```\n"
	ids, parts := criterionIDs(t, src)
	if want := []string{"C1", "C3", "C5", "C6"}; !reflect.DeepEqual(ids, want) || parts != 1 {
		t.Errorf("criteria %v, %d parts: want %v in one part, the ones in comments and code left out", ids, parts, want)
	}
	// Other HTML is drawn as its text without the tags: headings in it count.
	for _, html := range []string{"<details>\n<summary>More</summary>\n", "<div>\n", "<hr>\n", "<br>\n", "<pre>\nsome\n\n"} {
		if ids, _ := criterionIDs(t, head+"### C1. One\n"+html+"### C2. Two\ntext\n"); !reflect.DeepEqual(ids, []string{"C1", "C2"}) {
			t.Errorf("after %q: criteria %v, want C1 and C2", html, ids)
		}
	}
	// A description keeps its comments as written: a rubric stored before
	// is the same rubric when its file is added again.
	r, _ := Parse("x.md", []byte(src))
	if d := r.Criteria[0].Description; d != "desc\n\n<!--\n### C2. Retired criterion\nno longer used\n-->\n\n  <!-- on one line --> after" {
		t.Errorf("C1's description %q", d)
	}
}

// TestParseRefusesUnclosedComment: a "<!--" without its "-->" hides all
// after it in its block from the review screen; a criterion or part
// heading it hides was commented out by mistake, and is refused on its
// line. One that hides no heading, or ends with the quote it is in, is
// left alone, as is a comment closed after a line the bounds refuse.
func TestParseRefusesUnclosedComment(t *testing.T) {
	const head = "---\nid: x\ntitle: X\n---\n### C1. One\n" // body from line 6
	for body, want := range map[string]string{
		"<!-- retired\ntext\n### C2. Two\n":                                       `x.md:8: heading "C2. Two" is inside the HTML comment opened at line 6, which is never closed: add --> where the comment ends`,
		"- <!-- retired\n  ### C2. Two\n\nafter\n":                                `x.md:7: heading "C2. Two" is inside the HTML comment opened at line 6, which is never closed: add --> where the comment ends`,
		"<!--\n## Part 2: B\n":                                                    `x.md:7: heading "Part 2: B" is inside the HTML comment opened at line 6, which is never closed: add --> where the comment ends`,
		"<!-- retired\n### C2. Two\nsee " + strings.Repeat("a", 1200) + "\n-->\n": "x.md:8: 1200 characters without a space: at most 1000, as a longer run takes the review screen long to draw",
	} {
		if _, err := Parse("x.md", []byte(head+body)); err == nil || err.Error() != want {
			t.Errorf("%.40q: error %v, want %s", body, err, want)
		}
	}
	for _, body := range []string{
		"text\n<!-- notes to self, left open\n",
		"> <!-- todo\n\n### C2. Two\n",
	} {
		if _, err := Parse("x.md", []byte(head+body)); err != nil {
			t.Errorf("%q: %v", body, err)
		}
	}
}

// TestParseUnderlinedHeadings: a line of '=' or '-' under a paragraph
// makes it a heading on the screen. One that looks meant as a criterion or
// part is refused, naming the line that looks so, rather than glued to the
// description before it and left out of scoring; any other stays in the
// description as before, as do a table (with or without outer bars), a
// list's lazy line or a quote above a rule.
func TestParseUnderlinedHeadings(t *testing.T) {
	const head = "---\nid: x\ntitle: X\n---\n## Part 1: A\n### C1. One\ndesc\n\n" // line 9 on
	for body, want := range map[string]string{
		"C2. Two\n========\nStudents act\n":          `x.md:9: criterion heading "C2. Two" is underlined, a level-1 heading: a criterion is a ### heading`,
		"more desc\n**C2. Two**\n---\n":              `x.md:10: criterion heading "**C2. Two**" is underlined, a level-2 heading: a criterion is a ### heading`,
		"  Part 2: Artifacts\n  ---   \n### C2. B\n": `x.md:9: part heading "Part 2: Artifacts" is underlined, a level-2 heading: a part is a ## heading`,
		// The screen draws it "│ ## C3. quoted", as one outside the quote.
		"> C3. quoted\n> ---\n": `x.md:9: criterion heading "C3. quoted" is inside a block quote, where it is not read as one: move it out of the block quote, to the start of its line, as a ### heading`,
	} {
		if _, err := Parse("x.md", []byte(head+body)); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", body, err, want)
		}
	}

	r, err := Parse("x.md", []byte(head+"Resources\n=\nread these\n### C2. Two\ntext\n\n---\n\nHeading\n---\n- a\nlazy\n---\n"+
		"| a | b |\n|---|---|\n| 1 | 2 |\n---\n> C3. quoted\n---\nC2 and C3 are scored together\n---\nas is Part 2 of the\nPart 2 of the portfolio.\n---\n"+
		"Criterion | Weight\n--- | ---\nC2. Two | 60%\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []review.Criterion{
		{ID: "C1", Name: "One", Part: 1, Description: "desc\n\nResources\n=\nread these"},
		{ID: "C2", Name: "Two", Part: 1, Description: "text\n\n---\n\nHeading\n---\n- a\nlazy\n---\n| a | b |\n|---|---|\n| 1 | 2 |\n---\n> C3. quoted\n---\n" +
			"C2 and C3 are scored together\n---\nas is Part 2 of the\nPart 2 of the portfolio.\n---\nCriterion | Weight\n--- | ---\nC2. Two | 60%\n---"},
	}
	if !reflect.DeepEqual(r.Criteria, want) {
		t.Errorf("criteria %+v\nwant %+v", r.Criteria, want)
	}
}
