package dashboard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// fairState is the Fairness tab's data. It loads apart from the rest: it
// reads every application's vault entry (about 0.1-0.3 s on a 10k store,
// docs/PERFORMANCE.md), and the other tabs should not wait for it.
type fairState struct {
	f      review.Fairness
	loaded bool  // figures have arrived at least once
	err    error // the last load's error; the last good figures stay
}

// fairnessLoadedMsg carries one load of the fairness figures.
type fairnessLoadedMsg struct {
	seq int
	f   review.Fairness
	err error
}

// loadFairnessCmd reads the figures `assessor report --fairness` prints,
// over the whole store.
func loadFairnessCmd(b common.LeadBackend, seq int) tea.Cmd {
	return func() tea.Msg {
		f, err := b.Fairness(time.Time{}, time.Time{})
		return fairnessLoadedMsg{seq: seq, f: f, err: err}
	}
}

// loadedFairness takes in a load unless a newer one was asked for.
func (m dashboardModel) loadedFairness(msg fairnessLoadedMsg) dashboardModel {
	if msg.seq != m.seq {
		return m
	}
	m.fair.err = msg.err
	if msg.err == nil {
		m.fair.f, m.fair.loaded = msg.f, true
	}
	return m.setSize(m.width, m.height)
}

// view is the Fairness tab, or why it has nothing to show yet.
func (s fairState) view(d dashStyles, w int) string {
	var errLine string
	if s.err != nil {
		errLine = d.errStatus.Render(common.OneLine("Could not load the fairness figures: "+s.err.Error()+" (r to retry)", w))
	}
	switch {
	case s.loaded && errLine != "":
		return errLine + "\n" + fairnessView(d, s.f, w)
	case s.loaded:
		return fairnessView(d, s.f, w)
	case errLine != "":
		return errLine
	}
	return d.empty.Render("Loading the fairness figures…")
}

// fairnessView is the Fairness tab: the figures of `assessor report
// --fairness` (review.Fairness, as the store computes them for the report),
// one row per group. A suppressed group shows as suppressed and why, never
// a figure; attributes with no group of k are named at the end, as the
// report names them.
func fairnessView(d dashStyles, f review.Fairness, w int) string {
	lines := []string{
		d.heading.Render("Pass rates by candidate group"),
		d.note.Render(common.OneLine(fmt.Sprintf("Groups under k = %d candidates suppressed, with complements so totals reveal none.",
			f.MinGroup), w)),
		"",
	}
	if len(f.Rows) == 0 {
		return strings.Join(append(lines, d.note.Render("No applications yet.")), "\n")
	}
	rows := make([][]string, 0, len(f.Rows))
	last := ""
	for _, r := range f.Rows {
		// Attributes and values are any candidate field an import brought:
		// drawn as the other tabs' names are, or a value with 👩‍🏫 ran past
		// a terminal that draws the two emoji apart.
		attr := ""
		if r.Attribute != last {
			attr, last = common.Name(r.Attribute), r.Attribute
		}
		value := common.Drawable(r.Label())
		if r.Suppressed {
			rows = append(rows, []string{attr, value, review.NoFigure, "suppressed", "(" + r.SuppressedBy + ")"})
			continue
		}
		rows = append(rows, []string{attr, value, countText(r.Applications),
			// From the counts, not the rounded rates: see review.FormatShare.
			review.FormatShareOf(r.FirstTimePasses, r.FirstAttemptsDecided) + " of " + countText(r.FirstAttemptsDecided),
			review.FormatShareOf(r.Passed, r.Decided) + " of " + countText(r.Decided)})
	}
	header := []string{"Attribute", "Value", "Apps", "First-time pass", "Eventual pass"}
	lines = append(lines, plainTable(header, rows, 1, w)...)
	for _, a := range f.Omitted {
		lines = append(lines, d.note.Render(common.OneLine(fmt.Sprintf("%s: no value is held by %d or more candidates, so none is shown",
			common.Name(a), f.MinGroup), w)))
	}
	return strings.Join(lines, "\n")
}

// countText formats a count of a shown group (nil only when suppressed).
func countText(n *int64) string {
	if n == nil {
		return review.NoFigure
	}
	return strconv.FormatInt(*n, 10)
}
