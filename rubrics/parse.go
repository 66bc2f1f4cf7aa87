// Package rubrics reads credential rubrics: Markdown files with YAML front
// matter (docs/formats.md §1). Parse reads one file, Load reads files from disk
// and Bundled returns the rubrics built into the binary. Every error is a
// one-line *ParseError, "FILE:LINE: message", or an I/O error.
package rubrics

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"assessor/review"
)

// Parse parses one rubric file; file names it in errors. data must start
// with YAML front matter between "---" lines (keys id and title required;
// stack, version (default 1) and levels (default review.DefaultLevels())
// optional), and the Markdown after it becomes Rubric.Markdown unchanged.
// In that Markdown, a "## Part N: Title (max W words)" heading starts part N
// (the limit is optional) and a "### C<n>. Name" heading is criterion C<n>,
// described by the Markdown up to the next heading of level 3 or less.
// Emphasis or code around a heading's start ("### **C2. Name**") is read
// past. Headings in code or an HTML comment do not count; a criterion or
// part heading in a block quote or list item is refused. A rubric needs at
// least one criterion, and criterion ids and part numbers must be unique.
//
// The error, if any, is a *ParseError for the first problem in the file.
// Parse does not keep data and is safe to call concurrently.
func Parse(file string, data []byte) (review.Rubric, error) {
	// A byte order mark is invisible in editors; do not let it hide "---".
	src := strings.TrimPrefix(string(data), "\ufeff")
	lines := splitLines(src)
	// A rubric is shown as written: an escape sequence in it would drive
	// the reviewer's terminal, so a control character is an error here
	// rather than something to strip at every place the text is printed.
	for _, l := range lines {
		// Go would read each stray byte as U+FFFD: the text would be
		// stored garbled. The file was saved in another encoding.
		if !utf8.ValidString(l.text) {
			return review.Rubric{}, errorf(file, l.num, "not valid UTF-8: save the rubric as UTF-8")
		}
		if r, ok := review.FirstControl(l.text); ok {
			return review.Rubric{}, errorf(file, l.num, "control character %U: a rubric is plain text", r)
		}
	}
	end, err := splitFrontMatter(file, lines)
	if err != nil {
		return review.Rubric{}, err
	}
	fmText := src[lines[1].start:lines[end].start]
	fm, err := decodeFrontMatter(file, fmText, lines[1].num)
	if err != nil {
		return review.Rubric{}, err
	}
	r := review.Rubric{
		ID:      fm.ID,
		Title:   fm.Title,
		Stack:   review.StackName(fm.Stack),
		Version: fm.Version,
		Levels:  fm.Levels,
	}
	bodyStart := len(src)
	if end+1 < len(lines) {
		bodyStart = lines[end+1].start
	}
	r.Markdown = src[bodyStart:]
	if r.Parts, r.Criteria, err = parseBody(file, src, lines[end+1:]); err != nil {
		return review.Rubric{}, err
	}
	if len(r.Criteria) == 0 {
		return review.Rubric{}, errorf(file, len(lines), `no criteria: add at least one "### C1. Name" heading`)
	}
	return r, nil
}

var (
	partHeading       = regexp.MustCompile(`(?i)^Part ([0-9]+)\b`)
	wordLimit         = regexp.MustCompile(`(?i)\(max\s[^()]*\)$`)
	wordLimitValue    = regexp.MustCompile(`(?i)^\(max\s+([0-9]+)\s+words?\s*\)$`)
	wordLimitAnywhere = regexp.MustCompile(`(?i)\(max\s`)
	criterionHeading  = regexp.MustCompile(`^C([0-9]+)\. (.*)$`)
	partColon         = regexp.MustCompile(`(?i)^Part [0-9]+:`)   // a part heading as written
	criterionLike     = regexp.MustCompile(`(?i)^[CＣｃ](\p{Nd}+)`) // any digits: "C１." or "C١." is no heading to drop silently
	// unspacedHeading is "###C3. Name" or "##Part 2:": meant as a heading,
	// but without the space Markdown needs it is a paragraph of text.
	unspacedHeading = regexp.MustCompile("(?i)^ {0,3}#{2,6}[*_`]*(C[0-9]|Part [0-9])")
)

// body is the state of one pass over the Markdown after the front matter.
type body struct {
	file     string
	src      string
	parts    []review.Part
	criteria []review.Criterion
	partLine map[int]int            // part number -> line of its heading
	critSeen map[string]critHeading // criterion number, no leading zeros -> its heading
	nest     nesting                // quotes and lists open at the line being read
	part     int                    // number of the part being read; 0 before any
	open     int                    // index+1 of the criterion whose description is being read
	descFrom int                    // where that description starts in src
}

// parseBody finds the parts and criteria in lines, the body of src. Lines
// are first checked one by one; headings are read up to the first line
// refused, so the Markdown reader never sees what the bounds keep out, and
// a problem is still reported at the first line that has one.
func parseBody(file, src string, lines []line) ([]review.Part, []review.Criterion, error) {
	b := &body{file: file, src: src, partLine: map[int]int{}, critSeen: map[string]critHeading{}}
	stop, lineErr := len(lines), error(nil)
	var inFence review.Fence
	for i, l := range lines {
		if inFence.Open() {
			if inFence.Closes(l.text) {
				inFence = review.Fence{}
			}
			continue
		}
		if err := b.bounds(l); err != nil {
			stop, lineErr = i, err
			break
		}
		if f, ok := review.OpenFence(l.text); ok {
			inFence = f
		}
	}
	bl := readBlocks(src, lines[:stop], lineErr == nil)
	for _, l := range lines[:stop] {
		if bl.hidden[l.num] {
			if from, ok := bl.unclosed[l.num]; ok {
				if err := b.unclosedComment(l, from); err != nil {
					return nil, nil, err
				}
			}
			continue
		}
		if h, ok := bl.setext[l.num]; ok {
			if err := b.underlined(h); err != nil {
				return nil, nil, err
			}
			continue
		}
		level, title, ok := atxHeading(l.text)
		if !ok {
			if unspacedHeading.MatchString(l.text) {
				return nil, nil, errorf(file, l.num, "heading %q needs a space after its #s, or it is read as text", strings.TrimSpace(l.text))
			}
			if h, in := bl.nested[l.num]; in {
				if err := b.nestedHeading(l, h); err != nil {
					return nil, nil, err
				}
			}
			continue
		}
		if err := b.heading(l, level, title); err != nil {
			return nil, nil, err
		}
	}
	if lineErr != nil {
		return nil, nil, lineErr
	}
	b.closeDescription(len(src))
	return b.parts, b.criteria, nil
}

// underlined refuses a heading underlined with '=' or '-' whose last line
// is written as a criterion ("C2. Name") or a part ("Part 2:") heading:
// read as text, it would be glued to the description before it and left
// out of scoring. Any other is left in the description as before, so a
// rubric stored earlier reads the same.
func (b *body) underlined(h underlined) error {
	written := strings.TrimSpace(h.last.text)
	plain := plainHeading(written)
	switch {
	case criterionHeading.MatchString(plain):
		return errorf(b.file, h.last.num, "criterion heading %q is underlined, a level-%d heading: a criterion is a ### heading", written, h.level)
	case partColon.MatchString(plain):
		return errorf(b.file, h.last.num, "part heading %q is underlined, a level-%d heading: a part is a ## heading", written, h.level)
	}
	return nil
}

// nestedHeading refuses a criterion or part heading inside a block quote
// or a list item ("> ### C2. Name", "- ### C2. Name", or "> C2. Name"
// over "> ---"): the screen draws it as a heading, but it starts no
// criterion or part, and C2 would be left out of scoring. Any other
// heading there stays in the description. An underlined one is held to
// what refuses one outside a quote, so the same line reads alike in both.
func (b *body) nestedHeading(l line, h nested) error {
	plain := plainHeading(h.title)
	what, hashes := "", ""
	switch {
	case h.underlined && criterionHeading.MatchString(plain), !h.underlined && criterionLike.MatchString(plain):
		what, hashes = "criterion", "###"
	case partColon.MatchString(plain):
		what, hashes = "part", "##"
	default:
		return nil
	}
	hint := ""
	if h.underlined {
		// Moved out as it is, it would be refused again as underlined.
		hint = ", as a " + hashes + " heading"
	}
	return errorf(b.file, l.num, "%s heading %q is inside a %s, where it is not read as one: move it out of the %s, to the start of its line%s", what, h.title, h.in, h.in, hint)
}

// unclosedComment refuses a criterion or part heading inside an HTML
// comment opened at line from and never closed: commented out by mistake,
// the screen would draw nothing of it. One in a closed comment is retired.
func (b *body) unclosedComment(l line, from int) error {
	_, title, ok := atxHeading(l.text)
	if plain := plainHeading(title); ok && (criterionLike.MatchString(plain) || partHeading.MatchString(plain)) {
		return errorf(b.file, l.num, "heading %q is inside the HTML comment opened at line %d, which is never closed: add --> where the comment ends", title, from)
	}
	return nil
}

// bounds refuses a line outside fenced code that would take the review
// screen far longer to draw than its size suggests (see MaxQuoteDepth).
// Fenced code is drawn as it is, quickly, whatever its lines.
func (b *body) bounds(l line) error {
	if n := longestRun(l.text); n > MaxRun {
		return errorf(b.file, l.num, "%d characters without a space: at most %d, as a longer run takes the review screen long to draw", n, MaxRun)
	}
	quotes, lists := b.nest.line(l.text)
	if quotes > MaxQuoteDepth {
		return errorf(b.file, l.num, "block quotes nested %d deep: at most %d, as deeper ones take the review screen long to draw", quotes, MaxQuoteDepth)
	}
	if lists > MaxListDepth {
		return errorf(b.file, l.num, "lists nested %d deep: at most %d, as deeper ones take the review screen long to draw", lists, MaxListDepth)
	}
	return nil
}

// heading handles one heading outside code blocks. Parts and criteria are
// read from its title without emphasis around it; errors quote it as written.
func (b *body) heading(l line, level int, title string) error {
	plain := plainHeading(title)
	if level != 3 && criterionLike.MatchString(plain) {
		// "#### C2. Name" would be read as a sub-heading of C1, and C2
		// left out of scoring.
		return errorf(b.file, l.num, "criterion heading %q is at level %d: a criterion is a ### heading", title, level)
	}
	if level > 3 {
		return nil // a sub-heading inside a description
	}
	b.closeDescription(l.start)
	switch {
	case level == 2 && partHeading.MatchString(plain):
		return b.addPart(l, plain, title)
	case level <= 2:
		// Any other top-level section ends the part: criteria after
		// "## Resources" are not under the part before it.
		b.part = 0
	case level == 3 && criterionLike.MatchString(plain):
		return b.addCriterion(l, plain, title)
	}
	return nil
}

// closeDescription ends the open criterion's description at offset end.
func (b *body) closeDescription(end int) {
	if b.open == 0 {
		return
	}
	b.criteria[b.open-1].Description = strings.TrimSpace(b.src[b.descFrom:end])
	b.open = 0
}

func (b *body) addPart(l line, title, written string) error {
	m := partHeading.FindStringSubmatch(title)
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 1 {
		return errorf(b.file, l.num, "part heading %q: part number must be a whole number of 1 or more", written)
	}
	if first, dup := b.partLine[n]; dup {
		return errorf(b.file, l.num, "duplicate part number %d (first at line %d)", n, first)
	}
	p := review.Part{Number: n, Title: title}
	if limit := wordLimit.FindString(title); limit != "" {
		v := wordLimitValue.FindStringSubmatch(limit)
		if v == nil {
			return errorf(b.file, l.num, "part heading: %q must be a positive number of words", limit)
		}
		if p.MaxWords, err = strconv.Atoi(v[1]); err != nil || p.MaxWords < 1 {
			return errorf(b.file, l.num, "part heading: %q must be a positive number of words", limit)
		}
		p.Title = strings.TrimSpace(strings.TrimSuffix(title, limit))
	}
	if wordLimitAnywhere.MatchString(p.Title) {
		// A second limit, or one before other words, would be ignored.
		return errorf(b.file, l.num, "part heading %q: give one word limit, at its end", written)
	}
	b.partLine[n] = l.num
	b.parts = append(b.parts, p)
	b.part = n
	return nil
}

// MaxCriteria bounds a rubric's criteria. A decision gives a level for each
// and an import takes at most review.MaxDecisionKeys levels, so a rubric
// of more could never have a decision imported; programs use a handful.
const MaxCriteria = 200

// critHeading is where a criterion's heading is and the id it gives.
type critHeading struct {
	line int
	id   string
}

func (b *body) addCriterion(l line, title, written string) error {
	m := criterionHeading.FindStringSubmatch(title)
	if m == nil || strings.TrimSpace(m[2]) == "" {
		// "C2 Students act" or "C2." was meant as a criterion; ignoring it
		// would silently drop it from scoring.
		n := strings.Map(review.Narrow, criterionLike.FindStringSubmatch(title)[1])
		if strings.ContainsFunc(n, func(r rune) bool { return r < '0' || r > '9' }) {
			n = "1" // digits of another script: the example shows the form
		}
		return errorf(b.file, l.num, "criterion heading %q must look like \"C%s. Name\"", written, n)
	}
	id := "C" + m[1]
	// Ids are 1 to 64 characters everywhere (docs/formats.md): a decision
	// or an import names the criterion by it.
	if len(id) > 64 {
		return errorf(b.file, l.num, "criterion id %.11s… is %d characters: at most 64", id, len(id))
	}
	if len(b.criteria) == MaxCriteria {
		return errorf(b.file, l.num, "criterion %s: a rubric has at most %d criteria", id, MaxCriteria)
	}
	// C01 and C1 are one criterion to a reader, and decisions and imports
	// name criteria by id: two spellings would be two columns of one row.
	key := review.CriterionNumber(id)
	if first, dup := b.critSeen[key]; dup {
		if first.id != id {
			return errorf(b.file, l.num, "duplicate criterion id %s (first at line %d, as %s)", id, first.line, first.id)
		}
		return errorf(b.file, l.num, "duplicate criterion id %s (first at line %d)", id, first.line)
	}
	b.critSeen[key] = critHeading{l.num, id}
	b.criteria = append(b.criteria, review.Criterion{ID: id, Name: strings.TrimSpace(m[2]), Part: b.part})
	b.open = len(b.criteria)
	b.descFrom = len(b.src)
	if end := strings.IndexByte(b.src[l.start:], '\n'); end >= 0 {
		b.descFrom = l.start + end + 1
	}
	return nil
}
