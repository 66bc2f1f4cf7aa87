package reviewer

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

// frameEdges are a pane border's pieces for one inner width, each already
// styled: the top and bottom lines, and the left and right edge with the
// padding cell beside them.
type frameEdges struct {
	valid            bool
	w                int
	top, bottom      string
	left, right      string
	lipglossFallback bool // the pieces could not be cut out: draw with lipgloss
}

// edges returns style's border pieces for inner width w, cutting them once
// out of an empty box lipgloss draws: so the frame is byte for byte the one
// lipgloss would draw, colours included.
func edges(style lipgloss.Style, w int) frameEdges {
	w = max(w, 0) // an overlay's pane on a screen under its margins (0×0)
	box := strings.Split(style.Padding(0, 1).Width(w+2).Render(""), "\n")
	inner := strings.Repeat(" ", w+2)
	e := frameEdges{valid: true, w: w, lipglossFallback: true}
	if len(box) != 3 {
		return e
	}
	i := strings.Index(box[1], inner)
	if i < 0 {
		return e
	}
	e.top, e.bottom = box[0], box[2]
	e.left, e.right = box[1][:i]+" ", " "+box[1][i+len(inner):]
	e.lipglossFallback = false
	return e
}

// frame draws style's border, with a cell of padding each side, around the
// first h lines of content cut to w cells, padded to h lines: what
// style.Padding(0, 1).Width(w+2).Height(h).MaxHeight(h+2) renders of
// common.Fit(content, w, h), but measuring each line once. lipgloss
// re-wraps, re-measures and re-aligns every line of a block it borders
// (several passes over each), and a review pane is redrawn on every key
// while scoring; under `serve` that was a seventh of the server's CPU.
// Tabs become four spaces first, as lipgloss does.
func frame(e frameEdges, style lipgloss.Style, content string, w, h int) string {
	w, h = max(w, 0), max(h, 0) // as edges: a screen under its margins
	if e.lipglossFallback {
		return style.Padding(0, 1).Width(w + 2).Height(h).MaxHeight(h + 2).Render(common.Fit(strings.ReplaceAll(content, "\t", "    "), w, h))
	}
	lines := strings.Split(strings.ReplaceAll(content, "\t", "    "), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	var b strings.Builder
	b.Grow(len(content) + (h+2)*(len(e.left)+len(e.right)+8) + len(e.top) + len(e.bottom) + h*w/2)
	b.WriteString(e.top)
	for i := range h {
		b.WriteByte('\n')
		b.WriteString(e.left)
		lw := 0
		if i < len(lines) {
			l := lines[i]
			if lw = common.Width(l); lw > w {
				l = ansi.Truncate(l, w, "…")
				lw = common.Width(l)
			}
			b.WriteString(l)
		}
		b.WriteString(strings.Repeat(" ", max(w-lw, 0)))
		b.WriteString(e.right)
	}
	b.WriteByte('\n')
	b.WriteString(e.bottom)
	return b.String()
}
