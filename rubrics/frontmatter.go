package rubrics

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"assessor/review"
)

// frontMatter is the YAML header of a rubric file (docs/formats.md §1). Its keys
// are decoded one by one in decodeFrontMatter, so each error can point at
// its key's line; any other key is an error, being more likely a typo than
// a wish.
type frontMatter struct {
	ID      string
	Title   string
	Stack   string
	Version int
	Levels  []string
}

const (
	badVersion = "front matter: version: must be a whole number of 1 or more"
	bigVersion = "front matter: version: must be at most 2147483647"
	badLevels  = "front matter: levels: must be a list of at least two levels, lowest first, e.g. [not-yet, meets]"
)

// splitFrontMatter finds the front matter: lines[0] must be "---" and the
// next "---" line closes it. It returns the index of the closing line.
func splitFrontMatter(file string, lines []line) (int, error) {
	if len(lines) == 0 || !isDelimiter(lines[0].text) {
		return 0, errorf(file, 1, "no front matter: the file must start with a line ---")
	}
	for i := 1; i < len(lines); i++ {
		if isDelimiter(lines[i].text) {
			return i, nil
		}
	}
	return 0, errorf(file, 2, "front matter not closed: add a line --- after it")
}

// isDelimiter reports whether a line is "---"; trailing blanks are forgiven
// because no editor shows them.
func isDelimiter(text string) bool { return strings.TrimRight(text, " \t") == "---" }

// yamlErrLine picks the line out of a yaml.v3 syntax error.
var yamlErrLine = regexp.MustCompile(`^yaml: line (\d+): `)

// decodeFrontMatter decodes the YAML text that starts on file line
// firstLine, applies the defaults and checks every value. Errors point at
// the offending key's line; a missing key points at line 1.
func decodeFrontMatter(file string, text string, firstLine int) (frontMatter, error) {
	fm := frontMatter{Version: 1}
	at := func(n *yaml.Node) int { return firstLine + n.Line - 1 }

	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		line, msg := firstLine, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlErrLine.FindStringSubmatch(err.Error()); m != nil {
			n, _ := strconv.Atoi(m[1])
			line, msg = firstLine+n-1, err.Error()[len(m[0]):]
		}
		if n, ok := yamlErrorLine(text); ok {
			line = firstLine + n - 1
		}
		// yaml.v3 sometimes counts a line past the text; stay inside it.
		line = min(line, firstLine+max(strings.Count(text, "\n"), 1)-1)
		return fm, errorf(file, line, "front matter: %s", strings.Join(strings.Fields(msg), " "))
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = deref(root.Content[0])
	}
	switch {
	case root.Kind == yaml.MappingNode:
	case root.Kind == 0, root.Kind == yaml.DocumentNode, root.ShortTag() == "!!null":
		root = &yaml.Node{Kind: yaml.MappingNode} // only comments or blank: no keys
	default:
		return fm, errorf(file, at(root), `front matter: must be YAML keys such as "id: my-rubric"`)
	}

	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		key, val := root.Content[i], deref(root.Content[i+1])
		line := at(key)
		if first, dup := seen[key.Value]; dup {
			return fm, errorf(file, line, "front matter: duplicate key %s (first at line %d)", key.Value, first)
		}
		seen[key.Value] = line
		var msg string
		switch key.Value {
		case "id":
			msg = decodeID(val, &fm.ID)
		case "title":
			msg = decodeText(val, "title", &fm.Title)
			if msg == "" && fm.Title == "" {
				msg = "front matter: title: must not be empty"
			}
		case "stack":
			msg = decodeText(val, "stack", &fm.Stack)
		case "version":
			msg = decodeVersion(val, &fm.Version)
		case "levels":
			msg = decodeLevels(val, &fm.Levels)
		default:
			msg = "front matter: unknown key " + strconv.Quote(key.Value) + " (want id, title, stack, version, levels)"
		}
		if msg != "" {
			return fm, errorf(file, line, "%s", msg)
		}
	}
	for _, k := range []string{"id", "title"} {
		if _, ok := seen[k]; !ok {
			return fm, errorf(file, 1, "front matter: missing %s", k)
		}
	}
	if fm.Levels == nil {
		fm.Levels = review.DefaultLevels()
	}
	return fm, nil
}

// Bounds of the front matter yamlErrorLine parses again line by line: a
// front matter is a few short lines, and each try parses all the lines
// before it, so a long one (a rubric may be 4 MiB) would be parsed
// hundreds of times over. Past them the error keeps yaml.v3's line.
const (
	maxErrorSearchLines = 200
	maxErrorSearchBytes = 1 << 20 // all the tries together
)

// yamlErrorLine is the line (1-based) of text, YAML that does not parse,
// at which it stops parsing: one past the most leading lines that parse.
// yaml.v3 names the line of the construct an error is in, which is at
// times a line or more before the one at fault (an unclosed "[" reported
// on the line above it). false for a text too long to search.
func yamlErrorLine(text string) (int, bool) {
	lines := strings.SplitAfter(text, "\n")
	if len(lines) > maxErrorSearchLines || errorSearchBytes(lines) > maxErrorSearchBytes {
		return 0, false
	}
	good := 0
	for k := 1; k < len(lines); k++ {
		var n yaml.Node
		if yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &n) == nil {
			good = k
		}
	}
	return good + 1, true
}

// errorSearchBytes is how many bytes yamlErrorLine's tries on lines parse
// in all: each of the leading lines, once for every try after it.
func errorSearchBytes(lines []string) int {
	total := 0
	for i, l := range lines[:len(lines)-1] {
		total += len(l) * (len(lines) - 1 - i)
	}
	return total
}

// deref follows YAML aliases (*name) to the node they stand for.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// decodeText decodes a scalar into *dst, trimmed; it returns a message on
// failure, "" on success. Values are shown on one line (lists, headers,
// badges), so a YAML escape or block scalar may not put a line break, tab
// or other control character in one, nor an invisible one (a bidi
// override would show "Safe title \u202egnp.exe" as "Safe title exe.png"):
// whatever a screen would strip from it.
func decodeText(n *yaml.Node, key string, dst *string) string {
	if n.Kind != yaml.ScalarNode || n.Decode(dst) != nil {
		return "front matter: " + key + ": must be text"
	}
	*dst = strings.TrimSpace(*dst)
	if review.Sanitize(*dst) != *dst || strings.ContainsAny(*dst, "\n\t") || strings.IndexFunc(*dst, tagChar) >= 0 {
		return "front matter: " + key + ": must be one line of text, without tabs, control or invisible characters"
	}
	return ""
}

// tagChar is a Unicode tag character, which Sanitize keeps for the flags
// they spell after 🏴 but which read as nothing in a one-line value.
func tagChar(r rune) bool { return r >= 0xe0000 && r <= 0xe007f }

func decodeID(n *yaml.Node, dst *string) string {
	if msg := decodeText(n, "id", dst); msg != "" {
		return msg
	}
	switch {
	case *dst == "":
		return "front matter: id: must not be empty"
	case !review.ValidID(*dst):
		return "front matter: id: " + strconv.Quote(*dst) + " " + review.ErrBadID.Error()
	}
	return ""
}

// decodeVersion accepts only a YAML integer: yaml.v3 would silently
// truncate 1.5 to 1, and a quoted "2" is probably a mistake.
func decodeVersion(n *yaml.Node, dst *int) string {
	// Read as written, in decimal: YAML reads "010" as octal 8 and "0x10"
	// as 16, which no author of version 10 meant.
	// "08" is no YAML int (nor octal): a plain scalar of digits is one.
	if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!int" && n.Style != 0) || n.Value == "" || strings.Trim(n.Value, "0123456789") != "" {
		return badVersion
	}
	v, err := strconv.ParseUint(n.Value, 10, 64)
	switch {
	case errors.Is(err, strconv.ErrRange) || v > review.MaxRubricVersion:
		return bigVersion
	case err != nil || v < 1:
		return badVersion
	}
	*dst = int(v)
	return ""
}

// levelForm is level l as levels are told apart, but for case: with
// full-width ASCII as ASCII ("ｍｅｅｔｓ" is drawn as "meets" is, only
// wider) and in the form decisions name levels in (review.OneForm:
// "réussi" composed and decomposed, or "not yet" with a no-break space,
// read as one level).
func levelForm(l string) string { return strings.Map(review.Narrow, review.OneForm(l)) }

// MaxLevels is the most levels a rubric may have: the review screen's
// keys 1–9 choose them.
const MaxLevels = 9

// decodeLevels wants two to MaxLevels distinct, non-empty levels: with one
// level every candidate would pass, a repeated one (in any case or form,
// levelForm) makes scoring ambiguous, and one with a "|" cannot head a
// descriptor table's column. Items are decoded one by one because yaml.v3 silently drops
// null items when decoding a whole list.
func decodeLevels(n *yaml.Node, dst *[]string) string {
	if n.Kind != yaml.SequenceNode || len(n.Content) < 2 {
		return badLevels
	}
	if len(n.Content) > MaxLevels {
		return "front matter: levels: " + strconv.Itoa(len(n.Content)) + " levels, over the limit of " + strconv.Itoa(MaxLevels) + " (the keys 1-9 choose a level)"
	}
	levels := make([]string, len(n.Content))
	for i, item := range n.Content {
		if decodeText(deref(item), "levels", &levels[i]) != "" {
			return badLevels
		}
		if levels[i] == "" {
			return "front matter: levels: level " + strconv.Itoa(i+1) + " must not be empty"
		}
		if slices.ContainsFunc(levels[:i], func(l string) bool { return strings.EqualFold(levelForm(l), levelForm(levels[i])) }) {
			return "front matter: levels: " + strconv.Quote(levels[i]) + " is listed twice"
		}
		if strings.Contains(levels[i], "|") {
			return "front matter: levels: " + strconv.Quote(levels[i]) + " holds a |, which no descriptor table can head"
		}
	}
	*dst = levels
	return ""
}
