package scoring

import (
	"maps"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// DecidedMsg means the decision of record was stored; the review screen
// moves on to the next attempt.
type DecidedMsg struct {
	Decision review.Decision
	Handle   string // the attempt's handle, sanitized
}

// decideFailedMsg means Decide refused or failed; the panel stays open for
// the reviewer to fix what it says.
type decideFailedMsg struct{ err error }

func (decideFailedMsg) scoringMsg() {}

// decideCmd records the decision of record.
func decideCmd(c *common.Common, key review.AttemptKey, handle string, levels, feedback map[string]string) tea.Cmd {
	levels, feedback = maps.Clone(levels), maps.Clone(feedback)
	return func() tea.Msg {
		d, err := c.Backend.Decide(c.Reviewer, key, levels, feedback)
		if err != nil {
			return decideFailedMsg{err: err}
		}
		return DecidedMsg{Decision: d, Handle: handle}
	}
}
