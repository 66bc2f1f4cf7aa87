package reviewer

import (
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
	edges       [2]frameEdges // blurred, focused border pieces (frame.go)
	help        helpDrawing   // the help line(s) (review_help.go)
}

// frame draws a pane's border around content (frame.go), cutting the
// border's pieces again only when the width changed.
func (c *paneCache) frame(style lipgloss.Style, focused bool, content string, w, h int) string {
	i := 0
	if focused {
		i = 1
	}
	if e := c.edges[i]; !e.valid || e.w != w {
		c.edges[i] = edges(style, w)
	}
	return frame(c.edges[i], style, content, w, h)
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

// joinPanes puts two bordered panes side by side. Each pane is a lipgloss
// block of uniform width and the same height, so line i of the result is
// line i of each; that is what lipgloss.JoinHorizontal returns for such
// blocks, without measuring every styled line again.
func joinPanes(left, right string) string {
	l, r := strings.Split(left, "\n"), strings.Split(right, "\n")
	if len(l) != len(r) {
		return lipgloss.JoinHorizontal(lipgloss.Top, left, right)
	}
	var b strings.Builder
	b.Grow(len(left) + len(right) + len(l))
	for i := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l[i])
		b.WriteString(r[i])
	}
	return b.String()
}

// stack is common.Fit(lipgloss.JoinVertical(lipgloss.Left, header, panes, status,
// help), w, h) for a panes block whose lines are all paneW cells wide: it
// measures only the few lines of the other blocks. When anything is wider
// than the terminal it falls back to the general path, which truncates.
func stack(w, h int, header, panes string, paneW int, status, help string) string {
	blocks := [4][]string{strings.Split(header, "\n"), strings.Split(panes, "\n"), strings.Split(status, "\n"), strings.Split(help, "\n")}
	widths := [4][]int{}
	maxW := paneW
	for i, lines := range blocks {
		if i == 1 {
			continue
		}
		widths[i] = make([]int, len(lines))
		for j, l := range lines {
			widths[i][j] = lipgloss.Width(l)
			maxW = max(maxW, widths[i][j])
		}
	}
	if maxW > w {
		return common.Fit(lipgloss.JoinVertical(lipgloss.Left, header, panes, status, help), w, h)
	}
	var b strings.Builder
	b.Grow(len(header) + len(panes) + len(status) + len(help) + 8*w)
	n := 0
	for i, lines := range blocks {
		for j, l := range lines {
			if h > 0 && n == h {
				return b.String()
			}
			if n > 0 {
				b.WriteByte('\n')
			}
			lw := paneW
			if i != 1 {
				lw = widths[i][j]
			}
			b.WriteString(l)
			b.WriteString(strings.Repeat(" ", maxW-lw))
			n++
		}
	}
	return b.String()
}
