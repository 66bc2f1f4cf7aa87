package reviewer

import (
	"math"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/ui/common"
)

// paneCache keeps the last drawing of each review pane. Most keys change
// one pane only (j scrolls the evidence, ] moves the rubric), and drawing a
// pane is most of a frame's cost: lipgloss measures every styled line of
// the glamour-rendered rubric several times to pad and border it. So a
// pane whose inputs did not change is not drawn again
// (BenchmarkReviewKeystroke).
//
// View writes it through the model's pointer; that is safe because Bubble
// Tea calls View from one goroutine, and a drawing depends only on its key.
type paneCache struct {
	left, right paneDrawing
	edges       [2]frameEdges     // blurred, focused border pieces (frame.go)
	help        map[string]string // the help line(s) by what they show (review_help.go)
}

// next is the cache for the program's next review screen: its panes are
// drawn afresh (their keys name contents by a count that starts again with
// each screen), but the border pieces and the help, whose keys hold all
// they depend on, are kept. c may be nil.
func (c *paneCache) next() *paneCache {
	if c == nil {
		return &paneCache{}
	}
	return &paneCache{edges: c.edges, help: c.help}
}

// frame draws a pane's border around content (frame.go), cutting the
// border's pieces again only when the width changed, and then only when
// no session with the same look (styles.Styles.Look) has cut them.
func (c *paneCache) frame(look string, style lipgloss.Style, focused bool, content string, w, h int) string {
	i := 0
	if focused {
		i = 1
	}
	if e := c.edges[i]; !e.valid || e.w != w {
		c.edges[i] = sharedEdges.GetIf(look != "", edgesKey{look, focused, w}, func() frameEdges { return edges(style, w) })
	}
	return frame(c.edges[i], style, content, w, h)
}

// sharedEdges keeps the border pieces of every session by look, focus and
// width: a session's first review screen cut them out of lipgloss's
// drawing again.
var sharedEdges = common.Kept[edgesKey, frameEdges]{Max: 256}

// edgesKey is what a pane border's pieces depend on: the styles' look
// (styles.Styles.Look; the focused and blurred borders are its
// PaneFocused and PaneBlurred) and the inner width.
type edgesKey struct {
	look    string
	focused bool
	w       int
}

// paneKey is everything a pane's drawing depends on. A viewport pane's
// body is named by its content generation and scroll offset rather than
// by its text, so a hit costs no viewport rendering; other panes carry
// their body text.
type paneKey struct {
	title   string
	focused bool
	w, h    int
	gen, y  int    // viewport content generation and YOffset
	body    string // body of a pane that is not a viewport
}

// paneDrawing is one pane's last drawing and the key it was drawn for.
type paneDrawing struct {
	key   paneKey
	valid bool
	out   string
}

// draw returns the drawing for k, calling render only when k differs from
// the last key.
func (d *paneDrawing) draw(k paneKey, render func() string) string {
	if !d.valid || d.key != k {
		d.key, d.out, d.valid = k, render(), true
	}
	return d.out
}

// paneLines is the panes block of a screen as lines: line i is left[i]
// followed by right[i] (right is nil for a single block). stack writes
// them straight into the frame, so the block is never joined into a
// string of its own (a whole frame's copy on every key).
type paneLines struct{ left, right []string }

// blockLines is one block of uniform width as paneLines.
func blockLines(block string) paneLines { return paneLines{left: strings.Split(block, "\n")} }

// sideBySide puts two bordered panes side by side. Each pane is a lipgloss
// block of uniform width and the same height, so line i of the result is
// line i of each; that is what lipgloss.JoinHorizontal returns for such
// blocks, without measuring every styled line again.
func sideBySide(left, right string) paneLines {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	if len(l) != len(r) {
		return blockLines(lipgloss.JoinHorizontal(lipgloss.Top, left, right))
	}
	return paneLines{left: l, right: r}
}

// String is the block joined, as lipgloss.JoinHorizontal would.
func (p paneLines) String() string {
	var b strings.Builder
	p.write(&b, len(p.left), 0)
	return b.String()
}

// write writes the first n lines of the block, each followed by pad
// spaces, with a newline between lines.
func (p paneLines) write(b *strings.Builder, n, pad int) {
	for i := range min(n, len(p.left)) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.left[i])
		if p.right != nil {
			b.WriteString(p.right[i])
		}
		writeSpaces(b, pad)
	}
}

// writeSpaces writes n spaces (none when n <= 0).
func writeSpaces(b *strings.Builder, n int) {
	for range n {
		b.WriteByte(' ')
	}
}

// stack is common.Fit(lipgloss.JoinVertical(lipgloss.Left, header, panes, status,
// help), w, h) for a panes block whose lines are all paneW cells wide: it
// measures only the few lines of the other blocks. When anything is wider
// than the terminal it falls back to the general path, which truncates.
func stack(w, h int, header string, panes paneLines, paneW int, status, help string) string {
	blocks := [3][]string{strings.Split(header, "\n"), strings.Split(status, "\n"), strings.Split(help, "\n")}
	widths := [3][]int{}
	maxW, size := paneW, len(header)+len(status)+len(help)
	for i, lines := range blocks {
		widths[i] = make([]int, len(lines))
		for j, l := range lines {
			widths[i][j] = common.Width(l)
			maxW = max(maxW, widths[i][j])
		}
	}
	if maxW > w {
		return common.Fit(lipgloss.JoinVertical(lipgloss.Left, header, panes.String(), status, help), w, h)
	}
	for i := range panes.left {
		size += len(panes.left[i]) + 1
		if panes.right != nil {
			size += len(panes.right[i])
		}
	}
	var b strings.Builder
	b.Grow(size + 8*w)
	n := 0
	// line writes one line of a measured block, padded to maxW.
	line := func(l string, lw int) {
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		writeSpaces(&b, maxW-lw)
		n++
	}
	room := func() int {
		if h <= 0 {
			return math.MaxInt
		}
		return h - n
	}
	for j, l := range blocks[0] {
		if room() == 0 {
			return b.String()
		}
		line(l, widths[0][j])
	}
	if k := min(room(), len(panes.left)); k > 0 {
		if n > 0 {
			b.WriteByte('\n')
		}
		panes.write(&b, k, maxW-paneW)
		n += k
	}
	for i, lines := range blocks[1:] {
		for j, l := range lines {
			if room() == 0 {
				return b.String()
			}
			line(l, widths[i+1][j])
		}
	}
	return b.String()
}
