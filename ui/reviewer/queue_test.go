package reviewer

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest"

	"assessor/ui/common"
)

func TestQueueGolden(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	teatest.RequireEqualOutput(t, []byte(s.quit().View()))
}

func TestQueueListsOldestFirstWithoutApplicationIDs(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	view := s.quit().View()

	// Handles oldest first, each with its days waiting at the fixed clock.
	rows := []string{"DF-7KQ2#2", "EE-3MX9#1", "DF-9ZT4#1", "DF-B2C8#1"}
	days := []string{"14.5", "10.0", "7.5", "5.5"}
	last := -1
	for i, h := range rows {
		at := strings.Index(view, h)
		if at <= last {
			t.Fatalf("%s missing or out of order in:\n%s", h, view)
		}
		last = at
		line := view[at:]
		line = line[:strings.IndexByte(line, '\n')]
		if !strings.Contains(line, days[i]) {
			t.Errorf("row %s: want %s days waiting, got %q", h, days[i], line)
		}
	}
	for _, want := range []string{"rev-1", "4 pending", "filter: all credentials", "⚑ 2", "in review",
		"Descriptive Feedback of Student Learning", "Eliciting Evidence of Learning"} {
		if !strings.Contains(view, want) {
			t.Errorf("queue lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "secret-app") {
		t.Errorf("queue shows an internal application id:\n%s", view)
	}
}

// TestQueueFilterCycles: f steps through the credentials and back to all
// of them; F steps the other way.
func TestQueueFilterCycles(t *testing.T) {
	df := []string{"filter: Descriptive Feedback of Student Learning", "3 pending"}
	ee := []string{"filter: Eliciting Evidence of Learning", "1 pending"}
	all := []string{"filter: all credentials", "4 pending"}
	for _, c := range []struct {
		key   string
		shows [][]string
		want  []string
	}{
		{"f", [][]string{df, ee, all}, []string{"", "descriptive-feedback", "eliciting-evidence", ""}},
		{"F", [][]string{ee, df, all}, []string{"", "eliciting-evidence", "descriptive-feedback", ""}},
	} {
		f := newFake()
		s := start(t, f, common.Options{}, 100, 30)
		s.WaitAfter(0, "DF-B2C8#1")
		for _, shows := range c.shows {
			s.Do(keys(c.key), shows...)
		}
		s.quit()
		if got := f.gotQueueCalls(); !slices.Equal(got, c.want) {
			t.Errorf("%s: Queue called with filters %q, want %q", c.key, got, c.want)
		}
	}
}

// TestQueueFilterStartsAtTheOldest: another filter is another list, and
// its selection starts at its oldest row, wherever it was in the last one.
func TestQueueFilterStartsAtTheOldest(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("G"), "▸  DF-B2C8#1")
	s.Do(keys("f"), "filter: Descriptive Feedback of Student Learning", "3 pending")
	view := s.quit().View()
	if !strings.Contains(view, "▸  DF-7KQ2#2") || !strings.Contains(view, "3 pending") {
		t.Errorf("after f the selection is not on the oldest of the new list:\n%s", view)
	}
}

// TestQueueFindCredential: / opens the credential finder; typing narrows
// it by title or id in any case, enter filters the queue by the selected
// credential, and "All credentials" (the first row) clears the filter.
// esc keeps the filter, and text that matches nothing says so and enter
// does nothing. Letters typed are text, not the queue's keys (q, r, n).
func TestQueueFindCredential(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("/"), "credential:", "All credentials", "2 of 2 credentials")
	s.Do(keys("EVID"), "Eliciting Evidence of Learning", "eliciting-evidence", "1 of 2 credentials")
	s.Do(keys("enter"), "filter: Eliciting Evidence of Learning", "1 pending")
	s.Do(keys("/", "qrn"), "No credential's title or id holds that.")
	s.Press("enter")
	s.Do(keys("esc"), "EE-3MX9#1", "enter claim & open")
	s.Do(keys("/"), "▸ Eliciting Evidence of Learning") // the current filter selected
	s.Do(keys("up", "up", "enter"), "DF-7KQ2#2")
	if view := s.quit().View(); !strings.Contains(view, "filter: all credentials") || !strings.Contains(view, "4 pending") {
		t.Errorf("All credentials did not clear the filter:\n%s", view)
	}
	if got, want := f.gotQueueCalls(), []string{"", "eliciting-evidence", ""}; !slices.Equal(got, want) {
		t.Errorf("Queue called with filters %q, want %q", got, want)
	}
}

// TestQueueEmptyUnderAFilter: n with nothing left under the filter says
// so, not that the whole queue is empty.
func TestQueueEmptyUnderAFilter(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("F"), "filter: Eliciting Evidence of Learning")
	f.mu.Lock()
	for _, a := range f.attempts {
		f.decided[a.Key()] = true
	}
	f.mu.Unlock()
	s.Do(keys("n"), "Nothing left to take for this credential: f or F changes the filter")
}

// TestQueueHeaderKeepsTheCount: on a narrow screen a long credential
// title in the filter is cut, not the reviewer and the pending count.
func TestQueueHeaderKeepsTheCount(t *testing.T) {
	s := start(t, newFake(), common.Options{Credential: "descriptive-feedback"}, 64, 20)
	s.WaitAfter(0, "DF-7KQ2#2")
	header := strings.SplitN(ansi.Strip(s.quit().View()), "\n", 2)[0]
	if !strings.Contains(header, "reviewer rev-1 · 3 pending") || !strings.Contains(header, "filter: Descr") || !strings.HasSuffix(strings.TrimRight(header, " "), "…") {
		t.Errorf("header at 64 columns: %q", header)
	}
}

func TestQueueInitialFilterFromOptions(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{Credential: "eliciting-evidence"}, 100, 30)
	s.WaitAfter(0, "EE-3MX9#1", "1 pending")
	view := s.quit().View()
	if strings.Contains(view, "DF-7KQ2") {
		t.Errorf("filtered queue shows another credential:\n%s", view)
	}
}

func TestQueueClaimedByOtherShowsMessage(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("down", "down", "enter"), "DF-9ZT4#1 is being reviewed by someone else")
	// The reload runs as a command after the message is drawn: give it a moment.
	for end := time.Now().Add(2 * time.Second); len(f.gotQueueCalls()) < 2 && time.Now().Before(end); {
		time.Sleep(5 * time.Millisecond)
	}
	if n := len(f.gotQueueCalls()); n < 2 {
		t.Errorf("queue not reloaded after ErrClaimed (%d Queue calls)", n)
	}
	if app := s.quit(); app.screen != queueScreen {
		t.Errorf("screen = %v, want the queue", app.screen)
	}
}

func TestQueueNextOpensOldestAvailable(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 60)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("n"), "DF-7KQ2#2 · Descriptive Feedback of Student Learning")
}

func TestQueueEmptyIsFriendly(t *testing.T) {
	f := newFake()
	f.attempts = nil
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "Nothing is waiting for review right now")
	s.Do(keys("n"), "Nothing left for you to take — nice work")
}

func TestQueueHelpToggles(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	before := s.Out.String()
	if strings.Contains(before, "reload") {
		t.Fatal("short help already lists reload; the test would prove nothing")
	}
	s.Do(keys("?"), "reload", "oldest", "claim & open")
	s.Do(keys("?"), "filter credential")
	if strings.Contains(s.quit().View(), "reload") {
		t.Error("second ? did not go back to short help")
	}
}

// TestCalibrationQueueEmptyAndLegend: with no example to score the
// calibration queue says where examples come from, not that nothing waits
// for review, and its legend explains neither days waiting nor claims,
// which do not apply to it; its keys open examples, never claim them.
func TestCalibrationQueueEmptyAndLegend(t *testing.T) {
	f := newFake()
	f.attempts = nil
	s := start(t, f, common.Options{Mode: common.ModeCalibration}, 80, 30)
	s.WaitAfter(0, "No calibration examples left for you to score (none added, or you scored", "calibration add HANDLE")
	// The screen runs locally and over ssh alike: it names no one way.
	if strings.Contains(s.Out.String(), "assessor calibration add") {
		t.Errorf("the empty calibration queue names the local command:\n%s", s.Out.String())
	}
	// Under a filter, it is that credential that has none for them.
	s.Do(keys("f"), "No calibration examples of this credential for you to score", "f to change the filter")
	s.Do(keys("?"), "Submitted: the example's date", "enter open", "n     next example")
	v := s.quit().View()
	for _, bad := range []string{"Nothing is waiting", "Days: since submitted", "claim lasts", "in review to", "yours to", "claim & open", "next available"} {
		if strings.Contains(v, bad) {
			t.Errorf("the calibration queue shows %q:\n%s", bad, v)
		}
	}
	requireFits(t, v, 80, 30)
}

// TestQueueNarrowKeepsStatus: under the width all the columns need, the
// status column still says whose each claim is (it was cut to "dra" at 60
// columns and gone at 50), the # column gives way to the handle's #n.
func TestQueueNarrowKeepsStatus(t *testing.T) {
	for _, tc := range []struct {
		w      int
		filter string
	}{{50, ""}, {60, ""}, {71, ""}, {50, "descriptive-feedback"}, {71, "descriptive-feedback"}} {
		w := tc.w
		s := start(t, newFake(), common.Options{Credential: tc.filter}, w, 16)
		s.WaitAfter(0, "DF-9ZT4#1")
		view := ansi.Strip(s.quit().View())
		requireFits(t, view, w, 16)
		// A long filter in the header is cut, not who and how many (a
		// header one cell too wide cut every line of the screen).
		if header := strings.SplitN(view, "\n", 2)[0]; !strings.HasPrefix(header, "assessor · reviewer rev-1 · ") {
			t.Errorf("%d columns, filter %q: header %q", w, tc.filter, header)
		}
		row := lineWith(t, view, "DF-9ZT4#1")
		if !strings.HasSuffix(strings.TrimRight(row, " "), "in review") {
			t.Errorf("%d columns, filter %q: the claimed row %q does not end in its status", w, tc.filter, row)
		}
		if header := lineWith(t, view, "Attempt"); strings.Contains(header, " # ") || !strings.Contains(header, "Status") {
			t.Errorf("%d columns: header %q", w, header)
		}
	}
}

// TestQueueShowsASingleFlag: the queue's Flags column shows an attempt's
// possible identifying details from the first one:
// an attempt with one flag shows ⚑ 1 in its row, an unflagged one none.
func TestQueueShowsASingleFlag(t *testing.T) {
	f := newFake()
	f.flags[f.attempts[3].Key()] = 1 // DF-B2C8#1
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	view := s.quit().View()
	if line := lineWith(t, view, "DF-B2C8#1"); !strings.Contains(line, "⚑ 1") {
		t.Errorf("row of an attempt with one flag lacks ⚑ 1: %q\n%s", line, view)
	}
	if line := lineWith(t, view, "DF-9ZT4#1"); strings.Contains(line, "⚑") {
		t.Errorf("row of an unflagged attempt shows a flag: %q", line)
	}
}
