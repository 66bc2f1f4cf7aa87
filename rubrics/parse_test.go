package rubrics

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"assessor/review"
)

// mustRead reads a testdata file.
func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// afterFrontMatter is the file text after the closing "---" line, which
// Parse must hand back unchanged as Markdown.
func afterFrontMatter(t *testing.T, data []byte) string {
	t.Helper()
	parts := strings.SplitN(string(data), "\n---\n", 2)
	if len(parts) != 2 {
		t.Fatal("test file has no closing --- line")
	}
	return parts[1]
}

func TestParseGood(t *testing.T) {
	data := mustRead(t, "good.md")
	got, err := Parse("testdata/good.md", data)
	if err != nil {
		t.Fatal(err)
	}
	want := review.Rubric{
		ID:      "good-rubric",
		Title:   "A Good Rubric",
		Stack:   "Testing Stack",
		Version: 3,
		Levels:  []string{"beginning", "developing", "meets"},
		Parts: []review.Part{
			{Number: 1, Title: "Part 1: Overview questions", MaxWords: 500},
			{Number: 2, Title: "Part 2: Artifacts"},
			{Number: 3, Title: "Part 3: Reflection", MaxWords: 1},
		},
		Criteria: []review.Criterion{
			{ID: "C1", Name: "Criterion before any part", Part: 0,
				Description: "Described before the parts."},
			{ID: "C2", Name: "Criterion in part one", Part: 1,
				Description: "| beginning | developing | meets |\n|---|---|---|\n| a | b | c |\n\n" +
					"#### A level-4 heading stays in the description\nMore of C2."},
			{ID: "C3", Name: "Criterion in part two", Part: 2,
				Description: "Line one.\n\n~~~\n### C8. Still in a fence\n~~~\nLine two."},
			{ID: "C10", Name: "Criterion in part three", Part: 3, Description: "Last words."},
			{ID: "C11", Name: "Criterion after a non-part section", Part: 0,
				Description: "Belongs to no part."},
		},
		Markdown: afterFrontMatter(t, data),
	}
	compareRubrics(t, got, want)
}

func TestParseDefaults(t *testing.T) {
	got, err := Parse("testdata/minimal.md", mustRead(t, "minimal.md"))
	if err != nil {
		t.Fatal(err)
	}
	want := review.Rubric{
		ID:       "minimal",
		Title:    "Minimal",
		Version:  1,
		Levels:   []string{"not-yet", "meets"},
		Criteria: []review.Criterion{{ID: "C1", Name: "Only criterion"}},
		Markdown: "### C1. Only criterion\n",
	}
	compareRubrics(t, got, want)

	// The default levels are a copy: changing them must not change
	// review.DefaultLevels for everyone else.
	got.Levels[0] = "changed"
	if review.DefaultLevels()[0] != "not-yet" {
		t.Fatalf("Parse shares review.DefaultLevels: now %v", review.DefaultLevels())
	}
}

// TestParseLineEndings checks that a byte order mark and CRLF line endings,
// as Windows editors write them, parse like plain LF files.
func TestParseLineEndings(t *testing.T) {
	lf := mustRead(t, "good.md")
	want, err := Parse("good.md", lf)
	if err != nil {
		t.Fatal(err)
	}
	crlf := "\ufeff" + strings.ReplaceAll(string(lf), "\n", "\r\n")
	got, err := Parse("good.md", []byte(crlf))
	if err != nil {
		t.Fatal(err)
	}
	// Markdown and descriptions keep their CRLFs, as written.
	unCR := strings.NewReplacer("\r", "")
	got.Markdown = unCR.Replace(got.Markdown)
	for i := range got.Criteria {
		got.Criteria[i].Description = unCR.Replace(got.Criteria[i].Description)
	}
	compareRubrics(t, got, want)
}

func TestParseCodeFences(t *testing.T) {
	const head = "---\nid: fences\ntitle: Fences\n---\n"
	tests := []struct {
		name  string
		body  string
		want  []string // criterion ids
		parts int
	}{
		{"backticks", "### C1. Real\n```\n### C2. Fake\n## Part 1: Fake\n```\n", []string{"C1"}, 0},
		{"tildes", "### C1. Real\n~~~ text\n### C2 Botched but fenced\n~~~\n", []string{"C1"}, 0},
		{"longer fence is not closed by a shorter one", "````\n```\n### C1. Fake\n````\n### C2. Real\n", []string{"C2"}, 0},
		{"tilde does not close backticks", "```\n~~~\n### C1. Fake\n```\n### C2. Real\n", []string{"C2"}, 0},
		{"indented up to three spaces", "   ```\n### C1. Fake\n   ```\n   ### C2. Real\n", []string{"C2"}, 0},
		{"indented four spaces is code", "    ### C1. Fake\n### C2. Real\n", []string{"C2"}, 0},
		{"inline code is not a fence", "```inline``` text\n### C1. Real\n", []string{"C1"}, 0},
		{"unclosed fence runs to the end", "## Part 1: Real\n### C1. Real\n```\n### C2. Fake\n", []string{"C1"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("fences.md", []byte(head+tt.body))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, c := range r.Criteria {
				ids = append(ids, c.ID)
			}
			if !reflect.DeepEqual(ids, tt.want) || len(r.Parts) != tt.parts {
				t.Errorf("criteria %v, %d parts; want %v, %d parts", ids, len(r.Parts), tt.want, tt.parts)
			}
		})
	}
}

// TestParseVersionDecimal: a version is read as written, in decimal: YAML
// alone reads 010 as octal 8.
func TestParseVersionDecimal(t *testing.T) {
	for v, want := range map[string]int{"010": 10, "08": 8, "7": 7} {
		r, err := Parse("x.md", []byte("---\nid: a\ntitle: T\nversion: "+v+"\n---\n## Part 1: A\n### C1. One\n"))
		if err != nil || r.Version != want {
			t.Errorf("version %s: %d, %v; want %d", v, r.Version, err, want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	const body = "## Part 1: Overview\n### C1. First\n"
	fm := func(lines ...string) string {
		return "---\n" + strings.Join(lines, "\n") + "\n---\n" + body
	}
	tests := []struct {
		name string
		file string // testdata file; when empty, data is parsed as x.md
		data string
		want string
	}{
		// Front matter.
		{name: "empty file", data: "", want: "x.md:1: no front matter: the file must start with a line ---"},
		{name: "no front matter", data: "# Title\n" + body, want: "x.md:1: no front matter: the file must start with a line ---"},
		{name: "not closed", data: "---\nid: a\ntitle: T\n" + body, want: "x.md:2: front matter not closed: add a line --- after it"},
		{name: "missing id", data: fm("title: T"), want: "x.md:1: front matter: missing id"},
		{name: "empty front matter", data: "---\n---\n" + body, want: "x.md:1: front matter: missing id"},
		{name: "missing title", data: fm("id: a", "stack: S"), want: "x.md:1: front matter: missing title"},
		{name: "version 0", data: fm("id: a", "version: 0", "title: T"), want: "x.md:3: front matter: version: must be a whole number of 1 or more"},
		{name: "version negative", data: fm("id: a", "title: T", "version: -1"), want: "x.md:4: front matter: version: must be a whole number of 1 or more"},
		{name: "version fraction", data: fm("id: a", "title: T", "version: 1.5"), want: "x.md:4: front matter: version: must be a whole number of 1 or more"},
		{name: "version quoted", data: fm("id: a", "title: T", `version: "2"`), want: "x.md:4: front matter: version: must be a whole number of 1 or more"},
		{name: "version empty", data: fm("id: a", "title: T", "version:"), want: "x.md:4: front matter: version: must be a whole number of 1 or more"},
		{name: "version past 32 bits", data: fm("id: a", "title: T", "version: 4294967297"), want: "x.md:4: front matter: version: must be at most 2147483647"},
		{name: "version at 32 bits", data: fm("id: a", "title: T", "version: 4294967296"), want: "x.md:4: front matter: version: must be at most 2147483647"},
		{name: "version past 31 bits", data: fm("id: a", "title: T", "version: 2147483648"), want: "x.md:4: front matter: version: must be at most 2147483647"},
		{name: "version too big", data: fm("id: a", "title: T", "version: 99999999999999999999"), want: "x.md:4: front matter: version: must be at most 2147483647"},
		{name: "unknown key", data: fm("id: a", "title: T", "Author: me"), want: `x.md:4: front matter: unknown key "Author" (want id, title, stack, version, levels)`},
		{name: "duplicate key", data: fm("id: a", "title: T", "id: b"), want: "x.md:4: front matter: duplicate key id (first at line 2)"},
		{name: "bad id", data: fm("id: my rubric", "title: T"), want: `x.md:2: front matter: id: "my rubric" must be 1-64 characters of A-Z a-z 0-9 . _ -`},
		{name: "empty id", data: fm("id:", "title: T"), want: "x.md:2: front matter: id: must not be empty"},
		{name: "id not text", data: fm("id: [a]", "title: T"), want: "x.md:2: front matter: id: must be text"},
		{name: "empty title", data: fm("id: a", `title: "  "`), want: "x.md:3: front matter: title: must not be empty"},
		{name: "stack not text", data: fm("id: a", "title: T", "stack: {a: b}"), want: "x.md:4: front matter: stack: must be text"},
		{name: "control character escaped in title", data: fm("id: a", `title: "T\x1b[2J"`), want: "x.md:3: front matter: title: must be one line of text, without tabs, control or invisible characters"},
		{name: "tag character in title", data: fm("id: a", `title: "Student\U000E0041Voice"`), want: "x.md:3: front matter: title: must be one line of text, without tabs, control or invisible characters"},
		{name: "bidi override in stack", data: fm("id: a", "title: T", `stack: "Stack \u202ekcatS"`), want: "x.md:4: front matter: stack: must be one line of text, without tabs, control or invisible characters"},
		{name: "title of two lines", data: fm("id: a", "title: |", "  One", "  Two"), want: "x.md:3: front matter: title: must be one line of text, without tabs, control or invisible characters"},
		{name: "latin-1 in a criterion", data: "---\nid: a\ntitle: T\n---\n## Part 1: O\n### C1. Caf\xe9\n", want: "x.md:6: not valid UTF-8: save the rubric as UTF-8"},
		{name: "control character in stack", data: fm("id: a", "title: T", "stack: S\x07"), want: "x.md:4: control character U+0007: a rubric is plain text"},
		{name: "escape sequence in a criterion", data: "---\nid: a\ntitle: T\n---\n## Part 1: O\n### C1. Fi\x1b]0;pwned\x07rst\n", want: "x.md:6: control character U+001B: a rubric is plain text"},
		{name: "C1 control in the body", data: fm("id: a", "title: T") + "text \u009b31m red\n", want: "x.md:7: control character U+009B: a rubric is plain text"},
		{name: "one level", data: fm("id: a", "title: T", "levels: [meets]"), want: "x.md:4: front matter: levels: must be a list of at least two levels, lowest first, e.g. [not-yet, meets]"},
		{name: "levels not a list", data: fm("id: a", "title: T", "levels: meets"), want: "x.md:4: front matter: levels: must be a list of at least two levels, lowest first, e.g. [not-yet, meets]"},
		{name: "nested levels", data: fm("id: a", "title: T", "levels: [a, [b]]"), want: "x.md:4: front matter: levels: must be a list of at least two levels, lowest first, e.g. [not-yet, meets]"},
		{name: "empty level", data: fm("id: a", "title: T", "levels:", "  - a", "  - ''"), want: "x.md:4: front matter: levels: level 2 must not be empty"},
		{name: "null level", data: fm("id: a", "title: T", "levels: [a, ~, b]"), want: "x.md:4: front matter: levels: level 2 must not be empty"},
		{name: "repeated level", data: fm("id: a", "title: T", "levels: [a, b, a]"), want: `x.md:4: front matter: levels: "a" is listed twice`},
		{name: "repeated level in another case", data: fm("id: a", "title: T", "levels: [Meets, exceeds, meets]"), want: `x.md:4: front matter: levels: "meets" is listed twice`},
		{name: "repeated level in full-width letters", data: fm("id: a", "title: T", "levels: [ｍｅｅｔｓ, meets]"), want: `x.md:4: front matter: levels: "meets" is listed twice`},
		{name: "repeated level in another Unicode form", data: fm("id: a", "title: T", "levels: [non, r\u00e9ussi, re\u0301ussi]"), want: "x.md:4: front matter: levels: \"re\u0301ussi\" is listed twice"},
		{name: "repeated level with a no-break space", data: fm("id: a", "title: T", "levels: [not yet, not\u00a0yet, meets]"), want: `x.md:4: front matter: levels: "not\u00a0yet" is listed twice`},
		{name: "ten levels", data: fm("id: a", "title: T", "levels: [l1, l2, l3, l4, l5, l6, l7, l8, l9, l10]"), want: `x.md:4: front matter: levels: 10 levels, over the limit of 9 (the keys 1-9 choose a level)`},
		{name: "a level with a bar", data: fm("id: a", "title: T", `levels: [no, "a|b"]`), want: `x.md:4: front matter: levels: "a|b" holds a |, which no descriptor table can head`},
		{name: "not a mapping", data: fm("- id: a"), want: `x.md:2: front matter: must be YAML keys such as "id: my-rubric"`},
		{name: "yaml syntax", data: fm("id: a", "title: T", "stack: x: y"), want: "x.md:4: front matter: mapping values are not allowed in this context"},
		// yaml.v3 names the line its construct began on, at times the one
		// before the line at fault: the line is where the text stops parsing.
		{name: "unclosed list", data: fm("id: a", "title: T", "version: 2", "levels: [not-yet, meets"), want: "x.md:5: front matter: did not find expected ',' or ']'"},
		{name: "unclosed map", data: fm("id: a", "title: T", "levels: {a"), want: "x.md:4: front matter: did not find expected ',' or '}'"},
		{name: "tab indent", data: fm("id: a", "title: T", "levels:", "\t- a"), want: "x.md:5: front matter: found character that cannot start any token"},
		{name: "list over lines, error after", data: fm("id: a", "levels: [a,", "  b]", "title: x: y"), want: "x.md:5: front matter: mapping values are not allowed in this context"},
		{name: "version in hex", data: fm("id: a", "title: T", "version: 0x10"), want: "x.md:4: front matter: version: must be a whole number of 1 or more"},

		// Body.
		{name: "botched criterion", file: "bad-criterion-heading.md", want: `testdata/bad-criterion-heading.md:8: criterion heading "C2 Students act" must look like "C2. Name"`},
		{name: "criterion without name", file: "bad-criterion-no-name.md", want: `testdata/bad-criterion-no-name.md:7: criterion heading "C2." must look like "C2. Name"`},
		{name: "criterion without space", data: fm("id: a", "title: T") + "### C12.Name\n", want: `x.md:7: criterion heading "C12.Name" must look like "C12. Name"`},
		{name: "criterion with a full-width digit", data: fm("id: a", "title: T") + "### C１. One\n", want: `x.md:7: criterion heading "C１. One" must look like "C1. Name"`},
		{name: "criterion with an Arabic-Indic digit", data: fm("id: a", "title: T") + "### C١. One\n", want: `x.md:7: criterion heading "C١. One" must look like "C1. Name"`},
		{name: "criterion in lower case", data: fm("id: a", "title: T") + "### c5. Five\n", want: `x.md:7: criterion heading "c5. Five" must look like "C5. Name"`},
		{name: "heading without a space", data: fm("id: a", "title: T") + "###C3. Three\n", want: `x.md:7: heading "###C3. Three" needs a space after its #s, or it is read as text`},
		{name: "criterion at level 4", data: fm("id: a", "title: T") + "#### C2. Two\n", want: `x.md:7: criterion heading "C2. Two" is at level 4: a criterion is a ### heading`},
		{name: "malformed criterion at level 2", data: fm("id: a", "title: T") + "## c2: Two\n", want: `x.md:7: criterion heading "c2: Two" is at level 2: a criterion is a ### heading`},
		{name: "criterion at level 4 without its space", data: fm("id: a", "title: T") + "####C2. Two\n", want: `x.md:7: heading "####C2. Two" needs a space after its #s, or it is read as text`},
		{name: "two word limits", data: fm("id: a", "title: T") + "## Part 9: O (max 5 words) (max 9 words)\n", want: `x.md:7: part heading "Part 9: O (max 5 words) (max 9 words)": give one word limit, at its end`},
		{name: "word limit not at the end", data: fm("id: a", "title: T") + "## Part 9: O (max 5 words) of prose\n", want: `x.md:7: part heading "Part 9: O (max 5 words) of prose": give one word limit, at its end`},
		{name: "duplicate criterion", file: "duplicate-criterion.md", want: "testdata/duplicate-criterion.md:10: duplicate criterion id C2 (first at line 7)"},
		{name: "criterion id written with a leading zero", data: fm("id: a", "title: T") + "### C01. Again\n", want: "x.md:7: duplicate criterion id C01 (first at line 6, as C1)"},
		{name: "duplicate part", file: "duplicate-part.md", want: "testdata/duplicate-part.md:7: duplicate part number 2 (first at line 5)"},
		{name: "zero word limit", file: "bad-word-limit.md", want: `testdata/bad-word-limit.md:7: part heading: "(max 0 words)" must be a positive number of words`},
		{name: "word limit not a number", data: fm("id: a", "title: T") + "## Part 2: A (max many words)\n", want: `x.md:7: part heading: "(max many words)" must be a positive number of words`},
		{name: "part zero", data: fm("id: a", "title: T") + "## Part 0: A\n", want: `x.md:7: part heading "Part 0: A": part number must be a whole number of 1 or more`},
		{name: "no criteria", file: "no-criteria.md", want: `testdata/no-criteria.md:11: no criteria: add at least one "### C1. Name" heading`},
		{name: "no body", data: "---\nid: a\ntitle: T\n---\n", want: `x.md:4: no criteria: add at least one "### C1. Name" heading`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name, data := "x.md", []byte(tt.data)
			if tt.file != "" {
				name, data = "testdata/"+tt.file, mustRead(t, tt.file)
			}
			_, err := Parse(name, data)
			if err == nil {
				t.Fatalf("no error; want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n got %s\nwant %s", err, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != name || pe.Line < 1 {
				t.Errorf("error %#v is not a *ParseError for %s", err, name)
			}
		})
	}
}

// compareRubrics reports each differing field, which reads better than one
// dump of two whole rubrics.
func compareRubrics(t *testing.T, got, want review.Rubric) {
	t.Helper()
	g, w := reflect.ValueOf(got), reflect.ValueOf(want)
	for i := 0; i < g.NumField(); i++ {
		if !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			t.Errorf("%s:\n got %#v\nwant %#v", g.Type().Field(i).Name, g.Field(i).Interface(), w.Field(i).Interface())
		}
	}
}

// FuzzParse checks that Parse never panics and that what it returns keeps
// its contract: either a valid rubric or one *ParseError on one line.
func FuzzParse(f *testing.F) {
	entries, err := bundledFS.ReadDir("bundled")
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := bundledFS.ReadFile("bundled/" + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("---\nid: a\ntitle: T\nlevels: [a, b, c]\n---\n## Part 1: X (max 5 words)\n### C1. Y\n```\n### C2. Z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse("fuzz.md", data)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || strings.ContainsAny(pe.Msg, "\r\n") {
				t.Fatalf("bad error %q", err)
			}
			return
		}
		if !review.ValidID(r.ID) || r.Title == "" || r.Version < 1 || len(r.Levels) < 2 || len(r.Criteria) == 0 {
			t.Fatalf("invalid rubric accepted: %+v", r)
		}
		seen := map[string]bool{}
		for _, c := range r.Criteria {
			if seen[c.ID] || !strings.HasPrefix(c.ID, "C") || c.Name == "" {
				t.Fatalf("bad criterion %+v", c)
			}
			seen[c.ID] = true
		}
		for _, p := range r.Parts {
			if p.Number < 1 || p.MaxWords < 0 {
				t.Fatalf("bad part %+v", p)
			}
		}
	})
}

// TestPartHeadingsAsImportsReadThem: a part heading is read as an
// import's part title is, in any case and with or without its colon, so
// its word limit is not lost to a lower-case "part".
func TestPartHeadingsAsImportsReadThem(t *testing.T) {
	src := "---\nid: a\ntitle: T\n---\n## part 2: Artifacts (MAX 5 WORDS)\n### C1. One\n## Part 3 Reflection (max 9 words)\n### C2. Two\n"
	r, err := Parse("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Parts) != 2 || r.Parts[0].Number != 2 || r.Parts[0].MaxWords != 5 || r.Parts[1].Number != 3 || r.Parts[1].MaxWords != 9 ||
		r.Criteria[0].Part != 2 || r.Criteria[1].Part != 3 {
		t.Errorf("parts %+v, criteria %+v", r.Parts, r.Criteria)
	}
}

// TestCriterionHeadingInEmphasis: a criterion or part heading in bold,
// italics or code, as Google Docs' Markdown export writes a bold heading, is
// read as the heading without its markers; one that is still not a
// criterion heading is refused, not left out of scoring.
func TestCriterionHeadingInEmphasis(t *testing.T) {
	const head = "---\nid: df\ntitle: Descriptive Feedback\n---\n# Descriptive Feedback\n\n## Part 2: Artifacts\n### C1. Feedback is tied to the target\nx\n\n"
	for _, h := range []string{
		"### **C2. Students act on the feedback**", "### *C2. Students act on the feedback*",
		"### __C2. Students act on the feedback__", "### _C2. Students act on the feedback_",
		"### ***C2. Students act on the feedback***", "### **_C2. Students act on the feedback_**",
		"### `C2`. Students act on the feedback", "### **C2.** Students act on the feedback",
		"### `C2. Students act on the feedback`",
	} {
		r, err := Parse("r.md", []byte(head+h+"\ny\n"))
		if err != nil {
			t.Errorf("%q: %v", h, err)
			continue
		}
		want := review.Criterion{ID: "C2", Name: "Students act on the feedback", Part: 2, Description: "y"}
		if len(r.Criteria) != 2 || r.Criteria[1] != want {
			t.Errorf("%q: criteria %+v, want C1 and %+v", h, r.Criteria, want)
		}
	}

	for h, want := range map[string]string{
		"### **C2 Students act**":    `r.md:11: criterion heading "**C2 Students act**" must look like "C2. Name"`,
		"### **C2.**":                `r.md:11: criterion heading "**C2.**" must look like "C2. Name"`,
		"### **c2. Students act**":   `r.md:11: criterion heading "**c2. Students act**" must look like "C2. Name"`,
		"#### **C2. Students act**":  `r.md:11: criterion heading "**C2. Students act**" is at level 4: a criterion is a ### heading`,
		"###**C2. Students act**":    `r.md:11: heading "###**C2. Students act**" needs a space after its #s, or it is read as text`,
		"### **C1. Feedback again**": `r.md:11: duplicate criterion id C1 (first at line 8)`,
	} {
		if _, err := Parse("r.md", []byte(head+h+"\ny\n")); err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %s", h, err, want)
		}
	}

	r, err := Parse("r.md", []byte("---\nid: a\ntitle: T\n---\n## **Part 3: Reflection (max 9 words)**\n### C1. One\n"))
	if err != nil || len(r.Parts) != 1 || r.Parts[0] != (review.Part{Number: 3, Title: "Part 3: Reflection", MaxWords: 9}) || r.Criteria[0].Part != 3 {
		t.Errorf("bold part heading: parts %+v, criteria %+v, %v", r.Parts, r.Criteria, err)
	}
}

// TestParseRefusesSlowToDraw: glamour takes time growing with the square of
// a rubric's nesting or of a run without spaces, and the review screen
// draws the rubric as it handles a key: a 1 KB rubric of 1,000 nested
// quotes froze it for minutes. Such a rubric is refused on the line that
// goes past the bound; the nesting and links real rubrics have still parse.
func TestParseRefusesSlowToDraw(t *testing.T) {
	const head = "---\nid: a\ntitle: T\n---\n### C1. One\n" // body from line 6
	indented := func(levels int, marker string) string {
		var b strings.Builder
		for i := range levels {
			b.WriteString(strings.Repeat(" ", i*len(marker)) + marker + "item\n")
		}
		return b.String()
	}
	// Lists nested by indentation inside a quote count as well.
	quotedList := "> " + strings.ReplaceAll(strings.TrimSuffix(indented(9, "* "), "\n"), "\n", "\n> ") + "\n"
	// A line at the margin after an item continues its paragraph lazily:
	// the items stay open, and the next one indented further is deeper.
	var lazy strings.Builder
	for i := range 9 {
		lazy.WriteString(strings.Repeat("  ", i) + "- item\nx\n")
	}
	for body, want := range map[string]string{
		strings.Repeat(">", 1000) + " x\n":        "a.md:6: block quotes nested 1000 deep: at most 8, as deeper ones take the review screen long to draw",
		"x\n\n" + strings.Repeat("> ", 9) + "x\n": "a.md:8: block quotes nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		strings.Repeat("- ", 9) + "x\n":           "a.md:6: lists nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		indented(500, "- "):                       "a.md:14: lists nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		indented(9, "1. "):                        "a.md:14: lists nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		quotedList:                                "a.md:14: lists nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		lazy.String():                             "a.md:22: lists nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		strings.Repeat("> - ", 9) + "x\n":         "a.md:6: block quotes nested 9 deep: at most 8, as deeper ones take the review screen long to draw",
		strings.Repeat("a", 20_000) + "\n":        "a.md:6: 20000 characters without a space: at most 1000, as a longer run takes the review screen long to draw",
		"`" + strings.Repeat("é", 1000) + "`\n":   "a.md:6: 1002 characters without a space: at most 1000, as a longer run takes the review screen long to draw",
	} {
		if _, err := Parse("a.md", []byte(head+body)); err == nil || err.Error() != want {
			t.Errorf("%.40q…: error %v, want %s", body, err, want)
		}
	}

	for _, body := range []string{
		strings.Repeat(">", 8) + " x\n",
		indented(8, "- ") + indented(8, "1. ") + strings.Repeat("- ", 8) + "x\n",
		strings.Repeat("> - ", 4) + "x\n",
		"- a\n  - b\n- c\n  - d\n    - e\n      - f\n        - g\n          - h\n            - i\n" + "- back to one\n  - two\n",
		"- - - - - - - - - - -\n", // a rule, not items
		// The paragraph closed the lists: the next one, two spaces in, starts again.
		indented(8, "- ") + "\nA paragraph after them.\n\n  " + strings.ReplaceAll(strings.TrimSuffix(indented(8, "- "), "\n"), "\n", "\n  ") + "\n",
		"https://example.org/" + strings.Repeat("a", 980) + "\n", // a long link
		"```\n" + strings.Repeat("a", 20_000) + "\n```\n",        // fenced code draws quickly
	} {
		if _, err := Parse("a.md", []byte(head+body)); err != nil {
			t.Errorf("%.40q…: %v", body, err)
		}
	}
}

// TestParseRefusesTooManyCriteria: a decision needs a level for each
// criterion, and an import refuses more than review.MaxDecisionKeys of
// them, so a rubric of more criteria than that could never have a decision
// imported. It is refused at the first criterion past MaxCriteria.
func TestParseRefusesTooManyCriteria(t *testing.T) {
	if MaxCriteria >= review.MaxDecisionKeys-1 {
		t.Fatalf("MaxCriteria %d leaves no room for the overall feedback in %d keys", MaxCriteria, review.MaxDecisionKeys)
	}
	rubric := func(n int) string {
		var b strings.Builder
		b.WriteString("---\nid: a\ntitle: T\n---\n") // criteria from line 5
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "### C%d. Criterion\ntext\n", i)
		}
		return b.String()
	}
	if r, err := Parse("a.md", []byte(rubric(MaxCriteria))); err != nil || len(r.Criteria) != MaxCriteria {
		t.Fatalf("%d criteria: %v", MaxCriteria, err)
	}
	want := fmt.Sprintf("a.md:%d: criterion C%d: a rubric has at most %d criteria", 5+2*MaxCriteria, MaxCriteria+1, MaxCriteria)
	if _, err := Parse("a.md", []byte(rubric(1001))); err == nil || err.Error() != want {
		t.Errorf("1001 criteria: error %v, want %s", err, want)
	}
}

// TestParseRefusesLongCriterionID: ids are 1 to 64 characters
// (docs/formats.md), a criterion's too.
func TestParseRefusesLongCriterionID(t *testing.T) {
	head := "---\nid: a\ntitle: T\n---\n### C1. a\n"
	if _, err := Parse("a.md", []byte(head+"### C"+strings.Repeat("9", 63)+". b\n")); err != nil {
		t.Errorf("64-character id: %v", err)
	}
	want := "a.md:6: criterion id C9999999999… is 81 characters: at most 64"
	if _, err := Parse("a.md", []byte(head+"### C"+strings.Repeat("9", 80)+". b\n")); err == nil || err.Error() != want {
		t.Errorf("81-character id: error %v, want %s", err, want)
	}
}
