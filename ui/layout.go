package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// fit cuts s to at most h lines of at most w cells each. Screens call it on
// their final view as a last guard: a line wider than the terminal wraps and
// pushes the whole layout down, and too many lines scroll the header away.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if h > 0 && len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// oneLine cuts s to a single line of at most w cells.
func oneLine(s string, w int) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if lipgloss.Width(s) > w {
		s = ansi.Truncate(s, max(w, 1), "…")
	}
	return s
}

// spread puts left and right on one line of width w, right-aligned, cutting
// left first when they do not both fit.
func spread(left, right string, w int) string {
	rw := lipgloss.Width(right)
	if rw >= w {
		return oneLine(right, w)
	}
	left = oneLine(left, w-rw-1)
	gap := w - lipgloss.Width(left) - rw
	return left + strings.Repeat(" ", max(gap, 1)) + right
}

// ansiWrap word-wraps s to w cells, breaking words longer than w.
func ansiWrap(s string, w int) string { return ansi.Wrap(s, max(w, 1), "") }
