package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles holds every lipgloss style the screens use. It is built once per
// program from Options, on that program's renderer, so an SSH session gets
// its own colour profile and NO_COLOR is a single switch here.
type styles struct {
	noColor bool

	appTitle  lipgloss.Style // "assessor" in the queue header
	header    lipgloss.Style // header line text
	faint     lipgloss.Style // secondary text: draft saved, hints
	status    lipgloss.Style // one-line status messages
	errStatus lipgloss.Style // one-line error messages
	empty     lipgloss.Style // the friendly empty-queue message

	paneFocused lipgloss.Style // border of the focused pane
	paneBlurred lipgloss.Style // border of the other pane
	paneTitle   lipgloss.Style // first line inside a pane

	section  lipgloss.Style // section titles in the evidence
	label    lipgloss.Style // "Files:", "Note:" labels
	warn     lipgloss.Style // over a word limit, feedback warnings
	notYet   lipgloss.Style // a not-yet level
	meets    lipgloss.Style // the passing level
	selected lipgloss.Style // the selected criterion line
	outcome  lipgloss.Style // the live outcome line
	dialog   lipgloss.Style // the confirm box

	table        table.Styles
	help         help.Styles
	editPrompt   lipgloss.Style // the feedback editor's left bar
	editText     lipgloss.Style // text being typed
	editCursor   lipgloss.Style // the editor's cursor cell
	glamourStyle string         // glamour standard style name
}

// newStyles builds the styles on renderer r. With noColor every style keeps
// only bold, underline, reverse and borders, and glamour uses "notty".
func newStyles(r *lipgloss.Renderer, noColor bool) *styles {
	// Adaptive palette: the first of each pair reads on light terminals,
	// the second on dark ones.
	var (
		colAccent = lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#7D79F6"}
		colDim    = lipgloss.AdaptiveColor{Light: "#A49FA5", Dark: "#777777"}
		colFaint  = lipgloss.AdaptiveColor{Light: "#909090", Dark: "#626262"}
		colWarn   = lipgloss.AdaptiveColor{Light: "#B5520B", Dark: "#F2A65A"}
		colError  = lipgloss.AdaptiveColor{Light: "#C0392B", Dark: "#FF6F61"}
		colGood   = lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#7BD88F"}
	)
	fg := func(s lipgloss.Style, c lipgloss.TerminalColor) lipgloss.Style {
		if noColor {
			return s
		}
		return s.Foreground(c)
	}
	border := func(b lipgloss.Border, c lipgloss.TerminalColor) lipgloss.Style {
		s := r.NewStyle().Border(b)
		if noColor {
			return s
		}
		return s.BorderForeground(c)
	}
	s := &styles{noColor: noColor}
	s.appTitle = fg(r.NewStyle().Bold(true), colAccent)
	s.header = r.NewStyle().Bold(true)
	s.faint = fg(r.NewStyle(), colFaint)
	if noColor {
		s.faint = r.NewStyle().Faint(true)
	}
	s.status = fg(r.NewStyle(), colAccent)
	s.errStatus = fg(r.NewStyle().Bold(true), colError)
	s.empty = fg(r.NewStyle().Italic(true), colDim).Padding(1, 2)

	// Without colour the focused pane is told apart by a heavier border.
	if noColor {
		s.paneFocused = border(lipgloss.ThickBorder(), nil)
		s.paneBlurred = border(lipgloss.RoundedBorder(), nil)
	} else {
		s.paneFocused = border(lipgloss.RoundedBorder(), colAccent)
		s.paneBlurred = border(lipgloss.RoundedBorder(), colDim)
	}
	s.paneTitle = fg(r.NewStyle().Bold(true), colAccent)

	s.section = fg(r.NewStyle().Bold(true).Underline(true), colAccent)
	s.label = r.NewStyle().Bold(true)
	s.warn = fg(r.NewStyle().Bold(true), colWarn)
	s.notYet = fg(r.NewStyle().Bold(true), colWarn)
	s.meets = fg(r.NewStyle(), colGood)
	s.selected = r.NewStyle().Bold(true).Reverse(true)
	s.outcome = r.NewStyle().Bold(true)
	s.dialog = border(lipgloss.DoubleBorder(), colWarn).Padding(0, 1)

	s.table = table.Styles{
		Header: r.NewStyle().Bold(true).Padding(0, 1).
			BorderStyle(lipgloss.NormalBorder()).BorderBottom(true),
		Cell:     r.NewStyle().Padding(0, 1),
		Selected: r.NewStyle().Bold(true).Reverse(true),
	}
	if !noColor {
		s.table.Header = s.table.Header.BorderForeground(colDim)
	}

	key := fg(r.NewStyle(), colDim)
	desc := fg(r.NewStyle(), colFaint)
	sep := fg(r.NewStyle(), colFaint)
	s.help = help.Styles{
		ShortKey: key, ShortDesc: desc, ShortSeparator: sep, Ellipsis: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}

	s.editPrompt = fg(r.NewStyle(), colAccent)
	s.editText = r.NewStyle()
	s.editCursor = r.NewStyle().Reverse(true)

	// A terminal without colour (NO_COLOR, TERM=dumb, not a TTY) gets the
	// plain style: glamour's dark and light styles emit bold regardless.
	switch {
	case noColor || r.ColorProfile() == termenv.Ascii:
		s.glamourStyle = "notty"
	case r.HasDarkBackground():
		s.glamourStyle = "dark"
	default:
		s.glamourStyle = "light"
	}
	return s
}

// level styles a level name: the passing level reads as good, any other as
// a warning, and an unscored criterion as faint.
func (s *styles) level(name, passing string) lipgloss.Style {
	switch name {
	case "":
		return s.faint
	case passing:
		return s.meets
	}
	return s.notYet
}
