package reviewer

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// maxShortHelpLines bounds the wrapped short help: the panes need the rows.
const maxShortHelpLines = 2

// helpDrawing is the help as drawn for the keys and width in key.
type helpDrawing struct {
	key, text string
}

// helpView is drawHelp's help, drawn again only when a key it shows (its
// keys, description, whether enabled), the width or ? changed: Update
// draws the help after every message (fitHelp), and most keys change
// none of them, while drawing it renders each key through lipgloss.
func (r *reviewModel) helpView() string {
	km := r.activeKeys()
	if r.panes == nil {
		return r.drawHelp(km)
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(r.width))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(r.help.Width))
	b.WriteString(strconv.FormatBool(r.help.ShowAll))
	groups := km.FullHelp()
	if !r.help.ShowAll {
		groups = [][]key.Binding{km.ShortHelp()}
	}
	for _, g := range groups {
		b.WriteByte('\x02')
		for _, k := range g {
			h := k.Help()
			b.WriteString(strconv.FormatBool(k.Enabled()))
			b.WriteString(h.Key)
			b.WriteByte(0)
			b.WriteString(h.Desc)
			b.WriteByte(1)
		}
	}
	if d := r.panes.help; d.key == b.String() && d.key != "" {
		return d.text
	}
	r.panes.help = helpDrawing{key: b.String(), text: r.drawHelp(km)}
	return r.panes.help.text
}

// drawHelp draws the help line(s) for km. The short help wraps onto a second line
// rather than cut keys at 80 columns (bubbles' help would end it with "…"
// after four or five keys); a key map lists its most used keys first, so
// what a third line would hold is cut.
func (r *reviewModel) drawHelp(km help.KeyMap) string {
	if r.help.ShowAll {
		return r.help.View(km)
	}
	measure := *r.help
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
func (r *reviewModel) fitHelp() {
	h := r.helpView()
	if lipgloss.Height(h) != r.helpH {
		r.setSize(r.width, r.height)
		return
	}
	r.helpText = h
}
