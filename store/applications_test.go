package store

import (
	"errors"
	"testing"

	"assessor/review"
)

func TestApplicationsAndRecord(t *testing.T) {
	f := amendFixture(t)
	apps, err := f.Applications()
	if err != nil {
		t.Fatal(err)
	}
	if len(apps) != 2 || apps[0].ID != "A-1" || apps[1].ID != "A-2" || apps[0].Attempts != 2 {
		t.Fatalf("applications %+v", apps)
	}
	app, recs, err := f.ApplicationRecord("A-1")
	if err != nil {
		t.Fatal(err)
	}
	if app.ID != "A-1" || len(recs) != 2 || recs[0].Decision == nil || recs[1].Decision != nil ||
		len(recs[0].History) != 1 || len(recs[1].History) != 0 || recs[0].Attempt.Number != 1 {
		t.Fatalf("record %+v", recs)
	}
	if _, _, err := f.ApplicationRecord("A-9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown: %v", err)
	}
}

// TestResolve names an attempt every way a lead can: by application id or
// by handle, with or without "#n" (without it, the latest attempt); the
// one resolver behind every command that takes a HANDLE.
func TestResolve(t *testing.T) {
	f := amendFixture(t)
	app, _ := f.Application("A-1")
	tests := []struct {
		name  string
		want  review.AttemptKey
		named bool
	}{
		{"A-1", key("A-1", 2), false},
		{"A-1#1", key("A-1", 1), true},
		{app.Pseudonym, key("A-1", 2), false},
		{" " + app.Pseudonym + "#1 ", key("A-1", 1), true},
	}
	for _, tt := range tests {
		k, named, err := f.Resolve(tt.name)
		if err != nil || k != tt.want || named != tt.named {
			t.Errorf("Resolve(%q) = %v %v %v, want %v %v", tt.name, k, named, err, tt.want, tt.named)
		}
	}
	for _, bad := range []string{"A-9", "XX-0000", "A-1#3", "A-1#x", "", app.Pseudonym + "#0", app.Pseudonym + "#x", app.Pseudonym + "#3"} {
		if _, _, err := f.Resolve(bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("Resolve(%q): %v", bad, err)
		}
	}
}
