package ui_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/store"
	"assessor/ui"
)

// errDamaged stands for what a damaged store answers a read with.
var errDamaged = errors.New("store: a record is damaged")

// Stores whose one read fails, for each program's first load.
type (
	noQueue    struct{ *store.Store }
	noReport   struct{ *store.Store }
	noDisputes struct{ *store.Store }
	noFlags    struct{ *store.Store }
)

func (noQueue) Queue(string, string, int) ([]review.QueueItem, error) { return nil, errDamaged }
func (noReport) Report(time.Time, time.Time) (review.Report, error) {
	return review.Report{}, errDamaged
}
func (noDisputes) Disputes(string) ([]review.Dispute, error) { return nil, errDamaged }
func (noFlags) Flagged() ([]review.FlaggedAttempt, error)    { return nil, errDamaged }

// quitAfter runs a program with run until its screen shows want, then
// presses q, and returns what run returned.
func quitAfter(t *testing.T, want string, run func(...tea.ProgramOption) error) error {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := run(tea.WithInput(inR), tea.WithOutput(outW))
		outW.Close()
		done <- err
	}()
	// A screen that never shows want fails the test, not the whole run.
	timer := time.AfterFunc(30*time.Second, func() { outR.CloseWithError(errors.New("30 s passed")) })
	defer timer.Stop()
	var seen bytes.Buffer
	buf := make([]byte, 4096)
	for !strings.Contains(seen.String(), want) {
		n, err := outR.Read(buf)
		seen.Write(buf[:n])
		if err != nil {
			t.Fatalf("the screen never showed %q: %q", want, seen.String())
		}
	}
	go func() { _, _ = io.Copy(io.Discard, outR) }()
	_, _ = inW.Write([]byte("q"))
	select {
	case err := <-done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatal("q did not quit")
		return nil
	}
}

// TestQuitAfterLoadError: a program quit while its data would not load
// returns that error, which the command line prints and exits 1 with (the
// alternate screen takes the status line with it); quit after a good load
// it returns nil.
func TestQuitAfterLoadError(t *testing.T) {
	d := demoStore(t)
	opt := goldenOptions()
	for _, tc := range []struct {
		name, shows, want string
		run               func(...tea.ProgramOption) error
	}{
		{"review", "The queue did not load: store: a record is damaged. Press r", "could not load the queue: ", func(o ...tea.ProgramOption) error {
			return ui.Run(noQueue{d.st}, goldenReviewer, opt, o...)
		}},
		{"dashboard", "r to retry", "could not load report: ", func(o ...tea.ProgramOption) error {
			return ui.RunDashboard(noReport{d.st}, goldenLead, opt, o...)
		}},
		{"adjudicate", "The disputes did not load", "could not load disputes: ", func(o ...tea.ProgramOption) error {
			return ui.RunAdjudicate(noDisputes{d.st}, goldenLead, opt, o...)
		}},
		{"leaks", "r to retry", "could not list the flags: ", func(o ...tea.ProgramOption) error {
			return ui.RunLeaks(noFlags{d.st}, goldenLead, opt, o...)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := quitAfter(t, tc.shows, tc.run)
			if !errors.Is(err, errDamaged) || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("quit after a failed load: %v, want %q… wrapping the store's error", err, tc.want)
			}
		})
	}

	if err := quitAfter(t, "Attempt ", func(o ...tea.ProgramOption) error {
		return ui.Run(d.st, goldenReviewer, opt, o...)
	}); err != nil {
		t.Fatalf("quit after the queue loaded: %v", err)
	}
}
