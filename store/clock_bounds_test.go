package store

import (
	"encoding/binary"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// The clock's bounds and what it keeps, as docs/operations.md gives them
// (clock.go), at the values between those the other clock tests use.

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

// TestClockBoundsNoticeAndCarry: docs/operations.md, "The store's clock does not go
// back by up to an hour … A step back of more than an hour is … followed
// … A store opened on a clock more than a minute behind its latest record
// says so". A store five minutes ahead says so; one 90 minutes ahead says
// it dates by the machine's clock, and does: a decision made then is
// dated by the machine's clock, not carried on from the latest record.
func TestClockBoundsNoticeAndCarry(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	latest := f.clock.Now()
	f.Close()
	f.Store = nil

	s, said := f.openNotices(latest.Add(-5 * time.Minute))
	s.Close()
	if got := strings.Join(said, "\n"); !strings.Contains(got, ", 5m0s after this machine's clock; what is recorded now is dated from then on") {
		t.Errorf("opened 5 minutes behind its latest record: said %q, want the clock's line (more than a minute)", got)
	}

	back := latest.Add(-90 * time.Minute)
	s, said = f.openNotices(back)
	defer s.Close()
	if got := strings.Join(said, "\n"); !strings.Contains(got, ", 1h30m0s after this machine's clock; what is recorded now is dated by this machine's clock, before it") {
		t.Errorf("opened 90 minutes behind: said %q, want it to follow the machine's clock (more than an hour)", got)
	}
	if _, err := s.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	d, err := s.Decide("rev-1", key("A-1", 1), allMeets, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !d.DecidedAt.Equal(back) {
		t.Errorf("after a step back of 90 minutes, decided at %s; want the machine's %s (a step back of more than an hour is followed)", d.DecidedAt, back)
	}
}

// TestClockCorrectionKept: once the store follows a corrected clock
// (a step back beyond an hour) and records something, the next open
// finds nothing ahead: the store keeps the latest time it gave even when
// that is earlier than the one it kept (recordClock), where keeping only
// later times left the year-ahead time in the store, and every command
// after said "check the clock" for a year.
func TestClockCorrectionKept(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-20T10:00:00Z"),
		submission("B-1", "descriptive-feedback", 1, "2024-02-21T10:00:00Z"))
	f.clock.Advance(365 * 24 * time.Hour) // set forward by mistake
	if _, err := f.Claim("rev-2", key("B-1", 1)); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(-365 * 24 * time.Hour) // corrected
	f.reopen()
	f.review("rev-1", key("A-1", 1), allMeets) // recorded by the corrected clock
	f.Close()
	f.Store = nil
	s, said := f.openNotices(f.clock.Now())
	s.Close()
	if len(said) != 0 {
		t.Errorf("after the correction was followed and a decision recorded, the store still says: %q", said)
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

// The clock's bounds taken at exactly their values (docs/operations.md:
// "more than a minute behind", "does not go back by up to an hour"), and
// what a store keeps before its clock has given any time.

// TestClockNoticeAtExactlyAMinute: a store opened exactly a minute behind
// its latest record says nothing: the notice is for more than a minute.
func TestClockNoticeAtExactlyAMinute(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	latest := f.clock.Now()
	f.Close()
	f.Store = nil
	s, said := f.openNotices(latest.Add(-clockNotice))
	s.Close()
	if len(said) != 0 {
		t.Errorf("opened exactly a minute behind its latest record: said %q, want nothing (the notice is for more than a minute)", said)
	}
}

// TestClockCarriedAtExactlyAnHour: a store opened exactly an hour behind
// its latest record carries its clock on (up to an hour), so its notice
// says what is recorded now is dated from then on, and a decision made
// then is dated at the latest record, not by the machine's clock.
func TestClockCarriedAtExactlyAnHour(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	latest := f.clock.Now()
	f.Close()
	f.Store = nil
	s, said := f.openNotices(latest.Add(-maxCarry))
	defer s.Close()
	if got := strings.Join(said, "\n"); !strings.Contains(got, ", 1h0m0s after this machine's clock; what is recorded now is dated from then on") {
		t.Errorf("opened exactly an hour behind: said %q, want it to carry on from the latest record (up to an hour)", got)
	}
	if _, err := s.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	d, err := s.Decide("rev-1", key("A-1", 1), allMeets, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !d.DecidedAt.Equal(latest) {
		t.Errorf("an hour behind, decided at %s; want it carried on to the latest record's %s", d.DecidedAt, latest)
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
