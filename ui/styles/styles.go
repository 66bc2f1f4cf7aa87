// Package styles holds every lipgloss style the assessor screens use, in
// one place, so NO_COLOR and a per-session renderer are one switch.
package styles

import (
	"strconv"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles holds every lipgloss style the screens use. It is built once per
// program from Options, on that program's renderer, so an SSH session gets
// its own colour profile and NO_COLOR is a single switch here.
type Styles struct {
	NoColor bool // every colour dropped (Options.NoColor)
	// Look is what New built the styles from: the colour profile, the
	// background and NO_COLOR. Two Styles with the same Look draw alike,
	// so a drawing made with one serves the other (common.Kept). Empty for
	// styles not made by New.
	Look string

	AppTitle  lipgloss.Style // "assessor" in the queue header
	Header    lipgloss.Style // header line text
	Faint     lipgloss.Style // secondary text: draft saved, hints
	Status    lipgloss.Style // one-line status messages
	ErrStatus lipgloss.Style // one-line error messages
	Empty     lipgloss.Style // the friendly empty-queue message

	PaneFocused lipgloss.Style // border of the focused pane
	PaneBlurred lipgloss.Style // border of the other pane
	PaneTitle   lipgloss.Style // first line inside a pane

	Section  lipgloss.Style // section titles in the evidence
	Label    lipgloss.Style // "Files:", "Note:" labels
	Warn     lipgloss.Style // over a word limit, feedback warnings
	NotYet   lipgloss.Style // a not-yet level
	Meets    lipgloss.Style // the passing level
	Selected lipgloss.Style // the selected criterion line
	Outcome  lipgloss.Style // the live outcome line
	Dialog   lipgloss.Style // the confirm box

	Table        table.Styles
	Help         help.Styles
	EditPrompt   lipgloss.Style // the feedback editor's left bar
	EditText     lipgloss.Style // text being typed
	EditCursor   lipgloss.Style // the editor's cursor cell
	GlamourStyle string         // glamour standard style name

	Lines Lines // the styles above that draw short lines, for single lines (line.go)
}

// Adaptive palette: the first of each pair reads on light terminals, the
// second on dark ones.
var (
	colAccent = lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#7D79F6"}
	colDim    = lipgloss.AdaptiveColor{Light: "#A49FA5", Dark: "#777777"}
	colFaint  = lipgloss.AdaptiveColor{Light: "#909090", Dark: "#626262"}
	colWarn   = lipgloss.AdaptiveColor{Light: "#B5520B", Dark: "#F2A65A"}
	colError  = lipgloss.AdaptiveColor{Light: "#C0392B", Dark: "#FF6F61"}
	colGood   = lipgloss.AdaptiveColor{Light: "#2E7D32", Dark: "#7BD88F"}
	palette   = []lipgloss.AdaptiveColor{colAccent, colDim, colFaint, colWarn, colError, colGood}
)

// GlamourNoColor is the rubric style for NO_COLOR on a terminal that draws
// bold: glamour's dark style with every colour taken out
// (ui/components/markdown draws it). Glamour's own "notty" style writes
// the Markdown markers (`#`, `**`) instead: right for a terminal that
// draws nothing but text, wrong for one only asked for no colour.
const GlamourNoColor = "nocolor"

// New builds the styles on renderer r. With noColor every style keeps
// only bold, underline, reverse and borders, and glamour's rubrics lose
// their colours (GlamourNoColor).
func New(r *lipgloss.Renderer, noColor bool) *Styles {
	fg := func(s lipgloss.Style, c lipgloss.AdaptiveColor) lipgloss.Style {
		if noColor {
			return s
		}
		return s.Foreground(resolve(r, c))
	}
	border := func(b lipgloss.Border, c lipgloss.AdaptiveColor) lipgloss.Style {
		s := r.NewStyle().Border(b)
		if noColor {
			return s
		}
		return s.BorderForeground(resolve(r, c))
	}
	s := &Styles{NoColor: noColor, Look: strconv.Itoa(int(r.ColorProfile())) + " " + strconv.FormatBool(r.HasDarkBackground()) + " " + strconv.FormatBool(noColor)}
	s.AppTitle = fg(r.NewStyle().Bold(true), colAccent)
	s.Header = r.NewStyle().Bold(true)
	s.Faint = fg(r.NewStyle(), colFaint)
	if noColor {
		s.Faint = r.NewStyle().Faint(true)
	}
	s.Status = fg(r.NewStyle(), colAccent)
	s.ErrStatus = fg(r.NewStyle().Bold(true), colError)
	s.Empty = fg(r.NewStyle().Italic(true), colDim).Padding(1, 2)

	// The focused pane has a heavier border in every mode, so focus never
	// rests on colour alone: NO_COLOR, a terminal without colour, or a
	// reader who cannot tell the two colours apart.
	s.PaneFocused = border(lipgloss.ThickBorder(), colAccent)
	s.PaneBlurred = border(lipgloss.RoundedBorder(), colDim)
	s.PaneTitle = fg(r.NewStyle().Bold(true), colAccent)

	s.Section = fg(r.NewStyle().Bold(true).Underline(true), colAccent)
	s.Label = r.NewStyle().Bold(true)
	s.Warn = fg(r.NewStyle().Bold(true), colWarn)
	s.NotYet = fg(r.NewStyle().Bold(true), colWarn)
	s.Meets = fg(r.NewStyle(), colGood)
	s.Selected = r.NewStyle().Bold(true).Reverse(true)
	s.Outcome = r.NewStyle().Bold(true)
	s.Dialog = border(lipgloss.DoubleBorder(), colWarn).Padding(0, 1)

	s.Table = table.Styles{
		Header: r.NewStyle().Bold(true).Padding(0, 1).
			BorderStyle(lipgloss.NormalBorder()).BorderBottom(true),
		Cell:     r.NewStyle().Padding(0, 1),
		Selected: r.NewStyle().Bold(true).Reverse(true),
	}
	if !noColor {
		s.Table.Header = s.Table.Header.BorderForeground(resolve(r, colDim))
	}

	key := fg(r.NewStyle(), colDim)
	desc := fg(r.NewStyle(), colFaint)
	sep := fg(r.NewStyle(), colFaint)
	s.Help = help.Styles{
		ShortKey: key, ShortDesc: desc, ShortSeparator: sep, Ellipsis: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}

	s.EditPrompt = fg(r.NewStyle(), colAccent)
	s.EditText = r.NewStyle()
	s.EditCursor = r.NewStyle().Reverse(true)
	s.Lines = s.lines()

	// A terminal that draws nothing but text (TERM=dumb, not a TTY) gets
	// glamour's plain style, Markdown markers and all: its dark and light
	// styles emit bold regardless. NO_COLOR on any other keeps the bold
	// and drops the colours.
	switch {
	case r.ColorProfile() == termenv.Ascii:
		s.GlamourStyle = "notty"
	case noColor:
		s.GlamourStyle = GlamourNoColor
	case r.HasDarkBackground():
		s.GlamourStyle = "dark"
	default:
		s.GlamourStyle = "light"
	}
	return s
}

// resolve is c as r draws it, worked out once: the shade for r's
// background and, on a 256- or 16-colour terminal, its number in that
// palette. lipgloss would otherwise match the hex value to the palette (a
// nearest-colour search in HSLuv) on every Render: 6% of the server's CPU
// at 200 SSH sessions. The colour sequences written are the same.
func resolve(r *lipgloss.Renderer, c lipgloss.AdaptiveColor) lipgloss.TerminalColor {
	hex := c.Light
	if r.HasDarkBackground() {
		hex = c.Dark
	}
	switch v := r.ColorProfile().Color(hex).(type) {
	case termenv.ANSIColor:
		return lipgloss.Color(strconv.Itoa(int(v)))
	case termenv.ANSI256Color:
		return lipgloss.Color(strconv.Itoa(int(v)))
	}
	return lipgloss.Color(hex)
}

// Level styles a level name: the passing level reads as good, any other as
// a warning, and an unscored criterion as faint.
func (s *Styles) Level(name, passing string) lipgloss.Style {
	return byLevel(name, passing, s.Faint, s.Meets, s.NotYet)
}

// byLevel is the one of unscored, meets and notYet that level name takes:
// Level's rule, for styles and their Lines alike.
func byLevel[T any](name, passing string, unscored, meets, notYet T) T {
	switch name {
	case "":
		return unscored
	case passing:
		return meets
	}
	return notYet
}
