package adjudicate

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
)

// The open dispute's layout: the evidence and the rubric, the review
// screen's panes, beside the scoring (review 1, review 2, final). With room
// for three panes (wideLayout columns) all show; with less, the evidence
// and the rubric share the left pane and tab switches between them.

// wideLayout is the width from which evidence, rubric and scoring all show.
const wideLayout = 150

// narrowLayout is the width under which one pane shows at a time, the
// scoring first: beside another pane its review 1, review 2 and final
// columns were cut at 50 columns.
const narrowLayout = 80

// detailSizes is the open dispute's pane sizes: inner widths (a width of
// 0 is a pane not shown) and the inner height, title line included.
type detailSizes struct {
	ev, rub, sheet, h int
}

// sizes lays the panes out for the terminal. The scoring pane gets the
// most room at 80 columns: it is where the lead works.
func (m adjudicateModel) sizes() detailSizes {
	helpH := lipgloss.Height(common.HelpView(m.help, m.helpKeys()))
	h := max(m.height-1-1-helpH-2, 3) // header, status, help, borders
	const frame = 4                   // border and padding of one pane
	if m.width >= wideLayout {
		ev := m.width * 3 / 10
		rub := m.width * 3 / 10
		return detailSizes{ev: ev - frame, rub: rub - frame, sheet: m.width - ev - rub - frame, h: h}
	}
	if m.width < narrowLayout {
		switch {
		case m.open == nil || !m.open.side:
			return detailSizes{sheet: max(m.width-frame, 10), h: h}
		case m.open.onRubric:
			return detailSizes{rub: max(m.width-frame, 10), h: h}
		}
		return detailSizes{ev: max(m.width-frame, 10), h: h}
	}
	left := max(m.width*2/5, 24)
	s := detailSizes{sheet: max(m.width-left-frame, 10), h: h}
	if m.open != nil && m.open.onRubric {
		s.rub = left - frame
	} else {
		s.ev = left - frame
	}
	return s
}

// layout sizes the open dispute's panes (and its textarea) for the
// terminal; the evidence and the rubric are built again only when their
// width changed.
func (m *adjudicateModel) layout() {
	a := m.open
	if a == nil {
		return
	}
	s := m.sizes()
	a.sheet.SetTextSize(max(s.sheet, 10), 4)
	if s.ev > 0 {
		a.ev = a.ev.SetSize(s.ev, s.h-1)
	}
	if s.rub > 0 {
		a.rub.Width, a.rub.Height = s.rub, s.h-1
		if s.rub != a.rubW {
			a.rendered = m.md.Render(a.d.Rubric, s.rub)
			a.rub.SetContent(a.rendered.Text)
			a.rubW = s.rub
			a.followCriterion()
		}
	}
}

// followCriterion scrolls the rubric to the selected criterion's heading,
// so its descriptors are in view while the lead chooses its level.
func (a *adjudication) followCriterion() {
	for i, c := range a.d.Rubric.Criteria {
		if c.ID == a.sheet.Row() && i < len(a.rendered.Headings) {
			a.rub.SetYOffset(a.rendered.Headings[i])
			return
		}
	}
}

// scroll scrolls the focused pane, evidence or rubric, as k asks.
func (a *adjudication) scroll(k tea.KeyMsg, keys keymap.Scroll) {
	if a.onRubric {
		keys.Viewport(&a.rub, k)
		return
	}
	a.ev = a.ev.Scroll(k, keys)
}

// detailView is the open dispute: a header line and the panes.
func (m adjudicateModel) detailView() string {
	st, a := m.st, m.open
	head := st.Header.Render("Adjudicate "+review.Sanitize(a.d.Attempt.Handle())) + " · " + common.Name(a.d.Rubric.Title) +
		" · review 1: " + strings.ToUpper(string(a.d.Reviews[0].Outcome)) + " · review 2: " + strings.ToUpper(string(a.d.Reviews[1].Outcome))
	s := m.sizes()
	var panes []string
	if s.ev > 0 {
		panes = append(panes, common.Pane(st, a.ev.Title(), a.ev.View(), s.ev, s.h, !a.onRubric))
	}
	if s.rub > 0 {
		panes = append(panes, common.Pane(st, "Rubric · "+review.Sanitize(a.sheet.Row()), a.rub.View(), s.rub, s.h, a.onRubric))
	}
	if s.sheet > 0 {
		// Alone on a narrow screen it is the pane the keys work in.
		alone := s.ev == 0 && s.rub == 0
		panes = append(panes, common.Pane(st, "Review 1 · review 2 · final", m.sheetView(s.sheet, s.h-1), s.sheet, s.h, alone))
	}
	return common.OneLine(head, m.width) + "\n" + lipgloss.JoinHorizontal(lipgloss.Top, panes...)
}
