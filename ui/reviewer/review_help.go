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
	measure.Width = 0 // ShortHelpView cuts at Width: measure uncut
	var lines []string
	var line []key.Binding
	for _, b := range km.ShortHelp() {
		if !b.Enabled() {
			continue
		}
		if len(line) > 0 && lipgloss.Width(measure.ShortHelpView(append(line, b))) > r.width {
			lines = append(lines, measure.ShortHelpView(line))
			line = nil
		}
		line = append(line, b)
	}
	if len(line) > 0 {
		lines = append(lines, measure.ShortHelpView(line))
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

// fitHelp lays the screen out again when the help's height changed (the
// keys shown depend on the state: scoring, writing, an overlay).
func (r reviewModel) fitHelp() reviewModel {
	if lipgloss.Height(r.helpView()) != r.helpH {
		return r.setSize(r.width, r.height)
	}
	return r
}
