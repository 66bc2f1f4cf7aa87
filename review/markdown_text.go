package review

import (
	"regexp"
	"strings"
)

// Text written by people (feedback, rubric titles and criterion names)
// goes into the candidate's Markdown as the text it is, not as Markdown:
// a line of feedback that reads "# Heading", "---" or "- **Outcome:**
// pass" must not pass for a part of the document, nor "<script>" or
// "[here](javascript:…)" become a tag or a link where it is rendered.
// Inline emphasis (*word*) is left: it changes no more than a word's look.

// blockStart matches what makes a line a Markdown block of its own: a
// heading, quote, list item, rule (---, ___, ***), fence or setext
// underline, after up to three spaces (a table row's | is escaped
// wherever it stands).
var blockStart = regexp.MustCompile(`^ {0,3}(?:([#>+*=:~_` + "`" + `-])|\d+([.)]))`)

// inlineMD are the characters that start a tag, entity or link anywhere.
var inlineMD = strings.NewReplacer(`\`, `\\`, `<`, `\<`, `[`, `\[`, `|`, `\|`, `&`, `\&`)

// MarkdownText is text escaped to read as written in Markdown: line by
// line, a block marker at its start and any tag, link or table marker
// escaped with a backslash.
func MarkdownText(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		l = inlineMD.Replace(l)
		if m := blockStart.FindStringSubmatchIndex(l); m != nil {
			at := m[2] // the marker, or the dot or bracket after a number
			if at < 0 {
				at = m[4]
			}
			l = l[:at] + `\` + l[at:]
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}
