package store

import (
	"encoding/binary"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"assessor/review"
)

// The store's clock does not go back by up to maxCarry (clock.go): with
// the wall clock set back that far (an NTP step, a bad clock at boot),
// what the store records next is dated no earlier than what it recorded
// last, in this process or, after a restart, in an earlier one.

// historyInOrder fails unless each entry of k's history is dated no
// earlier than the one before it: the history is listed oldest first.
func (f *fixture) historyInOrder(what string, k review.AttemptKey) {
	f.t.Helper()
	h, err := f.History(k)
	if err != nil {
		f.t.Fatal(err)
	}
	for i := 1; i < len(h); i++ {
		if h[i].At.Before(h[i-1].At) {
			f.t.Errorf("%s: history entry %d (%s by %s at %s) is dated before entry %d (%s by %s at %s)",
				what, i+1, h[i].Action, h[i].By, h[i].At.Format(time.RFC3339), i, h[i-1].Action, h[i-1].By, h[i-1].At.Format(time.RFC3339))
		}
	}
}

// TestClockSetBackBetweenReviews: a second blind review, and the decision
// of record it makes, were dated before the first review; an adjudication
// before both reviews it settles.
func TestClockSetBackBetweenReviews(t *testing.T) {
	f := secondFixture(t, 2)
	agreed, disputed := key("S-1", 1), key("S-2", 1)
	f.review("rev-1", agreed, allMeets)
	f.review("rev-1", disputed, allMeets)
	f.clock.Advance(-30 * time.Minute)
	f.review("rev-2", agreed, allMeets)
	f.review("rev-2", disputed, oneNotYet)
	f.clock.Advance(-30 * time.Minute)
	if _, err := f.Adjudicate("lead-1", disputed, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	for _, k := range []review.AttemptKey{agreed, disputed} {
		f.historyInOrder("reviews with the clock set back", k)
		d, _, err := f.Decision(k)
		if err != nil {
			t.Fatal(err)
		}
		if h, _ := f.History(k); d.DecidedAt.Before(h[len(h)-1].At) {
			t.Errorf("%s: decided at %s, before the last review (%s)", k, d.DecidedAt, h[len(h)-1].At)
		}
	}
	f.mustCheck()
}

// TestClockSetBackBetweenFlagActions: a lead's second action on a flag
// was listed before the first ("oldest first").
func TestClockSetBackBetweenFlagActions(t *testing.T) {
	f, _ := flaggedAttempt(t)
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	k := key("A-1", 1)
	if _, err := f.WorkFlag("lead", k, 1, nil, review.FlagRedact, "another teacher's address"); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(-30 * time.Minute)
	rep, err := f.WorkFlag("lead", k, 1, nil, review.FlagClear, "the school's switchboard")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rep.Actions); n < 2 || rep.Actions[n-1].At.Before(rep.Actions[n-2].At) {
		t.Errorf("flag actions %+v: want the second dated no earlier than the first", rep.Actions)
	}
}

// TestClockSetBackAcrossARestart: the audit log ("oldest first") listed a
// reviewer re-added two hours before the removal it follows, run as two
// commands, two processes, with the clock set back between them; a
// snippet saved last was listed below the older ones (newest first).
func TestClockSetBackAcrossARestart(t *testing.T) {
	f := snippetFixture(t)
	if _, err := f.ChangeReviewer("", "admin", func(r *review.Reviewer, _ bool, _ []review.Reviewer) error { r.Role = review.RoleAdmin; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	add := func(id string) {
		if _, err := f.ChangeReviewer("admin", id, func(*review.Reviewer, bool, []review.Reviewer) error { return nil }, nil); err != nil {
			t.Fatal(err)
		}
	}
	add("rev-1")
	if _, err := f.RemoveReviewer("admin", "rev-1", "left the program"); err != nil {
		t.Fatal(err)
	}
	f.save("rev-a", "rev-a", "first")
	f.clock.Advance(-30 * time.Minute)
	f.reopen()
	add("rev-1")
	f.save("rev-a", "rev-a", "saved last")
	recs, err := f.Audit()
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(recs); i++ {
		if recs[i].At.Before(recs[i-1].At) {
			t.Errorf("audit record %d (%s %s at %s) is dated before record %d (%s at %s)", i+1, recs[i].Action, recs[i].Subject, recs[i].At.Format(time.RFC3339),
				i, recs[i-1].Action, recs[i-1].At.Format(time.RFC3339))
		}
	}
	sns, err := f.Snippets("rev-a", "descriptive-feedback", "C2")
	if err != nil {
		t.Fatal(err)
	}
	if got := snippetTexts(sns); len(got) != 2 || got[0] != "saved last" {
		t.Errorf("rev-a's snippets %q: want the one saved last first", got)
	}
}

// TestClockSetBackMidReview: the clock steps back 50 minutes a minute into a
// review; the reviewer works twenty minutes more, saving a draft each
// minute, and decides. Every save after the step was dated before the one
// noted last, so none counted, and the review was listed under the floor
// as a rushed decision: time goes on by the monotonic clock, which no step
// moves.
func TestClockSetBackMidReview(t *testing.T) {
	f := newFixture(t)
	var mono atomic.Int64 // the monotonic clock: the fake's steps forward only
	f.clk.mono = func() time.Duration { return time.Duration(mono.Load()) }
	tick := func(d time.Duration) {
		f.clock.Advance(d)
		if d > 0 {
			mono.Add(int64(d))
		}
	}
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	k := key("A-1", 1)
	if _, err := f.Claim("rev-1", k); err != nil {
		t.Fatal(err)
	}
	draft := review.Draft{Levels: map[string]string{"C1": "meets"}, Session: "one session"}
	tick(time.Minute)
	if err := f.SaveDraft("rev-1", k, draft); err != nil {
		t.Fatal(err)
	}
	tick(-50 * time.Minute)
	for range 20 {
		tick(time.Minute)
		if err := f.SaveDraft("rev-1", k, draft); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.Decide("rev-1", k, allMeets, nil); err != nil {
		t.Fatal(err)
	}
	c, err := f.Consistency(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.UnderFloor) != 0 {
		t.Errorf("a review worked for 21 minutes is listed under the floor: %+v", c.UnderFloor)
	}
	if d, _, _ := f.Decision(k); d.DecidedAt.Before(t0.Add(21 * time.Minute)) {
		t.Errorf("decided at %s, want 21 minutes after the claim at %s", d.DecidedAt, t0)
	}
}

// TestClockAheadSaysSoAtOpen: a store opened on a clock more than a minute
// behind its latest record says so in one line, naming the record's time,
// the gap, and how what it records now is dated: from then on, or, more
// than maxCarry behind, by the machine's clock.
func TestClockAheadSaysSoAtOpen(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	latest := f.clock.Now()
	f.Close()
	for back, want := range map[time.Duration]string{
		30 * time.Second: "",
		30 * time.Minute: "store " + f.path + ": its latest record is dated " + latest.Format(time.RFC3339) + ", 30m0s after this machine's clock; what is recorded now is dated from then on: check the clock",
		3 * time.Hour:    "store " + f.path + ": its latest record is dated " + latest.Format(time.RFC3339) + ", 3h0m0s after this machine's clock; what is recorded now is dated by this machine's clock, before it: check the clock",
	} {
		var said []string
		opt := f.options()
		opt.Now = func() time.Time { return latest.Add(-back) }
		opt.Notify = func(line string) { said = append(said, line) }
		s, err := Open(f.path, opt)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got := strings.Join(said, "\n"); got != want {
			t.Errorf("opened %s behind: said %q, want %q", back, got, want)
		}
	}
}

// TestClockAheadCorrected: the machine's clock set a year forward by
// mistake, a claim recorded then, and the clock corrected: the store
// follows the correction (a step back beyond maxCarry), where carried on
// it dated every decision a year ahead, so the candidate's resubmission an
// hour after it was refused as made before the decision, and a submission
// mistyped a year ahead was taken, checked against the store's clock and
// not the machine's (docs/formats.md).
func TestClockAheadCorrected(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-20T10:00:00Z"),
		submission("B-1", "descriptive-feedback", 1, "2024-02-21T10:00:00Z"))
	f.clock.Advance(365 * 24 * time.Hour) // set forward by mistake
	if _, err := f.Claim("rev-2", key("B-1", 1)); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(-365 * 24 * time.Hour) // corrected
	f.reopen()                             // a later command, or serve restarted
	if d := f.review("rev-1", key("A-1", 1), oneNotYet); !d.DecidedAt.Equal(t0) {
		t.Errorf("decided at %s on a machine clock of %s", d.DecidedAt, t0)
	}
	f.clock.Advance(2 * time.Hour)
	resub := submission("A-1", "descriptive-feedback", 2, t0.Add(time.Hour).Format(time.RFC3339))
	if _, err := f.Import("resubmission.jsonl", records(t, resub)); err != nil {
		t.Errorf("a resubmission an hour after its decision: %v", err)
	}
	f.Close()
	f.Store = nil
	// What was recorded by the corrected clock is kept as the store's
	// latest time, though earlier than the one it kept: kept only when
	// later, the year-ahead time stayed, and every open said "check the
	// clock" for a year.
	s, said := f.openNotices(f.clock.Now())
	s.Close()
	if len(said) != 0 {
		t.Errorf("after the correction was followed and a decision recorded, the store still says: %q", said)
	}
	opt := f.options()
	opt.AllowFutureImports = false // as the assessor command opens it
	s, err := Open(f.path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	typo := t0.AddDate(1, 0, -1).Format(time.RFC3339) // "2025" for "2024"
	if _, err := s.Import("x.jsonl", records(t, submission("C-1", "descriptive-feedback", 1, typo))); err == nil {
		t.Errorf("a submission dated %s, a year past this machine's clock, was imported", typo)
	}
}

// openNotices opens the fixture's file with the machine's clock at now
// and returns what the open said.
func (f *fixture) openNotices(now time.Time) (*Store, []string) {
	f.t.Helper()
	var said []string
	opt := f.options()
	opt.Now = func() time.Time { return now }
	opt.Notify = func(line string) { said = append(said, line) }
	s, err := Open(f.path, opt)
	if err != nil {
		f.t.Fatal(err)
	}
	return s, said
}

// TestClockStepsBack: docs/operations.md, "The store's clock does not go
// back by up to an hour … A step back of more than an hour is … followed
// … A store opened on a clock more than a minute behind its latest record
// says so". A store opened a step behind its latest record says so past a
// minute, and dates what it records next at that record up to an hour
// behind, by the machine's clock past it; each at the bounds themselves.
func TestClockStepsBack(t *testing.T) {
	const carried, followed = "dated from then on", "dated by this machine's clock, before it"
	for _, c := range []struct {
		back   time.Duration
		notice string // "" for none
	}{
		{clockNotice, ""},
		{5 * time.Minute, ", 5m0s after this machine's clock; what is recorded now is " + carried},
		{maxCarry, ", 1h0m0s after this machine's clock; what is recorded now is " + carried},
		{90 * time.Minute, ", 1h30m0s after this machine's clock; what is recorded now is " + followed},
	} {
		f := newFixture(t)
		f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
		if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
			t.Fatal(err)
		}
		latest := f.clock.Now()
		f.Close()
		f.Store = nil
		s, said := f.openNotices(latest.Add(-c.back))
		if got := strings.Join(said, "\n"); c.notice == "" && got != "" || !strings.Contains(got, c.notice) {
			t.Errorf("opened %v behind its latest record: said %q, want %q", c.back, got, c.notice)
		}
		if _, err := s.Claim("rev-1", key("A-1", 1)); err != nil {
			t.Fatal(err)
		}
		d, err := s.Decide("rev-1", key("A-1", 1), allMeets, nil)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		want := latest // carried on (a test's clock has no monotonic reading to go on by)
		if c.back > maxCarry {
			want = latest.Add(-c.back)
		}
		if !d.DecidedAt.Equal(want) {
			t.Errorf("%v behind, decided at %s; want %s", c.back, d.DecidedAt, want)
		}
	}
}

// TestImportChecksTheMachineClock: docs/operations.md, "Imports check
// their times against the machine's clock (docs/formats.md)": with the
// store's clock carried on 50 minutes past a machine clock set back, a
// submission dated a week and 20 minutes past the machine's clock is
// refused, not measured from the store's clock.
func TestImportChecksTheMachineClock(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	f.Store = nil
	machine := f.clock.Now().Add(-50 * time.Minute) // set back, carried on
	opt := f.options()
	opt.Now = func() time.Time { return machine }
	opt.AllowFutureImports = false
	s, err := Open(f.path, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	late := machine.Add(review.FutureSlack + 20*time.Minute).Format(time.RFC3339)
	if _, err := s.Import("x.jsonl", records(t, submission("B-1", "descriptive-feedback", 1, late))); err == nil {
		t.Errorf("a submission dated %s, more than a week past this machine's clock (%s), was imported", late, machine.Format(time.RFC3339))
	}
}

// TestNewStoreKeepsNoClockBeforeIt: a store just laid out, its clock not
// read yet, keeps no latest time dated before it was made (the zero
// time's nanoseconds read as 1754).
func TestNewStoreKeepsNoClockBeforeIt(t *testing.T) {
	clock := &fakeClock{t: t0}
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := Open(path, Options{Timeout: 100 * time.Millisecond, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.view(func(tx *txn) error {
		if meta := tx.bucket(bucketMeta); meta != nil {
			if v := meta.Get([]byte(keyClock)); v != nil {
				at := time.Unix(0, int64(binary.BigEndian.Uint64(v))).UTC()
				if len(v) != 8 || at.Before(t0) {
					t.Errorf("a new store keeps its latest time as %s (%x), before it was made at %s", at, v, t0)
				}
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
