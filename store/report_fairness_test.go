package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// TestFairnessFromStore: the figures come from the vault and the
// decisions of record, suppression follows the configured k.
func TestFairnessFromStore(t *testing.T) {
	f := newFixture(t)
	var lines []line
	add := func(prefix, district, state string, n int, outcome func(i int) []string) {
		for i := range n {
			app := fmt.Sprintf("%s-%02d", prefix, i)
			lines = append(lines, submission(app, "descriptive-feedback", 1, fmt.Sprintf("2024-02-01T%02d:00:00Z", i)).
				with("candidate", map[string]string{"name": "Cand " + app, "email": app + "@example.org", "district": district, "state": state}))
			if levels := outcome(i); levels != nil {
				lines = append(lines, decision(app, 1, "rev-1", fmt.Sprintf("2024-02-03T%02d:00:00Z", i), levels...))
			}
		}
	}
	pass, resubmit := []string{"meets", "meets", "meets"}, []string{"meets", "not-yet", "meets"}
	add("A", "Hilo", "Hawaii", 12, func(i int) []string {
		if i%2 == 0 {
			return pass
		}
		return resubmit
	})
	add("B", "Salem", "OR", 12, func(int) []string { return pass })
	add("C", "Seattle", "WA", 3, func(int) []string { return nil })
	f.mustImport(lines...)

	fair, err := f.Fairness(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]review.FairnessRow{}
	for _, r := range fair.Rows {
		rows[r.Attribute+"/"+r.Value] = r
	}
	if r := rows["state/OR"]; r.Suppressed || *r.Applications != 12 || *r.FirstTimePassRate != 1 || *r.EventualPassRate != 1 {
		t.Errorf("OR %+v", r)
	}
	if r := rows["state/WA"]; r.SuppressedBy != "small" {
		t.Errorf("WA %+v", r)
	}
	if r := rows["state/HI"]; r.SuppressedBy != "complementary" {
		t.Errorf("HI %+v, want hidden with WA", r)
	}
	if r := rows["district/Hilo"]; !r.Suppressed {
		t.Errorf("Hilo %+v: it would give HI", r)
	}
	if err := f.SetFairnessMinGroup(1); err == nil {
		t.Error("k = 1 accepted")
	}
	if err := f.SetFairnessMinGroup(3); err != nil {
		t.Fatal(err)
	}
	fair, _ = f.Fairness(time.Time{}, time.Time{})
	for _, r := range fair.Rows {
		rows[r.Attribute+"/"+r.Value] = r
	}
	if r := rows["state/HI"]; r.Suppressed || *r.Applications != 12 || *r.FirstTimePasses != 6 || *r.FirstTimePassRate != 0.5 {
		t.Errorf("HI at k=3 %+v", r)
	}
	if r := rows["state/WA"]; r.Suppressed || *r.Applications != 3 || r.FirstTimePassRate != nil {
		t.Errorf("WA at k=3 %+v", r)
	}
}

// TestFairnessWholeMonths: the figures' window starts and ends on a
// month's first instant (UTC), or has no bound. Reports until the 20th and
// until the 21st differed by the one application started on the 20th, and
// showed its district by subtraction.
func TestFairnessWholeMonths(t *testing.T) {
	f := newFixture(t)
	var lines []line
	for i, district := range []string{"Hilo", "Kona", "Kona"} {
		l := submission(fmt.Sprint("H-", i), "descriptive-feedback", 1, fmt.Sprintf("2024-02-%02dT10:00:00Z", 19+i))
		lines = append(lines, l.with("candidate", map[string]string{"name": fmt.Sprint("Cand ", i), "district": district, "state": "HI"}))
	}
	f.mustImport(lines...)
	feb, mar := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for _, w := range [][2]time.Time{{}, {feb, mar}, {feb, time.Time{}}, {time.Time{}, mar}, {feb.In(time.FixedZone("HST", -10*3600)), mar}} {
		if fair, err := f.Fairness(w[0], w[1]); err != nil || len(fair.Rows) == 0 {
			t.Errorf("[%v, %v): %v, %d rows", w[0], w[1], err, len(fair.Rows))
		}
	}
	day := 24 * time.Hour
	for _, w := range [][2]time.Time{{time.Time{}, mar.Add(-9 * day)}, {feb.Add(day), mar}, {feb, mar.Add(time.Nanosecond)}, {feb.Add(-time.Hour), time.Time{}}} {
		if _, err := f.Fairness(w[0], w[1]); err == nil || !strings.Contains(err.Error(), "whole months") || strings.Contains(err.Error(), "\n") {
			t.Errorf("[%v, %v): %v, want a refusal in one line", w[0], w[1], err)
		}
	}
}

// TestFairnessFirstTimeIsAttemptOne: a candidate who passed on a second
// attempt did not pass first time: the first-time figures read attempt 1's
// decision only, the eventual ones any.
func TestFairnessFirstTimeIsAttemptOne(t *testing.T) {
	f := newFixture(t)
	pass, resubmit := []string{"meets", "meets", "meets"}, []string{"meets", "not-yet", "meets"}
	var lines []line
	for i := range 6 {
		for _, st := range []string{"OR", "WA"} {
			app := fmt.Sprintf("%s-%02d", st, i)
			who := map[string]string{"name": "Cand " + app, "email": app + "@example.org", "district": "D" + st, "state": st}
			lines = append(lines, submission(app, "descriptive-feedback", 1, fmt.Sprintf("2024-02-01T%02d:00:00Z", i)).with("candidate", who))
			if st == "WA" {
				lines = append(lines, decision(app, 1, "rev-1", fmt.Sprintf("2024-02-03T%02d:00:00Z", i), pass...))
				continue
			}
			lines = append(lines, decision(app, 1, "rev-1", fmt.Sprintf("2024-02-03T%02d:00:00Z", i), resubmit...),
				submission(app, "descriptive-feedback", 2, fmt.Sprintf("2024-02-05T%02d:00:00Z", i)).with("candidate", who),
				decision(app, 2, "rev-1", fmt.Sprintf("2024-02-07T%02d:00:00Z", i), pass...))
		}
	}
	f.mustImport(lines...)
	if err := f.SetFairnessMinGroup(3); err != nil {
		t.Fatal(err)
	}
	fair, err := f.Fairness(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range fair.Rows {
		if r.Attribute != "state" || r.Value != "OR" {
			continue
		}
		if r.Suppressed || *r.Applications != 6 || *r.FirstTimePasses != 0 || *r.FirstTimePassRate != 0 || *r.EventualPassRate != 1 {
			t.Errorf("OR: %d applications, %d first-time passes, eventual pass rate %v; want 6, 0 (none passed first time), 1", *r.Applications, *r.FirstTimePasses, *r.EventualPassRate)
		}
		return
	}
	t.Errorf("no OR row in %+v", fair.Rows)
}
