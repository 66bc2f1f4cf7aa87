package leaks

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
)

// marker flags the row enter, x or c acts on; it also shows without colour.
const marker = "▸ "

// layout sizes the open attempt's viewport and fills it, scrolled so the
// row under the cursor shows.
func (m leaksModel) layout() leaksModel {
	if m.open == nil {
		return m
	}
	a := *m.open
	text, at := detailText(m, &a)
	a.vp.Width, a.vp.Height = m.width, m.bodyHeight()
	a.vp.SetContent(text)
	switch {
	case at < a.vp.YOffset:
		a.vp.SetYOffset(at)
	case at+2 >= a.vp.YOffset+a.vp.Height:
		// The flag's line and its context below it.
		a.vp.SetYOffset(at + 3 - a.vp.Height)
	}
	m.open = &a
	return m
}

// bodyHeight is what is left between the header and the status, reason
// and help lines.
func (m leaksModel) bodyHeight() int {
	bottom := 1 + lipgloss.Height(m.helpView())
	if m.prompt != nil {
		bottom += 2
	}
	return max(m.height-2-bottom, 3)
}

func (m leaksModel) helpView() string {
	h := helpKeys{k: m.keys, detail: m.open != nil, prompted: m.prompt != nil}
	return common.Fit(common.HelpView(m.help, h), m.width, 0)
}

// View draws the screen. It only formats what Update stored.
func (m leaksModel) View() string {
	st, w := m.st, m.width
	right := ""
	switch {
	case m.pending:
		right = "working…"
	case m.open != nil:
		right = review.Sanitize(m.open.handle)
	case m.loaded:
		right = fmt.Sprintf("%d %s with open flags", len(m.items), common.Plural(len(m.items), "attempt", "attempts"))
	}
	header := common.Spread(st.AppTitle.Render("assessor")+" · flags to work · "+review.Sanitize(m.lead), st.Faint.Render(right), w)
	rule := st.Faint.Render(strings.Repeat("─", max(w, 0)))
	bodyH := m.bodyHeight()
	var body string
	if m.open != nil {
		body = m.open.vp.View()
	} else {
		body = m.listView(bodyH)
	}
	body = lipgloss.NewStyle().Height(bodyH).Render(common.Fit(body, w, bodyH))
	status := st.Status.Render(m.status)
	if m.isErr {
		status = st.ErrStatus.Render(m.status)
	}
	parts := []string{header, rule, body, common.OneLine(status, w)}
	if p := m.prompt; p != nil {
		ask := "Why are you "
		switch p.action {
		case actionShow:
			ask += "reading " + p.what + "? The read is audited, as leaks show."
		case review.FlagRedact:
			ask += "redacting " + p.what + "? Reviewers will read " + review.MarkRedacted + "."
		default:
			if p.redFile != nil {
				ask = "Why " + p.what + "? Reviewers will read the file, which may name the candidate."
			} else {
				ask += "clearing " + p.what + " as not identifying?"
			}
		}
		if p.empty {
			ask = "A reason is required: it goes to the audit log."
		}
		parts = append(parts, common.OneLine(st.Warn.Render(ask), w), common.OneLine(p.in.View(), w))
	}
	parts = append(parts, m.helpView())
	return common.Fit(lipgloss.JoinVertical(lipgloss.Left, parts...), w, m.height)
}

// listView is the attempts with open flags, scrolled to keep the cursor
// on screen: handle, status, how many, and where and what kind (never the
// text, as `assessor leaks` lists them).
func (m leaksModel) listView(h int) string {
	st, w := m.st, m.width
	intro := st.Faint.Render(common.OneLine("Details the import scan flagged, not yet worked. enter reads them (audited).", w))
	switch {
	case !m.loaded:
		return st.Empty.Render("Loading…")
	case len(m.items) == 0 && !m.isErr:
		return intro + "\n\n" + st.Empty.Render("No attempt has open flags.")
	}
	handleW := len("Handle")
	for _, it := range m.items {
		handleW = max(handleW, lipgloss.Width(review.Sanitize(it.Handle)))
	}
	row := func(handle, status, flags, where string) string {
		return common.OneLine(fmt.Sprintf("%-*s  %-7s  %5s  %s", handleW, handle, status, flags, where), w-len([]rune(marker)))
	}
	lines := []string{intro, "", "  " + st.Label.Render(row("Handle", "Status", "Flags", "Where (kind)"))}
	rows := h - len(lines)
	top := common.ScrollTop(m.cursor, rows, len(m.items))
	for i := top; i < len(m.items) && i < top+rows; i++ {
		it := m.items[i]
		status := "pending"
		if it.Decided {
			status = "decided"
		}
		where := make([]string, len(it.Leaks))
		for j, l := range it.Leaks {
			where[j] = l.Place + " (" + l.Kind + ")"
		}
		// A place names its file (review.LeakPlaceOf): drawn as evidence
		// is, or a name with 👩‍🏫 ran past a terminal that draws it apart.
		line := row(review.Sanitize(it.Handle), status, fmt.Sprint(len(it.Leaks)), common.Name(strings.Join(where, " · ")))
		if i == m.cursor {
			line = st.Selected.Render(marker + line)
		} else {
			line = "  " + line
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// detailText is one attempt's flags as `leaks show` prints them, laid out
// for the width, and the line of the row under the cursor.
func detailText(m leaksModel, a *attemptFlags) (string, int) {
	st, w := m.st, m.width
	rep := a.rep
	status := "pending"
	if rep.Decided {
		status = "decided"
	}
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }
	wrapped := func(s string, indent int) {
		pad := strings.Repeat(" ", indent)
		for _, l := range strings.Split(common.Wrap(common.Drawable(s), max(w-indent, 10)), "\n") {
			add(pad + l)
		}
	}
	// A section's heading wraps: cut, "(c releases one …)" lost its key.
	heading := func(s string) {
		for _, l := range strings.Split(common.Wrap(s, w), "\n") {
			add(st.Section.Render(l))
		}
	}
	add(common.OneLine(st.Header.Render(review.Sanitize(rep.Handle)+" ("+status+")")+st.Faint.Render(" · read for: "+common.Name(a.reason)), w), "")
	cursorAt := len(lines)
	row := func(i int, label string) {
		if i == a.cursor {
			cursorAt = len(lines)
			add(common.OneLine(st.Selected.Render(marker+label), w))
		} else {
			add(common.OneLine("  "+label, w))
		}
	}
	heading("Open flags")
	if len(rep.Open) == 0 {
		add(st.Faint.Render("  none: every flag of this attempt is worked"))
	}
	for i, f := range rep.Open {
		row(i, fmt.Sprintf("%d. %s (%s)", f.N, common.Name(f.Place), f.Kind))
		wrapped(f.Context, 5)
	}
	add("")
	heading("Redacted at import (the evidence as submitted)")
	if len(rep.Redacted) == 0 {
		add(st.Faint.Render("  none"))
	}
	for _, f := range rep.Redacted {
		add(common.OneLine("  - "+common.Name(f.Place)+" ("+f.Kind+")", w))
		wrapped(f.Context, 5)
	}
	if len(rep.Files) > 0 {
		add("")
		heading("Files reviewers read as redacted text only (c releases one as submitted)")
		for i, f := range rep.Files {
			row(len(rep.Open)+i, f.ID+". "+common.Name(f.Place)+": "+common.Name(f.Name))
		}
	}
	if len(rep.Actions) > 0 {
		add("")
		heading("Worked")
		for _, act := range rep.Actions {
			what := review.LeakPlaceOf(nil, act.Leak, nil)
			if act.Leak.Kind != "" {
				what += " (" + act.Leak.Kind + ")"
			}
			wrapped(fmt.Sprintf("%s %s %s %s: %s", act.At.UTC().Format("2006-01-02 15:04"), review.Sanitize(act.Lead), act.Action, what,
				review.Sanitize(act.Reason)), 2)
		}
	}
	return strings.Join(lines, "\n"), cursorAt
}
