package reviewer

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// countingBackend counts Claim calls and can pretend the lease was lost.
type countingBackend struct {
	*fakeBackend
	mu     sync.Mutex
	claims int
	lost   bool
}

func (b *countingBackend) Claim(reviewer string, key review.AttemptKey) (review.Assignment, error) {
	b.mu.Lock()
	b.claims++
	lost := b.lost
	b.mu.Unlock()
	if lost {
		return review.Assignment{}, review.ErrClaimed
	}
	return b.fakeBackend.Claim(reviewer, key)
}

// claimed is how many claims the backend has taken.
func (b *countingBackend) claimed() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.claims
}

// runQuick runs cmd and any batch it returns, keeping the messages that
// arrive until want of them have (a long wait, for a busy machine) or,
// with want 0, within a moment; tick commands (minutes away) are left
// behind.
func runQuick(cmd tea.Cmd, want int) []tea.Msg {
	if cmd == nil {
		return nil
	}
	out := make(chan tea.Msg, 8)
	var run func(tea.Cmd)
	run = func(c tea.Cmd) {
		go func() {
			msg := c()
			if batch, ok := msg.(tea.BatchMsg); ok {
				for _, c := range batch {
					if c != nil {
						run(c)
					}
				}
				return
			}
			out <- msg
		}()
	}
	run(cmd)
	var msgs []tea.Msg
	wait := 300 * time.Millisecond
	if want > 0 {
		wait = 10 * time.Second
	}
	timeout := time.After(wait)
	for want == 0 || len(msgs) < want {
		select {
		case m := <-out:
			msgs = append(msgs, m)
		case <-timeout:
			return msgs
		}
	}
	return msgs
}

func openForLease(t *testing.T, b *countingBackend) reviewModel {
	t.Helper()
	app := New(b, "rev-1", common.Options{Now: testClock}).(*appModel)
	asg, err := b.fakeBackend.Claim("rev-1", b.attempts[0].Key())
	if err != nil {
		t.Fatal(err)
	}
	return newReview(app.c, asg, "", "", 120, 40, nil)
}

func TestLeaseRenewedOnlyAfterActivity(t *testing.T) {
	b := &countingBackend{fakeBackend: newFake()}
	r := openForLease(t, b)

	// Idle: a tick renews nothing, so an idle reviewer's lease can lapse.
	cmd := r.Update(leaseTickMsg{r.lease})
	if runQuick(cmd, 0); b.claimed() != 0 {
		t.Fatalf("idle tick renewed the lease (%d claims)", b.claimed())
	}
	// Reading (scrolling) is activity: the next tick renews.
	r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	cmd = r.Update(leaseTickMsg{r.lease})
	if runQuick(cmd, 1); b.claimed() != 1 {
		t.Fatalf("tick after activity: %d claims, want 1", b.claimed())
	}
	// A tick from an earlier opening of the same attempt is ignored.
	r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	cmd = r.Update(leaseTickMsg{&leaseToken{r.key}})
	if cmd != nil || b.claimed() != 1 {
		t.Fatalf("stale tick acted (%d claims)", b.claimed())
	}
}

func TestLeaseLostIsReported(t *testing.T) {
	b := &countingBackend{fakeBackend: newFake(), lost: true}
	r := openForLease(t, b)
	r.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")})
	cmd := r.Update(leaseTickMsg{r.lease})
	for _, msg := range runQuick(cmd, 1) {
		r.Update(msg)
	}
	if !strings.Contains(r.View(), "lapsed and another reviewer has it") {
		t.Fatalf("lost lease not reported:\n%s", r.View())
	}
}
