package common

import (
	"testing"
	"time"
)

// TestDaysWaiting: one decimal, then whole days from 1,000, within the
// queue's five columns.
func TestDaysWaiting(t *testing.T) {
	now := time.Date(2026, 12, 5, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		ago  time.Duration
		want string
	}{
		{-time.Hour, "0.0"},
		{36 * time.Hour, "1.5"},
		{999*24*time.Hour + 12*time.Hour, "999.5"},
		{999*24*time.Hour + 23*time.Hour, "1000"}, // 999.96: "1000.0" would be six columns
		{1037*24*time.Hour + 12*time.Hour, "1038"},
		{99999 * 24 * time.Hour, "99999"},
	} {
		if got := DaysWaiting(now.Add(-tc.ago), now); got != tc.want {
			t.Errorf("DaysWaiting(%s ago) = %q, want %q", tc.ago, got, tc.want)
		}
	}
}
