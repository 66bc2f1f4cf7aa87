package store

import (
	"fmt"
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
