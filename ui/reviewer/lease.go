package reviewer

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// Leases (rule 6) are renewed by activity. Saving a draft renews the lease,
// but a reviewer may read evidence for half an hour without typing, so
// while an attempt is open a tick every leaseRenewEvery renews it through
// Backend.Claim when any key was pressed since the last renewal. An idle
// reviewer's lease lapses as the design intends.
const leaseRenewEvery = review.LeaseDuration / 3

// leaseToken tells one opening of an attempt from the next, so ticks left
// over from an earlier opening of the same attempt stop instead of doubling.
type leaseToken struct{ key review.AttemptKey }

type leaseTickMsg struct{ token *leaseToken }

type leaseRenewedMsg struct {
	token *leaseToken
	err   error
}

func leaseTick(c *common.Common, t *leaseToken) tea.Cmd {
	return c.Tick(leaseRenewEvery, leaseTickMsg{t})
}

func renewLeaseCmd(c *common.Common, t *leaseToken) tea.Cmd {
	return func() tea.Msg {
		_, err := c.Backend.Claim(c.Reviewer, t.key)
		return leaseRenewedMsg{t, err}
	}
}

// updateLease renews on a tick after activity and reports a lost lease.
func (r *reviewModel) updateLease(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case leaseTickMsg:
		if msg.token != r.lease || r.closing {
			return nil
		}
		next := leaseTick(r.c, r.lease)
		if !r.active {
			return next
		}
		r.active = false
		return tea.Batch(renewLeaseCmd(r.c, r.lease), next)
	case leaseRenewedMsg:
		if msg.token != r.lease || msg.err == nil {
			return nil
		}
		if errors.Is(msg.err, review.ErrClaimed) {
			r.setStatus("Your lease on "+r.handle+" lapsed and another reviewer has it now. Your draft is kept; esc to go back.", true)
		} else {
			r.setStatus("Could not renew your lease on "+r.handle+": "+msg.err.Error(), true)
		}
	}
	return nil
}
