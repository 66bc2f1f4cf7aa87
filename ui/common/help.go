package common

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// HelpView is h.View(km), except that the full help (?) lays its columns
// out in as many rows as the width needs: bubbles' help drops the columns
// past h.Width, so at 80 columns the last keys of a screen were never
// listed anywhere.
//
// The short help keeps to h.Width too: bubbles adds a key that does not
// fit when there is no room for its "…" either, and then every key after
// it, so at 60 and 70 columns the queue's help was 77 wide.
func HelpView(h help.Model, km help.KeyMap) string {
	if !h.ShowAll {
		return shortHelp(h, km)
	}
	if h.Width <= 0 {
		return h.View(km)
	}
	sep := h.Styles.FullSeparator.Inline(true).Render(h.FullSeparator)
	measure := h
	measure.Width = 0 // draw each column whole, to measure it
	var rows, row []string
	rowW := 0
	for _, group := range km.FullHelp() {
		col := measure.FullHelpView([][]key.Binding{group})
		if col == "" {
			continue
		}
		w := lipgloss.Width(col)
		if len(row) > 0 && rowW+lipgloss.Width(sep)+w > h.Width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		if len(row) > 0 {
			row = append(row, sep)
			rowW += lipgloss.Width(sep)
		}
		row = append(row, col)
		rowW += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n")
}

// shortHelp is h's short help of km within h.Width: as many keys as fit
// with " …" after them when some do not, the one for ? kept among them,
// since it lists the rest.
func shortHelp(h help.Model, km help.KeyMap) string {
	keys := km.ShortHelp()
	whole := h
	whole.Width = 0
	v := whole.ShortHelpView(keys)
	if h.Width <= 0 || lipgloss.Width(v) <= h.Width {
		return v
	}
	ask := slices.IndexFunc(keys, func(k key.Binding) bool { return slices.Contains(k.Keys(), "?") })
	tail := " " + h.Styles.Ellipsis.Inline(true).Render(h.Ellipsis)
	for n := len(keys) - 1; n > 0; n-- {
		shown := keys[:n:n]
		if ask >= n {
			shown = append(shown, keys[ask])
		}
		if line := whole.ShortHelpView(shown) + tail; lipgloss.Width(line) <= h.Width {
			return line
		}
	}
	return Fit(v, h.Width, 0)
}
