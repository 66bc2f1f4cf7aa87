package reviewer

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// maxShortHelpLines bounds the wrapped short help: the panes need the rows.
const maxShortHelpLines = 2

// helpView is the help line(s). The short help wraps onto a second line
// rather than cut keys at 80 columns (bubbles' help would end it with "…"
// after four or five keys); a key map lists its most used keys first, so
// what a third line would hold is cut.
func (r reviewModel) helpView() string {
	km := r.activeKeys()
	if r.help.ShowAll {
		return r.help.View(km)
	}
	measure := r.help
	measure.Width = 0 // ShortHelpView cuts at Width: draw each key uncut
	sep := r.help.Styles.ShortSeparator.Inline(true).Render(r.help.ShortSeparator)
	sepW := lipgloss.Width(sep)
	var lines []string
	var line strings.Builder
	lineW := 0
	for _, b := range km.ShortHelp() {
		if !b.Enabled() {
			continue
		}
		item := measure.ShortHelpView([]key.Binding{b})
		w := lipgloss.Width(item)
		switch {
		case lineW == 0:
		case lineW+sepW+w > r.width:
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		default:
			line.WriteString(sep)
			lineW += sepW
		}
		line.WriteString(item)
		lineW += w
	}
	if lineW > 0 {
		lines = append(lines, line.String())
	}
	if len(lines) > maxShortHelpLines {
		lines = lines[:maxShortHelpLines] // ? shows them all
	}
	for i, l := range lines {
		if lipgloss.Width(l) > r.width {
			// One key wider than the screen: bubbles' own cut.
			lines[i] = r.help.ShortHelpView(km.ShortHelp())
		}
	}
	return strings.Join(lines, "\n")
}

// fitHelp draws the help for the state Update left (View reuses it) and
// lays the screen out again when its height changed: the keys shown
// depend on the state (scoring, writing, an overlay).
func (r reviewModel) fitHelp() reviewModel {
	h := r.helpView()
	if lipgloss.Height(h) != r.helpH {
		return r.setSize(r.width, r.height)
	}
	r.helpText = h
	return r
}
