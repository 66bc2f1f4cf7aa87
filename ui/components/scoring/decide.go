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

// decideCmd records the decision of record that the levels and feedback
// make, from the copy of the draft that from says (review.Draft.Over).
func decideCmd(c *common.Common, key review.AttemptKey, handle string, from review.Draft, levels, feedback map[string]string) tea.Cmd {
	from.Levels, from.Feedback = maps.Clone(levels), maps.Clone(feedback)
	return func() tea.Msg {
		d, err := c.Backend.DecideDraft(c.Reviewer, key, from)
		if err != nil {
			return decideFailedMsg{err: err}
		}
		return DecidedMsg{Decision: d, Handle: handle}
	}
}
