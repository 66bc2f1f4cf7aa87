// Package markdown renders rubrics with glamour and caches the result.
package markdown

import (
	"strings"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/review"
)

// mdKey identifies one rendering of a rubric: the same version at the same
// width always renders the same way.
type mdKey struct {
	id      string
	version int
	width   int
}

// Rubric is a rubric rendered for one pane width, with the line of
// each criterion heading so `]` and `[` can jump between them.
type Rubric struct {
	Text     string
	Headings []int // line numbers, in rubric order
}

// Cache renders rubrics with glamour and keeps the result per (rubric,
// version, width): rendering takes milliseconds, and a reviewer scores many
// attempts against the same rubric. It keeps at most programLimit: a
// window dragged through every width left a rendering of each, about
// 12 MB a rubric, in every session of a server, past what the shared
// cache lets go. It is owned by the root model and only
// touched from Update, so it needs no lock; Warm, which touches only the
// cache every program shares, may run in a command.
type Cache struct {
	style   string
	profile termenv.Profile
	entries map[mdKey]Rubric
	// drawable, when set, readies the sanitized Markdown for the terminal
	// before glamour lays it out (WithDrawable).
	drawable func(string) string
}

// New returns an empty cache rendering with glamour standard style
// style for a terminal of the given colour profile.
func New(style string, profile termenv.Profile) *Cache {
	return &Cache{style: style, profile: profile, entries: map[mdKey]Rubric{}}
}

// WithDrawable sets c to pass rubric text through f before rendering: the
// screens set emoji some terminals join apart, as in evidence, so the
// lines glamour measures are the lines the terminal draws. It returns c.
func (c *Cache) WithDrawable(f func(string) string) *Cache {
	c.drawable = f
	return c
}

// Render returns r rendered to fit width cells, from the cache when it can:
// this program's, else the one every program in the process shares.
func (c *Cache) Render(r review.Rubric, width int) Rubric {
	width = max(width, 10)
	k := mdKey{r.ID, r.Version, width}
	if out, ok := c.entries[k]; ok {
		return out
	}
	out, _ := c.shared(r, width)
	if len(c.entries) >= programLimit {
		for old := range c.entries {
			delete(c.entries, old)
			break
		}
	}
	c.entries[k] = out
	return out
}

// programLimit bounds one program's own renderings: a few rubrics, each
// at the widths of one terminal.
const programLimit = 32

// Warm renders r at width into the cache every program in the process
// shares, unless it is there or under way, and reports whether it
// rendered: the program that then opens r at that width need not wait
// for glamour. Unlike Render, it is safe to call from any goroutine (a
// command's), since it leaves this program's own entries alone.
func (c *Cache) Warm(r review.Rubric, width int) bool {
	_, rendered := c.shared(r, max(width, 10))
	return rendered
}

// shared is r at width from the shared cache, rendered (rendered true)
// when it was not there.
func (c *Cache) shared(r review.Rubric, width int) (out Rubric, rendered bool) {
	sk := sharedKey{style: c.style, profile: c.profile, width: width, markdown: r.Markdown, criteria: criterionIDs(r.Criteria), drawable: c.drawable != nil}
	out = shared.load(sk, func() Rubric {
		rendered = true
		text := c.Glamour(r.Markdown, width)
		return Rubric{Text: text, Headings: criterionLines(text, r.Criteria)}
	})
	return out, rendered
}

// Glamour renders md, falling back to the plain (sanitized, wrapped) text if
// glamour fails, so a bad rubric never hides the criteria from a reviewer.
// The rendering is compacted: it is drawn on every frame that shows it.
func (c *Cache) Glamour(md string, width int) string {
	return compact(c.glamour(md, width))
}

// glamour is Glamour's rendering as glamour writes it.
func (c *Cache) glamour(md string, width int) string {
	// Rubrics come from an admin, not a candidate, but a terminal is no
	// place to trust any stored text.
	md = review.Sanitize(md)
	if c.drawable != nil {
		md = c.drawable(md)
	}
	out := ""
	style := glamour.WithStandardStyle(c.style)
	if c.style == noColorStyle {
		style = glamour.WithStyles(colourless())
	}
	tr, err := glamour.NewTermRenderer(style, glamour.WithColorProfile(c.profile), glamour.WithWordWrap(width))
	if err == nil {
		out, err = tr.Render(keepHyphens(md))
		out = giveHyphens(out)
	}
	if err != nil {
		out = ansi.Wrap(md, width, "")
	}
	// A run without spaces, or glamour's tables and margins, may still
	// overshoot the pane: broken onto the next line here rather than left
	// for the terminal to wrap, which would break the layout.
	return strings.Join(fitLines(strings.Split(strings.Trim(out, "\n"), "\n"), width), "\n")
}

// criterionLines finds, for each criterion in order, the first rendered line
// after the previous heading that is drawn as a heading, its #s ("### ",
// as a criterion's) at the rendering's margin, and whose title begins,
// past the emphasis and code marks a plain style keeps (`### **C2. …**`),
// with "C<n>.", or "C<n> ." where the id was a code span, which glamour
// pads with spaces. Every style draws a heading below the title so and
// nothing else: an introduction's table of the criteria ("│ C1. …"),
// prose wrapped to start a line with "C2." and a run broken onto the
// lines below (fitLines, ".../C2.pdf") are not where `]` must go. Code
// is drawn further in than the margin: "### C1." shown in code is not a
// heading either.
func criterionLines(text string, criteria []review.Criterion) []int {
	lines := strings.Split(ansi.Strip(text), "\n")
	titles := make([]string, len(lines))
	indents := make([]int, len(lines))
	margin := -1
	for i, l := range lines {
		rest := strings.TrimLeft(l, " ")
		title := strings.TrimLeft(rest, "#")
		if len(title) == len(rest) || !strings.HasPrefix(title, " ") {
			continue
		}
		indents[i] = len(l) - len(rest)
		if margin < 0 || indents[i] < margin {
			margin = indents[i]
		}
		titles[i] = strings.TrimLeft(strings.Map(withoutMarks, title), " ")
	}
	var out []int
	from := 0
	for _, c := range criteria {
		for i := from; i < len(lines); i++ {
			t := titles[i]
			if indents[i] == margin && (strings.HasPrefix(t, c.ID+".") || strings.HasPrefix(t, c.ID+" .")) {
				out = append(out, i)
				from = i + 1
				break
			}
		}
	}
	return out
}

// withoutMarks drops Markdown's emphasis and code marks, for strings.Map.
func withoutMarks(r rune) rune {
	if strings.ContainsRune("*_`~", r) {
		return -1
	}
	return r
}

// Len is how many renderings the cache holds.
func (c *Cache) Len() int { return len(c.entries) }
