package store

import (
	"testing"
	"time"

	"assessor/review"
)

// TestActiveTimeRecorded: claim, draft saves and the decision give the
// active time with the idle gap left out; an imported decision has none;
// the floor flags the quick decision.
func TestActiveTimeRecorded(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
		submission("A-3", "descriptive-feedback", 1, "2024-02-01T12:00:00Z"),
		decision("A-3", 1, "rev-old", "2024-02-02T10:00:00Z", "meets", "meets", "meets"),
	)
	draft := review.Draft{Levels: map[string]string{"C1": "meets"}, Session: "one session"} // saves again over its own
	if _, err := f.Claim("rev-1", key("A-1", 1)); err != nil {
		t.Fatal(err)
	}
	for _, step := range []time.Duration{time.Minute, time.Minute, 18 * time.Minute} { // the last after a break
		f.clock.Advance(step)
		if err := f.SaveDraft("rev-1", key("A-1", 1), draft); err != nil {
			t.Fatal(err)
		}
	}
	f.clock.Advance(time.Minute)
	if _, err := f.Decide("rev-1", key("A-1", 1), allMeets, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Claim("rev-2", key("A-2", 1)); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(40 * time.Second)
	if _, err := f.Decide("rev-2", key("A-2", 1), allMeets, nil); err != nil {
		t.Fatal(err)
	}
	c, err := f.Consistency(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Active) != 2 || *c.Active[0].MedianMinutes != 3 || c.Active[0].Reviewer != "rev-1" || *c.Active[1].MedianMinutes != 0.67 {
		t.Errorf("active %+v", c.Active)
	}
	if len(c.UnderFloor) != 1 || c.UnderFloor[0].Reviewer != "rev-2" || c.FloorMinutes != 3 {
		t.Errorf("under floor %+v (floor %v)", c.UnderFloor, c.FloorMinutes)
	}
	if len(c.ByReviewer) != 3 || c.ByReviewer[1].Reviewer != "rev-2" || *c.ByReviewer[1].Expected != 1 {
		t.Errorf("by reviewer %+v", c.ByReviewer)
	}
	if err := f.SetActiveFloor(30 * time.Second); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.Consistency(time.Time{}, time.Time{}); len(c.UnderFloor) != 0 {
		t.Errorf("under a 30 s floor %+v", c.UnderFloor)
	}
	f.mustCheck()
}
