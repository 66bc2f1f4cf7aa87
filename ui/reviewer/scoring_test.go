package reviewer

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui/common"
)

const c2Feedback = "Name one strength and one priority for each sample in the words of your success criteria."

// openScoring opens DF-7KQ2#2 and its scoring panel.
func openScoring(t *testing.T, f *fakeBackend, opt common.Options, w, h int) *session {
	t.Helper()
	s := start(t, f, opt, w, h)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("s"), "Outcome: incomplete (4 criteria unscored)")
	return s
}

func TestScoringDecideRecordsExactlyWhatWasTypedAndOpensNext(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("m"), "C1  meets", "Outcome: incomplete (3 criteria unscored)")
	// Each level moves on to the next criterion without one.
	s.Do(keys("n"), "C2  not-yet", "Needs feedback: C2")
	s.Do(keys("2", "2"), "Outcome: resubmit")
	s.Do(keys("k", "k", "enter"), "Feedback on C2")
	s.Do(keys(c2Feedback, "esc"), "C2 feedback:")
	s.Do(keys("o", "Good start.", "ctrl+s"), "Overall:")
	s.Do(keys("c"), "Record RESUBMIT for DF-7KQ2#2? (y/n)")
	s.Do(keys("y"), "EE-3MX9#1 · Eliciting Evidence of Learning", "Recorded RESUBMIT for DF-7KQ2#2")

	ds := f.gotDecisions()
	if len(ds) != 1 {
		t.Fatalf("Decide called %d times, want 1", len(ds))
	}
	d := ds[0]
	wantLevels := map[string]string{"C1": "meets", "C2": "not-yet", "C3": "meets", "C4": "meets"}
	wantFeedback := map[string]string{"C2": c2Feedback, "overall": "Good start."}
	if d.Application != "secret-app-1" || d.Attempt != 2 {
		t.Errorf("decided %s#%d, want secret-app-1#2", d.Application, d.Attempt)
	}
	if !maps.Equal(d.Levels, wantLevels) {
		t.Errorf("levels = %v, want %v", d.Levels, wantLevels)
	}
	if !maps.Equal(d.Feedback, wantFeedback) {
		t.Errorf("feedback = %q, want %q", d.Feedback, wantFeedback)
	}
	if app := s.quit(); app.screen != reviewScreen || app.review.handle != "EE-3MX9#1" {
		t.Errorf("after the decision the open attempt is %q, want EE-3MX9#1", app.review.handle)
	}
}

func TestScoringConfirmBlockedWithoutNotYetFeedback(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("m", "n", "m", "m"), "Outcome: resubmit")
	s.Do(keys("c"), "Can't confirm: C2 needs feedback")
	s.Press("y") // would record if a dialog had opened
	app := s.quit()
	if n := len(f.gotDecisions()); n != 0 {
		t.Errorf("Decide called %d times with feedback missing", n)
	}
	if strings.Contains(app.View(), "Record RESUBMIT") {
		t.Error("confirm dialog opened although C2 has no feedback")
	}
}

func TestScoringConfirmBlockedWhileUnscored(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 100, 30)
	s.Do(keys("m", "c"), "Can't confirm yet: score C2, C3, C4 first")
}

func TestScoringConfirmListsWarningsAndCanBeCancelled(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("m", "n", "k", "enter", "Too vague.", "esc", "j", "m", "m"), "Outcome: resubmit")
	s.Do(keys("c"), "Record RESUBMIT for DF-7KQ2#2? (y/n)", "C2: feedback is 2 words")
	s.Do(keys("n"), "Outcome: resubmit")
	if n := len(f.gotDecisions()); n != 0 {
		t.Errorf("Decide called %d times after cancelling", n)
	}
}

func TestScoringPassThenQueueEmpty(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{Credential: "eliciting-evidence"}, 100, 30)
	s.WaitAfter(0, "EE-3MX9#1")
	s.Do(keys("enter"), "Part 1: Questions")
	s.Do(keys("s"), "Outcome: incomplete (2 criteria unscored)")
	// Custom levels: 3 is the third (passing) level, `n` is off.
	s.Do(keys("3", "j", "n"), "C1  proficient")
	s.Do(keys("3"), "Outcome: pass")
	s.Do(keys("c"), "Record PASS for EE-3MX9#1? (y/n)")
	s.Do(keys("y"), "Nothing left to take for this credential") // others may wait under other credentials
	ds := f.gotDecisions()
	if len(ds) != 1 || ds[0].Outcome != "pass" || ds[0].Levels["C2"] != "proficient" {
		t.Errorf("decisions = %+v, want one pass with C2 proficient", ds)
	}
	if app := s.quit(); app.screen != queueScreen {
		t.Errorf("screen = %v, want the queue", app.screen)
	}
}

func TestScoringLevelKeysFollowRubricLevels(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "EE-3MX9#1")
	s.Do(keys("down", "enter"), "Part 1: Questions")
	s.Do(keys("s", "2", "j", "1"), "C1  developing", "C2  beginning", "Outcome: resubmit")
	s.Press("n") // not a mnemonic with three levels: must change nothing
	app := s.quit()
	got := app.review.scoring.Levels()
	want := map[string]string{"C1": "developing", "C2": "beginning"}
	if !maps.Equal(got, want) {
		t.Errorf("levels = %v, want %v", got, want)
	}
	if d, _ := f.lastSave(); !maps.Equal(d.Levels, want) {
		t.Errorf("saved draft levels = %v, want %v", d.Levels, want)
	}
}

// TestScoringKeyCounts: with each level moving on to the next unscored
// criterion, a pass takes enter, s, one key a criterion, c and y (7 keys
// for three criteria, 9 before), and a resubmit with feedback on one
// criterion needs only k and enter more besides the text (10 + text for
// three, 11 before). DF-7KQ2#2's rubric has four criteria, EE-3MX9#1's
// (opened next) two.
func TestScoringKeyCounts(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback") // the claim is a command: wait for it
	resubmit := keys("s", "m", "n", "m", "m", "k", "k", "enter", "Name one next step per sample.", "esc", "c", "y")
	s.Do(resubmit, "Recorded RESUBMIT for DF-7KQ2#2", "EE-3MX9#1 · ")
	pass := keys("s", "m", "m", "c", "y") // no enter: the decision opened the next attempt
	s.Do(pass, "Recorded PASS for EE-3MX9#1")
	s.quit()
	ds := f.gotDecisions()
	if len(ds) != 2 || ds[0].Outcome != "resubmit" || ds[0].Feedback["C2"] == "" || ds[1].Outcome != "pass" {
		t.Errorf("decisions %+v, want a resubmit with C2's feedback, then a pass", ds)
	}
}

// TestHandedOnAttemptGivenBack: the attempt a decision opens next was not
// chosen, so q before scoring anything on it gives it back (its lease
// released) instead of holding it from everyone for 30 minutes; once a
// level is scored on it, q keeps it with its draft, as for any attempt.
// One the reviewer already held (open in another of their sessions, say)
// is theirs: q keeps it.
func TestHandedOnAttemptGivenBack(t *testing.T) {
	for _, c := range []struct {
		name     string
		then     []string
		released bool
		resumed  bool
	}{
		{"unscored", nil, true, false},
		{"scored", keys("s", "m"), false, false}, // m: the top level, proficient here
		{"held already", nil, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake()
			f.resumed = c.resumed
			s := start(t, f, common.Options{}, 100, 30)
			s.WaitAfter(0, "DF-7KQ2#2")
			s.Do(keys("enter"), "Attempt 1 feedback")
			s.Do(keys("s", "m", "m", "m", "m", "c", "y"), "Recorded PASS for DF-7KQ2#2", "EE-3MX9#1 · ")
			if c.then != nil {
				s.Do(c.then, "proficient")
			}
			s.quit()
			next := review.AttemptKey{}
			for _, a := range f.attempts {
				if a.Handle() == "EE-3MX9#1" {
					next = a.Key()
				}
			}
			got := slices.Contains(f.gotReleases(), next)
			if got != c.released {
				t.Errorf("q on the handed-on attempt (%s): released %v, want %v (releases %v)", c.name, got, c.released, f.gotReleases())
			}
			if _, n := f.lastSave(); c.released && n > 0 {
				t.Errorf("an unscored handed-on attempt saved a draft")
			}
		})
	}
}

// TestScoringFullHelpListsScreenKeys: the full help while scoring lists
// the review screen's keys that work beside the panel, not only the
// panel's own.
func TestScoringFullHelpListsScreenKeys(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 160, 48)
	s.Do(keys("?"), "g/home", "G/end", "search evidence", "history")
	v := s.quit().View()
	for _, want := range []string{"pgup/pgdn evidence", "tab    switch pane", "h history", "q quit", "d      diff/full text"} {
		if !strings.Contains(v, want) {
			t.Errorf("full help lacks %q:\n%s", want, v)
		}
	}
}

// TestConfirmOneOfTwoReviews: on an attempt with two blind reviews the
// confirm dialog says the decision waits for the other review, not that
// the candidate now gets the feedback.
func TestConfirmOneOfTwoReviews(t *testing.T) {
	f := newFake()
	f.double = true
	s := openScoring(t, f, common.Options{}, 120, 40)
	s.Do(keys("m", "m", "m", "m", "c"), "Record PASS for DF-7KQ2#2", "This attempt has two blind reviews")
	if out := s.Out.String(); strings.Contains(out, "the credential is earned") {
		t.Errorf("one of two reviews promised the credential:\n%s", out)
	}
	s.Press("n")
	s.quit()
}

// TestEscFromScoringGoesBackToTheRubric: esc in the scoring panel goes
// back to the rubric, as its help says ("esc rubric"): the attempt stays
// open and claimed, with the levels set. Only an esc from the rubric
// leaves for the queue and gives the claim up.
func TestEscFromScoringGoesBackToTheRubric(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("m"), "C1  meets")
	s.Do(keys("esc"), "Rubric · ] [ criteria")
	app := s.quit()
	if app.screen != reviewScreen {
		t.Errorf("screen after esc from scoring = %v, want the review screen", app.screen)
	}
	if r := f.gotReleases(); len(r) != 0 {
		t.Errorf("esc from scoring released %v: the attempt was left", r)
	}
	if got := app.review.scoring.Levels()["C1"]; got != "meets" {
		t.Errorf("C1 = %q after esc from scoring, want meets", got)
	}
}

// TestScoringConfirmSaysWhatResubmitMeans: the confirm dialog of a
// resubmit tells the reviewer until when the candidate may submit the next
// attempt (rule 4: six months from the application's start), and once
// that has passed, that the candidate can submit none, as the candidate's
// feedback says: it never promises an attempt the window no longer allows.
func TestScoringConfirmSaysWhatResubmitMeans(t *testing.T) {
	for _, tt := range []struct {
		now  time.Time
		want []string // as the dialog wraps it
	}{
		{testNow, []string{"may submit the next attempt before 2024-08-01 09:00"}},
		{testNow.AddDate(1, 0, 0), []string{"window closed on 2024-08-01 09:00", "no further attempt can be submitted."}},
	} {
		s := openScoring(t, newFake(), common.Options{Now: func() time.Time { return tt.now }}, 200, 40)
		s.Do(keys("m", "n", "k", "enter", c2Feedback, "esc", "j", "m", "m"), "Outcome: resubmit")
		s.Do(keys("c"), append(tt.want, "Record RESUBMIT for DF-7KQ2#2? (y/n)")...)
		s.Do(keys("n"), "Outcome: resubmit")
		s.quit()
	}
}
