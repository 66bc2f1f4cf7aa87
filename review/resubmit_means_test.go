package review

import (
	"strings"
	"testing"
	"time"
)

// TestResubmitMeansAtTheClose: what a resubmit leaves the candidate agrees
// with the application's status (StatusAt): from the instant its window
// closes, no further attempt, never a next one "before" a time now reached.
func TestResubmitMeansAtTheClose(t *testing.T) {
	app := Application{StartedAt: time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC), LastOutcome: Resubmit}
	closes := app.ClosesAt()
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{closes.Add(-time.Nanosecond), "may submit the next attempt before " + closeText(closes) + "."},
		{closes, "window closed on " + closeText(closes) + ", so no further attempt can be submitted."},
		{closes.Add(time.Hour), "window closed on " + closeText(closes) + ", so no further attempt can be submitted."},
	} {
		got := ResubmitMeans(closes, tt.now)
		if !strings.HasSuffix(got, tt.want) {
			t.Errorf("at %v (status %s): %q, want it to end %q", tt.now, app.StatusAt(tt.now), got, tt.want)
		}
	}
}
