package reviewer

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

func TestDraftDebounceSavesTypedText(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{DraftDelay: 100 * time.Millisecond}, 100, 30)
	s.Press("j", "n", "k", "enter") // n moves on to C3: back to C2
	// Type at a steady 30ms a key, well inside the 100ms delay: a debounced
	// save waits for the pause at the end, where saving on every tick would
	// store a draft every few keys. The sleep paces the typing; it waits for
	// nothing, so there is no condition to poll for instead.
	const typed = "Name the step"
	m := s.Mark()
	// A pause past the delay (a stall under the race detector on a busy
	// machine) is a pause in typing, and may be saved at.
	stalls, last := 0, time.Now()
	for _, r := range typed {
		s.Press(string(r))
		time.Sleep(30 * time.Millisecond)
		if now := time.Now(); now.Sub(last) >= 100*time.Millisecond {
			stalls++
		}
		last = time.Now()
	}
	s.WaitAfter(m, "draft saved 12:00:00")
	waitFor(t, "the draft with the typed text", func() bool {
		d, _ := f.lastSave()
		return d.Feedback["C2"] == typed && d.Levels["C2"] == "not-yet"
	})
	if _, n := f.lastSave(); n > 2+stalls {
		t.Errorf("%d saves while typing %d keys without a pause: not debounced", n, len(typed))
	}
	if d, _ := f.lastSave(); !d.SavedAt.Equal(testNow) {
		t.Errorf("draft SavedAt = %v, want the clock's %v", d.SavedAt, testNow)
	}
}

// TestEscDraftTickSavesNothing: esc saves the draft, then releases the
// claim. A debounce tick that comes meanwhile must not save it once more:
// the store's SaveDraft takes the claim, so a save landing after the
// release would leave the reviewer on the queue still holding the attempt.
func TestEscDraftTickSavesNothing(t *testing.T) {
	f := newFake()
	f.releasing = make(chan struct{})
	s := openScoring(t, f, common.Options{DraftDelay: 20 * time.Millisecond}, 100, 30)
	s.Do(keys("m"), "C1  meets") // an edit: its save is 20 ms away
	s.Do(keys("esc", "esc"), "Saving draft and returning to the queue")
	// The tick comes while the release waits; the sleep gives it the time
	// (a stall only makes the test weaker, never fail; a slow machine may
	// save at the tick before esc, which is no save after the release).
	time.Sleep(200 * time.Millisecond)
	close(f.releasing)
	waitFor(t, "the release", func() bool { return len(f.gotReleases()) == 1 })
	s.WaitAfter(0, "pending")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.savesAfterRelease != 0 {
		t.Errorf("%d draft saves after the release began, want none", f.savesAfterRelease)
	}
}

// TestQuitWaitsForTimedSave: q pressed while a timed save of an earlier
// copy is still on its way saves the newer copy only after that save is
// answered, so the older never lands over it; esc likewise releases the
// claim only after it, so the timed save does not take the claim back.
func TestQuitWaitsForTimedSave(t *testing.T) {
	for _, leave := range []string{"q", "esc"} {
		t.Run(leave, func(t *testing.T) {
			f := newFake()
			hold := make(chan struct{})
			f.holdSave, f.saveHeld = hold, make(chan struct{})
			s := openScoring(t, f, common.Options{DraftDelay: 10 * time.Millisecond}, 100, 30)
			s.Do(keys("m"), "C1  meets")
			uitest.Receive(t, "the timed save of C1 alone", f.saveHeld)
			s.Do(keys("m"), "C2  meets")
			if leave == "esc" {
				s.Press("esc", "esc")
			} else {
				s.Press(leave)
			}
			time.Sleep(50 * time.Millisecond) // what q or esc would do meanwhile, it does now
			close(hold)
			if leave == "q" {
				s.TM.WaitFinished(t)
			} else {
				waitFor(t, "the release", func() bool { return len(f.gotReleases()) == 1 })
			}
			waitFor(t, "both saves", func() bool { _, n := f.lastSave(); return n == 2 })
			f.mu.Lock()
			defer f.mu.Unlock()
			if d := f.drafts[f.attempts[0].Key()]; d.Levels["C2"] != "meets" {
				t.Errorf("stored draft %+v: the timed save's older copy landed over the newer", d.Levels)
			}
			if f.savesAfterRelease != 0 {
				t.Errorf("%d saves after the release began: the claim was taken back", f.savesAfterRelease)
			}
		})
	}
}

func TestDraftNotSavedBeforeDelay(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{DraftDelay: time.Hour}, 100, 30)
	s.Do(keys("m"), "C1  meets")
	holdsFor(t, "no save before the debounce delay", 100*time.Millisecond, func() bool {
		_, n := f.lastSave()
		return n == 0
	})
}

func TestQuitSavesDraftFirst(t *testing.T) {
	for _, tc := range []struct {
		name string
		quit []string
	}{
		// Inside the textarea a q is a letter ("quick") and ctrl+c quits.
		{"ctrl+c inside textarea", keys("ctrl+c")},
		// Outside it, q quits.
		{"q outside textarea", keys("esc", "q")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake()
			s := openScoring(t, f, common.Options{}, 100, 30)
			s.Do(keys("j", "n", "k", "enter", "quick fix needed"), "quick fix needed")
			s.Press(tc.quit...)
			s.TM.WaitFinished(t)
			d, n := f.lastSave()
			if n != 1 || d.Feedback["C2"] != "quick fix needed" || d.Levels["C2"] != "not-yet" {
				t.Errorf("saved %d drafts, last %+v; want the typed feedback saved once before quitting", n, d)
			}
		})
	}
}

func TestQuitWithoutEditsDoesNotWriteADraft(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Press("q")
	s.TM.WaitFinished(t)
	if _, n := f.lastSave(); n != 0 {
		t.Errorf("%d drafts saved with nothing typed", n)
	}
}

func TestQuitKeepsRunningWhenDraftSaveFails(t *testing.T) {
	f := newFake()
	f.saveErr = errors.New("disk full")
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("m"), "C1  meets")
	s.Do(keys("q"), "Draft NOT saved (disk full)")
	// The second ctrl+c is the reviewer's informed choice.
	s.Press("ctrl+c")
	app := s.final()
	if !strings.Contains(app.View(), "C1  meets") {
		t.Error("scoring lost from the screen")
	}
}

// TestSaveAndQuitMsgSavesDraftFirst is what a server sends when a session
// ends from outside: it saves the draft as ctrl+c does, even from inside
// the textarea.
func TestSaveAndQuitMsgSavesDraftFirst(t *testing.T) {
	f := newFake()
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("j", "n", "k", "enter", "quick fix needed"), "quick fix needed")
	s.TM.Send(common.SaveAndQuitMsg{})
	s.TM.WaitFinished(t)
	if d, n := f.lastSave(); n != 1 || d.Feedback["C2"] != "quick fix needed" {
		t.Errorf("saved %d drafts, last %+v; want the typed feedback saved once before quitting", n, d)
	}
}

// TestDraftDebounceOneTickPerPause: a burst of edits starts one tick, not
// one per key (each tick wakes the program and redraws the screen), and
// that tick waits on until the last edit is DraftDelay old.
func TestDraftDebounceOneTickPerPause(t *testing.T) {
	const delay = 100 * time.Millisecond
	t0 := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	var d debounce
	started := 0
	for i := range 13 { // a key every 30 ms
		if d.edit(t0.Add(time.Duration(i) * 30 * time.Millisecond)) {
			started++
		}
	}
	if started != 1 {
		t.Fatalf("13 edits started %d ticks, want 1", started)
	}
	last := t0.Add(12 * 30 * time.Millisecond)
	if wait := d.fire(t0.Add(delay), delay); wait != last.Add(delay).Sub(t0.Add(delay)) {
		t.Errorf("tick at +100ms waits %v more, want until 100ms after the last edit (%v)", wait, last.Add(delay).Sub(t0.Add(delay)))
	}
	if !d.pending {
		t.Error("the tick that waits on is not pending")
	}
	if d.edit(last.Add(10 * time.Millisecond)) {
		t.Error("an edit while the tick waits on started a second tick")
	}
	if wait := d.fire(last.Add(10*time.Millisecond+delay), delay); wait != 0 {
		t.Errorf("tick a full delay after the last edit waits %v more, want 0 (save)", wait)
	}
	if d.pending {
		t.Error("no tick is on its way after the save, yet one is pending")
	}
	if !d.edit(last.Add(time.Second)) {
		t.Error("the next edit after a save started no tick")
	}
}

// TestQuitFromReviewAfterQueueLoadError: a queue that did not load is the
// program's exit error when the reviewer quits looking at it, not after
// they opened an attempt (n claims without the list) and worked on it.
func TestQuitFromReviewAfterQueueLoadError(t *testing.T) {
	f := newFake()
	f.queueErr = errors.New("damaged")
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "The queue did not load")
	s.Do(keys("n"), "Evidence")
	s.Press("ctrl+c")
	s.TM.WaitFinished(t)
	if err := s.final().LoadErr(); err != nil {
		t.Errorf("quit from the review screen: exit error %v", err)
	}
}

// TestDraftSetAside: when another reviewer holds the attempt now (a lead
// released this reviewer's claim and it was taken), the store keeps the
// draft without the attempt (review.ErrDraftAside). The screen says so, the
// scoring stays in view, one esc goes back to the queue, from the scoring
// panel too, instead of retrying for ever, and q quits.
func TestDraftSetAside(t *testing.T) {
	aside := fmt.Errorf("DF-7KQ2#2: %w", review.ErrDraftAside)

	f := newFake()
	s := openScoring(t, f, common.Options{DraftDelay: time.Millisecond}, 120, 30)
	f.mu.Lock()
	f.saveErr = aside
	f.mu.Unlock()
	s.Do(keys("m"), "another reviewer holds DF-7KQ2#2 now", "esc back out to the queue")
	// What was scored stays in view, as the keys still shown under it act
	// on it; it is kept as a draft.
	s.Do(keys("m"), "C2  meets", "C3 feedback: none yet")
	s.Do(keys("esc"), "Draft kept, but another reviewer holds DF-7KQ2#2 now", "Attempt ")
	if app := s.quit(); app.screen != queueScreen {
		t.Errorf("esc left the review screen open")
	}

	// Found by a decision instead of a save: the same, one esc away.
	f = newFake()
	s = openScoring(t, f, common.Options{DraftDelay: time.Hour}, 120, 30)
	f.mu.Lock()
	f.decideErr = fmt.Errorf("DF-7KQ2#2: %w", review.ErrClaimed)
	f.mu.Unlock()
	s.Do(keys("m", "m", "m", "m", "c", "y"), "another reviewer holds DF-7KQ2#2 now", "esc back out to the queue")
	s.Do(keys("esc"), "Attempt ")
	if app := s.quit(); app.screen != queueScreen {
		t.Errorf("esc after a decision found the attempt taken left the review screen open")
	}

	f = newFake()
	s = openScoring(t, f, common.Options{DraftDelay: time.Hour}, 120, 30)
	f.mu.Lock()
	f.saveErr = aside
	f.mu.Unlock()
	s.Do(keys("m"), "C1  meets")
	s.Press("ctrl+c")
	if app := s.final(); strings.Contains(app.View(), "NOT saved") { // quits: the draft is kept
		t.Errorf("ctrl+c with the draft set aside: %s", app.review.status)
	}
}

// TestStaleDraftStaysOnScreenAndEscLeaves: a save refused because another
// session saved the draft since this one read it says so and how to get
// that draft; what is on screen stays, nothing more is saved, and esc
// leaves at once (from the scoring panel too) without saving or giving
// up the claim, which the other session may be working under.
func TestStaleDraftStaysOnScreenAndEscLeaves(t *testing.T) {
	f := newFake()
	f.saveErr = fmt.Errorf("your draft of DF-7KQ2#2 was %w", review.ErrDraftChanged)
	s := openScoring(t, f, common.Options{DraftDelay: 10 * time.Millisecond}, 100, 30)
	s.Do(keys("m"), "Not saved: draft changed in another session; esc and reopen for the stored one")
	f.mu.Lock()
	tries := f.saveTries
	f.mu.Unlock()
	s.Do(keys("m"), "C2  meets")
	holdsFor(t, "no save of the stale copy", 100*time.Millisecond, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.saveTries == tries
	})
	s.Do(keys("esc"), "Left DF-7KQ2#2 unsaved: reopen it for the draft saved in the other session")
	if r := f.gotReleases(); len(r) != 0 {
		t.Errorf("released %v, want the claim kept", r)
	}
}

// TestDraftSavesCarryTheOpeningsSession: every save of one opening names
// the same session and the revision it read, so the store never takes one
// of its saves for another session's (review.Draft.Over); the next
// opening is another session.
func TestDraftSavesCarryTheOpeningsSession(t *testing.T) {
	f := newFake()
	k := testAttempts()[0].Key()
	f.drafts[k] = review.Draft{Feedback: map[string]string{review.OverallKey: "Begun earlier."}, Revision: 7, Session: "earlier"}
	s := openScoring(t, f, common.Options{DraftDelay: 10 * time.Millisecond}, 100, 30)
	s.Do(keys("m"), "draft saved")
	first, _ := f.lastSave()
	s.Do(keys("m"), "C2  meets")
	waitFor(t, "the second save", func() bool { _, n := f.lastSave(); return n == 2 })
	second, _ := f.lastSave()
	if first.Session == "" || first.Session == "earlier" || second.Session != first.Session || first.Revision != 7 || second.Revision != 7 {
		t.Fatalf("saves carry %q/%d and %q/%d; want this opening's session, both at revision 7", first.Session, first.Revision, second.Session, second.Revision)
	}
	s.Do(keys("esc", "esc"), "pending")
	s.Do(keys("enter"), "Draft restored")
	s.Do(keys("s"), "Scoring DF-7KQ2#2")
	s.Do(keys("n"), "C1  not-yet")
	waitFor(t, "the reopened attempt's save", func() bool { _, n := f.lastSave(); return n == 3 })
	if third, _ := f.lastSave(); third.Session == first.Session || third.Session == "" {
		t.Errorf("a new opening saves as the last one's session %q", third.Session)
	}
}

// TestStaleDecisionRefusedEscLeaves: a decision refused because another
// session saved the draft since this copy was read came from the copy
// the opening read (its revision, its session); the screen says so and
// how to get the stored draft, and esc leaves without saving or giving
// up the claim.
func TestStaleDecisionRefusedEscLeaves(t *testing.T) {
	f := newFake()
	k := testAttempts()[0].Key()
	f.drafts[k] = review.Draft{Feedback: map[string]string{review.OverallKey: "Begun earlier."}, Revision: 3, Session: "earlier"}
	f.decideErr = fmt.Errorf("your draft of DF-7KQ2#2 was %w", review.ErrDraftChanged)
	s := openScoring(t, f, common.Options{}, 100, 30)
	s.Do(keys("m", "m", "m", "m"), "Outcome: pass")
	s.Do(keys("c"), "(y/n)")
	s.Do(keys("y"), "Not recorded: draft changed in another session; esc and reopen for the stored one")
	f.mu.Lock()
	from := f.decideFrom
	f.mu.Unlock()
	if len(from) != 1 || from[0].Revision != 3 || from[0].Session == "" || from[0].Session == "earlier" || from[0].Levels["C4"] != "meets" {
		t.Errorf("decided from %+v, want this opening's copy of revision 3", from)
	}
	f.mu.Lock()
	f.saveErr = f.decideErr // as the store refuses the stale copy, which esc offers it
	f.mu.Unlock()
	s.Do(keys("esc"), "Left DF-7KQ2#2 unsaved")
	if r := f.gotReleases(); len(r) != 0 {
		t.Errorf("released %v, want the claim kept", r)
	}
	if _, n := f.lastSave(); n != 0 {
		t.Errorf("%d saves of the stale copy", n)
	}
}

// TestKeptAsideSaysWhy: a save kept without the attempt says whether
// another reviewer holds it or it waits for a lead to work its flags
// (require-worked), which no keystroke of the reviewer's changes.
func TestKeptAsideSaysWhy(t *testing.T) {
	claimed := fmt.Errorf("DF-1#1: %w", review.ErrDraftAside)
	flagged := fmt.Errorf("DF-1#1: %w; %w", review.ErrFlagsOpen, review.ErrDraftAside)
	if got := keptAside("DF-1#1", claimed); !strings.Contains(got, "another reviewer holds DF-1#1") {
		t.Errorf("claimed: %q", got)
	}
	if got := keptAside("DF-1#1", flagged); !strings.Contains(got, "waits for a lead to work its possible identifying details") {
		t.Errorf("flags open: %q", got)
	}
}

// TestDraftSavedDuringSteadyTyping: a reviewer who types steadily, a key
// every 3/4 of DraftDelay, never pauses long enough for the debounce;
// the draft is still saved every maxWaits delays while they type, so a
// crash of serve loses seconds of their text, not everything since their
// last pause (rule 6: drafts survive a crash).
func TestDraftSavedDuringSteadyTyping(t *testing.T) {
	const delay, gap, keys = 100 * time.Millisecond, 75 * time.Millisecond, 40
	t0 := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	var d debounce
	var saves []time.Duration
	tick := time.Duration(-1) // when the tick on its way fires, from t0
	for i := 0; i <= keys; i++ {
		at := time.Duration(i) * gap
		for tick >= 0 && tick <= at {
			if wait := d.fire(t0.Add(tick), delay); wait > 0 {
				tick += wait
			} else {
				saves, tick = append(saves, tick), -1
			}
		}
		if i < keys && d.edit(t0.Add(at)) {
			tick = at + delay
		}
	}
	// 1 s after the first key; then 1 s after the first key after that save.
	want := []time.Duration{time.Second, 2050 * time.Millisecond}
	if !slices.Equal(saves, want) {
		t.Errorf("typing a key every %v for %v saved the draft at %v; want every %v of typing, %v", gap, keys*gap, saves, maxWaits*delay, want)
	}
}
