package review

import (
	"errors"
	"testing"
	"time"
)

func TestCheckNextAttempt(t *testing.T) {
	start := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	app := func(attempts int, last Outcome) Application {
		return Application{ID: "A-1", StartedAt: start, Attempts: attempts, LastOutcome: last}
	}
	tests := []struct {
		name string
		app  Application
		n    int
		at   time.Time
		err  error
	}{
		{"first", app(0, ""), 1, start.AddDate(0, 0, 20), nil},
		{"first before start", app(0, ""), 1, start.AddDate(0, 0, -1), ErrBeforeStart},
		{"gap", app(0, ""), 2, start, ErrAttemptGap},
		{"repeat", app(1, Resubmit), 1, start, ErrAttemptGap},
		{"after resubmit", app(1, Resubmit), 2, start.AddDate(0, 2, 0), nil},
		{"previous undecided", app(1, ""), 2, start.AddDate(0, 2, 0), ErrNotResubmit},
		{"after pass", app(2, Pass), 3, start.AddDate(0, 2, 0), ErrPassed},
		{"last moment", app(1, Resubmit), 2, start.AddDate(0, 6, 0).Add(-time.Second), nil},
		{"window closed", app(1, Resubmit), 2, start.AddDate(0, 6, 0), ErrExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.app.CheckNextAttempt(tt.n, tt.at); !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
		})
	}
}

func TestStatusAt(t *testing.T) {
	start := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	a := Application{StartedAt: start, Attempts: 1, LastOutcome: Resubmit}
	if s := a.StatusAt(start.AddDate(0, 5, 0)); s != StatusOpen {
		t.Fatalf("status %s, want open", s)
	}
	if s := a.StatusAt(start.AddDate(0, 6, 1)); s != StatusExpired {
		t.Fatalf("status %s, want expired", s)
	}
	a.LastOutcome = Pass
	if s := a.StatusAt(start.AddDate(1, 0, 0)); s != StatusPassed {
		t.Fatalf("status %s, want passed (a pass never expires)", s)
	}
}

func TestPseudonym(t *testing.T) {
	if p := CredentialPrefix("descriptive-feedback"); p != "DF" {
		t.Fatalf("prefix %q", p)
	}
	if p := CredentialPrefix("x"); p != "XX" {
		t.Fatalf("short prefix %q", p)
	}
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		p, err := NewPseudonym("learning-targets", nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(p) != 7 || p[:3] != "LT-" {
			t.Fatalf("pseudonym %q not of the form LT-XXXX", p)
		}
		seen[p] = true
	}
	if len(seen) < 190 {
		t.Fatalf("only %d distinct pseudonyms in 200 draws", len(seen))
	}
}

// TestAddMonthsEndOfMonth: six calendar months from a day the target
// month lacks end on that month's last day, not in the month after.
func TestAddMonthsEndOfMonth(t *testing.T) {
	for _, c := range []struct{ from, want string }{
		{"2023-08-31T00:00:00Z", "2024-02-29T00:00:00Z"},
		{"2022-08-31T10:30:00Z", "2023-02-28T10:30:00Z"},
		{"2024-01-31T23:59:59Z", "2024-07-31T23:59:59Z"},
		{"2024-03-15T08:00:00Z", "2024-09-15T08:00:00Z"},
		{"2024-12-31T00:00:00Z", "2025-06-30T00:00:00Z"},
	} {
		a := Application{StartedAt: day(c.from)}
		if got := a.ClosesAt(); !got.Equal(day(c.want)) {
			t.Errorf("closes after %s = %s, want %s", c.from, got.Format(time.RFC3339), c.want)
		}
	}
}
