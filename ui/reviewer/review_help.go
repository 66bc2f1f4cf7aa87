package reviewer

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"assessor/ui/common"
)

// maxShortHelpLines bounds the wrapped short help: the panes need the rows.
const maxShortHelpLines = 2

// maxHelpDrawings bounds the help drawings a session keeps: one for each
// set of keys it shows (the rubric, scoring, writing, confirming, the
// overlays), at the widths its terminal had.
const maxHelpDrawings = 16

// helpView is drawHelp's help, drawn again only for keys (their keys,
// descriptions, whether enabled), a width or a ? not drawn before: Update
// draws the help after every message (fitHelp), and drawing renders each
// key through lipgloss. Most keys change nothing it shows, and a reviewer
// goes round the same few sets of keys for every attempt (s, e, esc, c,
// y), so each set's drawing is kept rather than only the last.
func (r *reviewModel) helpView() string {
	km := r.activeKeys()
	if r.panes == nil {
		return r.drawHelp(km)
	}
	k := helpKey(r.width, *r.help, km)
	if text, ok := r.panes.help[k]; ok {
		return text
	}
	if r.panes.help == nil || len(r.panes.help) >= maxHelpDrawings {
		r.panes.help = map[string]string{}
	}
	look := r.c.Styles.Look
	text := sharedHelp.GetIf(look != "", look+"\x03"+k, func() string { return r.drawHelp(km) })
	r.panes.help[k] = text
	return text
}

// helpKey names what a help drawing for km shows: the screen's and the
// help's widths, whether every key shows (?), and each key shown (its
// keys, description and whether it is enabled).
func helpKey(width int, h help.Model, km help.KeyMap) string {
	var b strings.Builder
	b.WriteString(strconv.Itoa(width))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(h.Width))
	b.WriteString(strconv.FormatBool(h.ShowAll))
	groups := km.FullHelp()
	if !h.ShowAll {
		groups = [][]key.Binding{km.ShortHelp()}
	}
	for _, g := range groups {
		b.WriteByte('\x02')
		for _, k := range g {
			kh := k.Help()
			b.WriteString(strconv.FormatBool(k.Enabled()))
			b.WriteString(kh.Key)
			b.WriteByte(0)
			b.WriteString(kh.Desc)
			b.WriteByte(1)
		}
	}
	return b.String()
}

// sharedHelp keeps the help drawings of every session's review and queue
// screens, by look and what they show: each session's first review
// screen, and each set of keys it goes round after, drew the same lines
// again (with 200 sessions claiming at once, 7% of the server's CPU in
// that burst), and so did every queue frame. A review screen keeps its
// own copies too (paneCache.help), so most keys take no lock.
var sharedHelp = common.Kept[string, string]{Max: 256}

// drawHelp draws the help line(s) for km. The short help wraps onto a second line
// rather than cut keys at 80 columns (bubbles' help would end it with "…"
// after four or five keys); a key map lists its most used keys first, so
// what a third line would hold is cut, all but the key for ?, which lists
// the rest.
func (r *reviewModel) drawHelp(km help.KeyMap) string {
	if r.help.ShowAll {
		return common.HelpView(*r.help, km)
	}
	var keys []key.Binding
	for _, b := range km.ShortHelp() {
		if b.Enabled() {
			keys = append(keys, b)
		}
	}
	lines := r.wrapKeys(keys)
	ask := slices.IndexFunc(keys, func(k key.Binding) bool { return slices.Contains(k.Keys(), "?") })
	for n := len(keys) - 1; n > 0 && len(lines) > maxShortHelpLines; n-- {
		shown := keys[:n:n]
		if ask >= n {
			shown = append(shown, keys[ask])
		}
		lines = r.wrapKeys(shown)
	}
	if len(lines) > maxShortHelpLines {
		lines = lines[:maxShortHelpLines]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > r.width {
			// One key wider than the screen: bubbles' own cut.
			lines[i] = r.help.ShortHelpView(km.ShortHelp())
		}
	}
	return strings.Join(lines, "\n")
}

// wrapKeys lays keys' short help out in lines of the screen's width.
func (r *reviewModel) wrapKeys(keys []key.Binding) []string {
	measure := *r.help
	measure.Width = 0 // ShortHelpView cuts at Width: draw each key uncut
	sep := r.help.Styles.ShortSeparator.Inline(true).Render(r.help.ShortSeparator)
	sepW := lipgloss.Width(sep)
	var lines []string
	var line strings.Builder
	lineW := 0
	for _, b := range keys {
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
	return lines
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
