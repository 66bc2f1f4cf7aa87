package reviewer

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui/common"
)

// TestLeadRedactionReplacesTheOpenEvidence: a lead's change to the open
// attempt's evidence is read again and shown at once, scores kept; a
// notice about another application, or another reviewer's claim, changes
// nothing; the reviewer's own claim ended is said in the status line.
func TestLeadRedactionReplacesTheOpenEvidence(t *testing.T) {
	f := newFake()
	// Tall enough to show part 1 below attempt 1's feedback; drafts
	// saved at once.
	s := openScoring(t, f, common.Options{DraftDelay: time.Millisecond}, 120, 70)
	s.Do(keys("m"), "C1  meets")
	key := f.attempts[0].Key()
	f.mu.Lock()
	f.attempts[0].Parts[0].Text = strings.Replace(f.attempts[0].Parts[0].Text, "grade 7", "[redacted]", 1)
	f.mu.Unlock()

	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: review.AttemptKey{Application: "other", Attempt: 1}, Evidence: true}})
	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Released: true, Holder: "someone-else"}})
	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Evidence: true}})
	s.WaitAfter(0, "A lead redacted or released part of this evidence", "[redacted]")
	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Released: true, Holder: "rev-1"}})
	s.WaitAfter(0, "A lead released your claim on DF-7KQ2#2")
	// Working on takes it back (no one else did), and the status says so.
	s.Do(keys("j", "m"), "You hold DF-7KQ2#2 again")
	v := s.quit().View()
	if strings.Contains(v, "I teach grade 7") || !strings.Contains(v, "C1  meets") {
		t.Errorf("after the redaction:\n%s", v)
	}
}

// TestLeadRedactionUnreadableHidesTheEvidence: when the changed attempt
// cannot be read again (another reviewer holds it now), its old text
// leaves the screen all the same.
func TestLeadRedactionUnreadableHidesTheEvidence(t *testing.T) {
	f := newFake()
	s, key := openFirst(t, f, "I teach grade 7 science")
	f.mu.Lock()
	f.others[key] = true
	f.mu.Unlock()
	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Evidence: true}})
	s.WaitAfter(0, "could not be read again")
	if v := s.quit().View(); strings.Contains(v, "I teach grade 7") {
		t.Errorf("the old text stayed:\n%s", v)
	}
}

// TestSaveAndQuitMsgWithAnUnsavableDraftQuits: ended from outside, a
// program whose draft cannot be saved quits at once (nobody is there to
// press ctrl+c again) and says so with UnsavedQuitMsg.
func TestSaveAndQuitMsgWithAnUnsavableDraftQuits(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "n", "k", "enter", "quick fix needed"), "quick fix needed")
	f.mu.Lock()
	f.saveErr = errors.New("attempt is being reviewed by someone else")
	f.mu.Unlock()
	s.TM.Send(common.SaveAndQuitMsg{})
	s.TM.WaitFinished(t)
}

// TestDecidedMeanwhileLetsTheReviewerLeave: an attempt decided by someone
// else while it is open (a lead released the claim and another reviewer
// decided it, or an import decided it) ends its review screen's work: the
// next save says so once, not "press esc to retry", and esc goes back to
// the queue at once, scoring panel or not. An import's notice says so
// before any key.
func TestDecidedMeanwhileLetsTheReviewerLeave(t *testing.T) {
	for _, how := range []string{"save", "decide", "notice"} {
		t.Run(how, func(t *testing.T) {
			f := newFake()
			s := openScoring(t, f, common.Options{DraftDelay: time.Millisecond}, 120, 40)
			s.Do(keys("m"), "C1  meets")
			key := f.attempts[0].Key()
			f.mu.Lock()
			if how != "decide" {
				f.saveErr = fmt.Errorf("%s: %w", "DF-7KQ2#2", review.ErrNotPending)
			}
			f.decideErr = fmt.Errorf("%s: %w", "DF-7KQ2#2", review.ErrAlreadyDecided)
			f.mu.Unlock()
			switch how {
			case "save":
				s.Do(keys("m"), "DF-7KQ2#2 is no longer pending (decided meanwhile)")
			case "decide":
				s.Do(keys("m", "m", "m", "c", "y"), "DF-7KQ2#2 is no longer pending (decided meanwhile)")
			default:
				s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Decided: true, Holder: "someone-else"}})
				s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Decided: true, Holder: "rev-1"}})
				s.WaitAfter(0, "DF-7KQ2#2 was decided meanwhile (its decision was imported)")
			}
			s.Do(keys("esc"), "Attempt")
			app := s.quit()
			if app.screen != queueScreen || strings.Contains(app.View(), "retry") {
				t.Errorf("after esc: screen %v, want the queue:\n%s", app.screen, app.View())
			}
		})
	}
}

// TestLeadAmendmentReplacesEarlierFeedback: a lead's amendment of an
// earlier attempt's decision shows at once on the open resubmission (a
// lead may amend to take out what should not have been written); one of
// the open attempt itself, or of a later one, changes nothing.
func TestLeadAmendmentReplacesEarlierFeedback(t *testing.T) {
	f := newFake()
	s, key := openFirst(t, f, "sharpen the next steps")
	f.mu.Lock()
	f.previous[key][0].Decision.Feedback["overall"] = "Strong targets; amended by a lead."
	f.mu.Unlock()
	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: key, Amended: true}})
	s.TM.Send(common.AttemptChangedMsg{Notice: review.AttemptNotice{Key: review.AttemptKey{Application: key.Application, Attempt: 1}, Amended: true}})
	s.WaitAfter(0, "A lead amended the decision on attempt 1", "amended by a lead")
	if v := s.quit().View(); strings.Contains(v, "sharpen the next steps") || strings.Contains(v, "attempt 2: its feedback") {
		t.Errorf("after the amendment:\n%s", v)
	}
}

// openFirst opens f's first attempt (DF-7KQ2#2) at 120×70 from the queue
// and waits for shows on its screen.
func openFirst(t *testing.T, f *fakeBackend, shows string) (*session, review.AttemptKey) {
	t.Helper()
	s := start(t, f, common.Options{}, 120, 70)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), shows)
	return s, f.attempts[0].Key()
}
