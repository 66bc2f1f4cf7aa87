package dashboard

import (
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"

	"assessor/ui/styles"
)

// dashStyles are the lead dashboard's styles. They are derived from the
// program's *styles.Styles rather than from a palette of their own, so the
// dashboard follows the same renderer, adaptive colours and NoColor switch
// as the reviewer screens without the styles package knowing about charts.
type dashStyles struct {
	title     lipgloss.Style // "assessor" in the header line
	label     lipgloss.Style // headline labels: "First-time pass"
	value     lipgloss.Style // headline values: "38.5%"
	note      lipgloss.Style // asides: "national reference ≈40%"
	over      lipgloss.Style // a figure that breaks a promise
	tabOn     lipgloss.Style // the active tab
	tabOff    lipgloss.Style // the other tabs
	selected  lipgloss.Style // the row enter opens, also marked ▸
	heading   lipgloss.Style // a section title inside a tab
	bar       lipgloss.Style // neutral bars (criteria)
	barGood   lipgloss.Style // at or above the reference, within the promise
	barBad    lipgloss.Style // below the reference, over the promise
	reference lipgloss.Style // the reference and promise markers
	axis      lipgloss.Style // chart axes and tick labels
	empty     lipgloss.Style // a tab with nothing to show, and loading
	table     table.Styles   // the Credentials and Reviewers tables
	status    lipgloss.Style
	errStatus lipgloss.Style
}

// newDashStyles builds the dashboard's styles from s. Colour carries no
// meaning on its own here: every marked figure also says so in words or with
// a marker character, because NoColor and Ascii terminals drop the colour.
func newDashStyles(s *styles.Styles) dashStyles {
	return dashStyles{
		title:     s.AppTitle,
		label:     s.Faint,
		value:     s.Header,
		note:      s.Faint,
		over:      s.Warn,
		tabOn:     s.Selected,
		tabOff:    s.Faint,
		selected:  s.Selected,
		heading:   s.Section,
		bar:       s.Status,
		barGood:   s.Meets,
		barBad:    s.Warn.UnsetBold(),
		reference: s.Warn,
		axis:      s.Faint,
		empty:     s.Empty,
		status:    s.Status,
		errStatus: s.ErrStatus,
		table:     dashTableStyles(s.Table),
	}
}

// dashTableStyles pads cells on the left only. The Credentials table has
// eight columns; the padding saved is what lets credential titles be read
// at 80 columns.
func dashTableStyles(t table.Styles) table.Styles {
	t.Header = t.Header.Padding(0, 0, 0, 1)
	t.Cell = t.Cell.Padding(0, 0, 0, 1)
	return t
}
