package ui_test

import (
	"testing"

	"assessor/review"
	"assessor/store"
	"assessor/ui"
)

// flaggedDemoStore is the demo store with a listed school and, in the
// last three first submissions of the history, the candidate's own name
// (which import redacts; a lead reads it under "Redacted at import", as
// leaks show prints it) and a sentence naming another teacher's e-mail
// and phone and that school: leaks the import scan flags for a lead.
func flaggedDemoStore(t *testing.T) *demoData {
	return demoStoreWith(t, func(st *store.Store, recs []review.Record) {
		if _, err := st.AddListedName("Lincoln Elementary"); err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := len(recs) - 1; i >= 0 && n < 3; i-- {
			s := recs[i].Submission
			if s == nil || s.Candidate == nil || len(s.Parts) == 0 {
				continue
			}
			s.Parts[0].Text += " Prepared by " + s.Candidate.Name + ". My co-teacher (dana.brooks@example.net, 808-555-0142) helped at Lincoln Elementary."
			n++
		}
	})
}

// TestGoldenLeaks draws the lead's flag screen over the flagged demo
// store: the list (handles, where and what kind, never the text nor an
// identity), and one attempt's flags in context once read with a reason.
func TestGoldenLeaks(t *testing.T) {
	cases := []struct {
		name  string
		keys  []string
		shows []string
	}{
		{"list", nil, []string{"3 attempts with open flags", "pending      3  part 1 (email) · part 1 (phone)"}},
		{"flags", keys("enter", "golden check", "enter"), []string{"read for: golden check", "1. part 1 (email)",
			"⟦dana.brooks@example.net⟧", "3. part 1 (listed-name)", "Redacted at import", "- part 1 (candidate-name)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			eachSize(t, "leaks_"+c.name, func(t *testing.T, w, h int) string {
				d := flaggedDemoStore(t)
				p := run(t, ui.NewLeaks(d.st, goldenLead, goldenOptions()), w, h)
				p.WaitAfter(0, "attempts with open flags")
				if len(c.keys) > 0 {
					p.Do(c.keys, c.shows[0])
				}
				p.WaitAfter(0, c.shows...)
				frame := p.frame()
				requireContains(t, frame, c.shows...)
				if c.name == "list" {
					requireNoIdentity(t, frame, d)
				}
				for _, it := range d.queue(t) {
					if contains(frame, it.Application) {
						t.Errorf("the flag screen shows application id %s:\n%s", it.Application, frame)
					}
				}
				return frame
			})
		})
	}
}
