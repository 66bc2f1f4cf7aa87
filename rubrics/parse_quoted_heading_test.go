package rubrics

import (
	"strings"
	"testing"
)

// TestCriterionHeadingInQuoteOrListNotDropped: a "### C2. Name" heading
// inside a block quote or a list item is drawn by the review screen as a
// criterion heading, but is not read as one. docs/formats.md §1: "A heading
// that looks meant as one but is not … is refused, not left out of
// scoring." Either C2 is a criterion or the rubric is refused; it must
// not be added with C2 silently unscored.
func TestCriterionHeadingInQuoteOrListNotDropped(t *testing.T) {
	for _, h := range []string{"> ### C2. Students act on the feedback", "- ### C2. Students act on the feedback"} {
		src := "---\nid: q\ntitle: Q\n---\n# Q\n\n### C1. Feedback is tied to the target\n\nOne.\n\n" + h + "\n\nTwo.\n\n### C3. Reflection\n\nThree.\n"
		r, err := Parse("q.md", []byte(src))
		if err != nil {
			// Refused, as the docs promise: on the heading's line, saying
			// how to have it read.
			if msg := err.Error(); !strings.HasPrefix(msg, "q.md:11: criterion heading \"C2. Students act on the feedback\" is inside a ") ||
				!strings.Contains(msg, "move it out of the ") || strings.Contains(msg, "\n") {
				t.Errorf("%q: error %q", h, msg)
			}
			continue
		}
		ids := []string{}
		for _, c := range r.Criteria {
			ids = append(ids, c.ID)
		}
		if len(ids) != 3 {
			t.Errorf("%q: rubric added with criteria %v: C2, drawn as a heading, is left out of scoring", h, ids)
		}
	}
}

// TestCriterionHeadingIndentedInListStillRead: a heading indented under a
// list item, which a line read alone and the screen both take as a
// heading, is still a criterion; a part heading in a quote is refused
// like a criterion's.
func TestCriterionHeadingIndentedInListStillRead(t *testing.T) {
	src := "---\nid: q\ntitle: Q\n---\n# Q\n\n### C1. One\n\n- a point\n\n  ### C2. Two\n\nTwo.\n"
	if r, err := Parse("q.md", []byte(src)); err != nil || len(r.Criteria) != 2 {
		t.Errorf("%v, %d criteria", err, len(r.Criteria))
	}
	src = "---\nid: q\ntitle: Q\n---\n# Q\n\n> ## Part 2: Artifacts\n\n### C1. One\n"
	want := `q.md:7: part heading "Part 2: Artifacts" is inside a block quote, where it is not read as one: move it out of the block quote, to the start of its line`
	if _, err := Parse("q.md", []byte(src)); err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestUnderlinedCriterionInQuoteOrListNotDropped: "C2. Name" underlined
// with "---" or "===" inside a block quote or a list item is a heading
// there, and the review screen draws it as one ("│ ## C2. Name"), as it
// draws "> ### C2. Name". docs/formats.md §1: a "C2. Name" line
// underlined is refused, and a heading that looks meant as a criterion
// "is refused, not left out of scoring".
func TestUnderlinedCriterionInQuoteOrListNotDropped(t *testing.T) {
	for h, in := range map[string]string{"> C2. Students act on the feedback\n> ---": "block quote",
		"- C2. Students act on the feedback\n  ---": "list item", "> C2. Students act on the feedback\n> ===": "block quote"} {
		src := "---\nid: q\ntitle: Q\n---\n# Q\n\n### C1. Feedback is tied to the target\n\nOne.\n\n" + h + "\n\nTwo.\n\n### C3. Reflection\n\nThree.\n"
		r, err := Parse("q.md", []byte(src))
		if err != nil {
			want := `q.md:11: criterion heading "C2. Students act on the feedback" is inside a ` + in + `, where it is not read as one: move it out of the ` + in + `, to the start of its line, as a ### heading`
			if err.Error() != want {
				t.Errorf("%q: error %q, want %q", h, err, want)
			}
			continue
		}
		var ids []string
		for _, c := range r.Criteria {
			ids = append(ids, c.ID)
		}
		if len(ids) != 3 {
			t.Errorf("%q: rubric added with criteria %v: C2, drawn as a heading, is left out of scoring", h, ids)
		}
	}

	// Refused on the underlined line, as outside a quote; a part too. An
	// underlined line in a quote read as text outside one stays text.
	const head = "---\nid: q\ntitle: Q\n---\n# Q\n\n### C1. One\n\n"
	for body, want := range map[string]string{
		"> more\n> C2. Two\n> ---\n":          `q.md:10: criterion heading "C2. Two" is inside a block quote, where it is not read as one: move it out of the block quote, to the start of its line, as a ### heading`,
		"- x\n\n  Part 2: Artifacts\n  ===\n": `q.md:11: part heading "Part 2: Artifacts" is inside a list item, where it is not read as one: move it out of the list item, to the start of its line, as a ## heading`,
	} {
		if _, err := Parse("q.md", []byte(head+body)); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", body, err, want)
		}
	}
	for _, body := range []string{"> C2 and C3 are scored together\n> ---\n", "> C2. lazy\n---\n", "- C2. lazy\n---\n"} {
		if r, err := Parse("q.md", []byte(head+body)); err != nil || len(r.Criteria) != 1 {
			t.Errorf("%q: %v", body, err)
		}
	}
}
