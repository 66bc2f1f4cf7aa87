package reviewer

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// slowDecide is the fake backend with a store that takes its time over a
// decision: DecideDraft waits until decideHold closes.
type slowDecide struct {
	*fakeBackend
	decideHold chan struct{}
	deciding   chan struct{}
}

func (b slowDecide) DecideDraft(reviewer string, key review.AttemptKey, from review.Draft) (review.Decision, error) {
	b.deciding <- struct{}{}
	<-b.decideHold
	return b.fakeBackend.DecideDraft(reviewer, key, from)
}

// TestQuitDuringDecisionWithTimedSaveOnItsWay: the reviewer scores the
// last criterion and confirms; the timed save of that edit is still with
// the (slow) store. Asked then to end (ctrl+c, or serve's SaveAndQuitMsg),
// the session quits: with nothing left to save it does not wait for the
// timed save, whose answer would come after the decision had opened the
// next attempt, the quit lost and a fresh claim held.
func TestQuitDuringDecisionWithTimedSaveOnItsWay(t *testing.T) {
	for _, how := range []string{"ctrl+c", "SaveAndQuitMsg"} {
		t.Run(how, func(t *testing.T) {
			f := newFake()
			saveHold := make(chan struct{})
			f.holdSave, f.saveHeld = saveHold, make(chan struct{})
			b := slowDecide{fakeBackend: f, decideHold: make(chan struct{}), deciding: make(chan struct{}, 1)}
			opt := common.Options{Now: testClock, DraftDelay: 10 * time.Millisecond}
			s := &session{Session: uitest.Start(t, New(b, "rev-1", opt), 100, 30), f: f}
			s.WaitAfter(0, "DF-7KQ2#2")
			s.Do(keys("enter"), "Attempt 1 feedback")
			s.Do(keys("s"), "Outcome: incomplete (4 criteria unscored)")
			s.Do(keys("m", "m", "m", "m"), "Outcome: pass")
			uitest.Receive(t, "the timed save of the scored sheet", f.saveHeld)
			s.Do(keys("c"), "Record PASS for DF-7KQ2#2? (y/n)")
			s.Press("y")
			uitest.Receive(t, "the decision with the store too", b.deciding)
			if how == "ctrl+c" {
				s.Press("ctrl+c")
			} else {
				s.TM.Send(common.SaveAndQuitMsg{})
			}
			time.Sleep(50 * time.Millisecond) // the quit request is handled
			close(b.decideHold)               // the decision is recorded
			waitFor(t, "the decision", func() bool { return len(f.gotDecisions()) == 1 })
			time.Sleep(100 * time.Millisecond) // the next attempt opens, or the program quits
			close(saveHold)                    // the timed save is answered (not pending any more)
			s.TM.WaitFinished(t, teatest.WithFinalTimeout(3*time.Second), teatest.WithTimeoutFn(func(tb testing.TB) {
				s.Mark()
				out := s.Out.String()
				tb.Fatalf("%s during a decision, with a timed save on its way, was lost: the program never quit and runs on (the next attempt EE-3MX9#1 opened: %v)",
					how, strings.Contains(out, "Recorded PASS for DF-7KQ2#2"))
			}))
		})
	}
}
