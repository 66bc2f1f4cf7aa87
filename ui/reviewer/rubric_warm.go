package reviewer

import (
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
)

// warmLimit bounds the rubrics one queue warms: those of the attempts `n`
// would open next, not every credential of a large program (the shared
// rendering cache holds 256).
const warmLimit = 16

// warmRubrics renders, in a command of its own and so off any key's
// path, the rubrics of the first credentials waiting on the queue at the
// width the review screen will show them (paneWidths), into the
// rendering cache every session of the process shares
// (markdown.Cache.Warm). Opening an attempt then finds its rubric drawn:
// glamour takes milliseconds a rubric, and after a restart every
// reviewer's first claim paid for it, all at once when they all came
// back together. It warms once per width, once the queue and the size
// are both known (not at the 80 columns a queue starts with, which a
// program that loads before its size arrives would otherwise fill the
// cache with); nil when there is nothing to do.
func (m *queueModel) warmRubrics() tea.Cmd {
	_, w := paneWidths(m.width)
	if !m.sized || len(m.creds) == 0 || m.warmedW == w { // size and creds each come with a first message
		return nil
	}
	m.warmedW = w
	byID := make(map[string]review.Rubric, len(m.creds))
	for _, r := range m.creds {
		byID[r.ID] = r
	}
	var rs []review.Rubric
	for _, it := range m.items {
		r, ok := byID[it.Credential]
		if it.Claimed || !ok {
			continue
		}
		delete(byID, it.Credential) // once each
		if rs = append(rs, r); len(rs) == warmLimit {
			break
		}
	}
	if len(rs) == 0 {
		return nil
	}
	md := m.c.MD
	return func() tea.Msg {
		for _, r := range rs {
			md.Warm(r, w)
		}
		return nil
	}
}
