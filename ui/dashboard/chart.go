package dashboard

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Partial block characters, one to seven eighths of a cell. They give bars
// eight times the resolution of whole cells, which matters at 80 columns
// where a whole cell is several percentage points.
const (
	hEighths = "▏▎▍▌▋▊▉" // left-aligned, for horizontal bars
	vEighths = "▁▂▃▄▅▆▇" // bottom-aligned, for vertical bars
)

// partialBlock returns the k-th (1..7) partial block of set.
func partialBlock(set string, k int) string { return string([]rune(set)[k-1]) }

// hbar draws frac (clamped to [0,1]) of w cells as a bar in st and pads it
// to exactly w cells. Where the bar does not reach column mark, that cell
// shows the reference marker "│", so a column of bars shows the reference
// as a vertical line; pass mark < 0 for none.
func (d dashStyles) hbar(frac float64, w, mark int, st lipgloss.Style) string {
	if w <= 0 {
		return ""
	}
	eighths := int(math.Round(min(max(frac, 0), 1) * float64(w*8)))
	full, part := eighths/8, eighths%8
	bar := strings.Repeat("█", full)
	if part > 0 {
		bar += partialBlock(hEighths, part)
	}
	var b strings.Builder
	if bar != "" {
		b.WriteString(st.Render(bar))
	}
	for i := lipgloss.Width(bar); i < w; i++ {
		if i == mark {
			b.WriteString(d.reference.Render("│"))
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// dayHistogram is a vertical bar chart of counts per bucket. Buckets from
// split on are over a promise: they are drawn in the "bad" style and a
// dotted line separates them from the rest.
type dayHistogram struct {
	labels []string
	counts []int64
	split  int           // first bucket over the promise; len(counts) or more for none
	note   string        // text beside the split marker, e.g. "14 days and more →"
	orig   *dayHistogram // before merged, when merged
}

// histogramView draws h in at most w cells and rows+3 lines: the
// split note, the bars, the baseline and the bucket labels. Where a bar of
// each bucket does not fit, neighbouring buckets share a bar (merged),
// and a last line says how many.
func (d dashStyles) histogramView(h dayHistogram, w, rows int) []string {
	if len(h.counts) == 0 {
		return nil
	}
	aw := len(strconv.FormatInt(slices.Max(h.counts), 10))
	// Each bar takes 2 cells at least, and the last label may run past
	// its bar ("30+").
	tooWide := func(h dayHistogram) bool {
		n := len(h.counts)
		return max(n*2, (n-1)*2+len(h.labels[n-1])) > w-aw-2
	}
	k := 1
	for ; tooWide(h) && k < len(h.counts); k++ {
		h = h.merged(k + 1)
	}
	n := len(h.counts)
	peak := slices.Max(h.counts)
	colW := min(max((w-aw-2)/n, 2), 4)
	barW := colW - 1
	axisW := aw + 2
	hasSplit := h.split > 0 && h.split < n

	var out []string
	if hasSplit {
		at := axisW + h.split*colW - 1
		out = append(out, strings.Repeat(" ", at)+d.reference.Render("┊ "+h.note))
	}
	for r := rows - 1; r >= 0; r-- {
		prefix := strings.Repeat(" ", aw) + " │"
		if r == rows-1 {
			prefix = padCell(strconv.FormatInt(peak, 10), aw, true) + " ┤"
		}
		var b strings.Builder
		b.WriteString(d.axis.Render(prefix))
		for i, c := range h.counts {
			st := d.barGood
			if hasSplit && i >= h.split {
				st = d.barBad
			}
			cell := vcell(c, peak, rows, r)
			if cell != " " {
				b.WriteString(st.Render(strings.Repeat(cell, barW)))
			} else {
				b.WriteString(strings.Repeat(" ", barW))
			}
			if hasSplit && i == h.split-1 {
				b.WriteString(d.reference.Render("┊"))
			} else {
				b.WriteByte(' ')
			}
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	out = append(out, d.axis.Render(padCell("0", aw, true)+" └"+strings.Repeat("─", n*colW)))
	out = append(out, d.axis.Render(strings.Repeat(" ", axisW)+tickLabels(h, colW)))
	if k > 1 {
		out = append(out, d.reference.Render(fmt.Sprintf("%s%d days a bar", strings.Repeat(" ", axisW), k)))
	}
	return out
}

// merged is h with every k buckets sharing one, counted together and
// labelled by their first, on each side of the split apart so the promise
// still falls between two; a bucket holding the last, open one ("30+")
// is labelled open from its first ("29+"). Merging starts again from the
// buckets h had before any merge (orig), so merged(3) of merged(2) is
// merged(3).
func (h dayHistogram) merged(k int) dayHistogram {
	if h.orig != nil {
		h = *h.orig
	}
	orig := h
	out := dayHistogram{note: h.note, orig: &orig}
	split := min(max(h.split, 0), len(h.counts))
	group := func(from, to int) {
		for i := from; i < to; i += k {
			end := min(i+k, to)
			var c int64
			for _, v := range h.counts[i:end] {
				c += v
			}
			label := h.labels[i]
			if end == len(h.counts) && end-i > 1 && strings.HasSuffix(h.labels[end-1], "+") {
				label += "+"
			}
			out.labels, out.counts = append(out.labels, label), append(out.counts, c)
		}
	}
	group(0, split)
	out.split = len(out.counts)
	group(split, len(h.counts))
	if split >= len(h.counts) {
		out.split = len(out.counts) + 1 // none, as in h
	}
	return out
}

// vcell is the character of a bar of count c (of peak) at row r (0 is the
// bottom) of a chart rows high. A non-zero count always shows at least an
// eighth, so a lone late attempt is not lost next to a tall bucket.
func vcell(c, peak int64, rows, r int) string {
	if c <= 0 || peak <= 0 {
		return " "
	}
	level := max(int(math.Round(float64(c)/float64(peak)*float64(rows*8))), 1)
	k := min(max(level-r*8, 0), 8)
	switch k {
	case 0:
		return " "
	case 8:
		return "█"
	}
	return partialBlock(vEighths, k)
}

// tickLabels places bucket labels under their bars: the first, every fifth,
// the split and the last, skipping any that would touch the one before.
func tickLabels(h dayHistogram, colW int) string {
	n := len(h.counts)
	var idx []int
	for i := 0; i < n; i++ {
		near := h.split < n && i != h.split && i > h.split-3 && i < h.split+3
		if i == 0 || i == n-1 || i == h.split || (i%5 == 0 && !near) {
			idx = append(idx, i)
		}
	}
	var b strings.Builder
	for _, i := range idx {
		at, l := i*colW, h.labels[i]
		if b.Len() > 0 && at <= lipgloss.Width(b.String()) {
			continue // would run into the previous label
		}
		b.WriteString(strings.Repeat(" ", at-lipgloss.Width(b.String())))
		b.WriteString(l)
	}
	return b.String()
}
