package ui_test

import (
	"testing"

	"assessor/review"
	"assessor/ui"
)

// startAdjudicate opens the lead's adjudication screen on a demo store
// holding two disputes and waits for the list.
func startAdjudicate(t *testing.T, w, h int) (*frameOf, *demoData, []review.Dispute) {
	t.Helper()
	d := demoStore(t)
	d.addDisputes(t, 2)
	ds, err := d.st.Disputes(goldenLead)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 {
		t.Fatalf("%d disputes, want 2", len(ds))
	}
	p := run(t, ui.NewAdjudicate(d.st, goldenLead, goldenOptions()), w, h)
	p.WaitAfter(0, "Adjudication", ds[0].Attempt.Handle(), ds[1].Attempt.Handle())
	return p, d, ds
}

// requireBlind fails if frame names either reviewer of a dispute: the lead
// sees "review 1" and "review 2", not who wrote them.
func requireBlind(t *testing.T, frame string) {
	t.Helper()
	for _, who := range []string{goldenReviewer, secondReviewer} {
		if contains(frame, who) {
			t.Errorf("adjudication names reviewer %s:\n%s", who, frame)
		}
	}
}

func TestGoldenAdjudicateList(t *testing.T) {
	eachSize(t, "adjudicate_list", func(t *testing.T, w, h int) string {
		p, d, ds := startAdjudicate(t, w, h)
		frame := p.frame()
		requireContains(t, frame, ds[0].Attempt.Handle(), ds[1].Attempt.Handle(), "review 1: PASS")
		if w >= 160 {
			// At 80 columns a row is cut before review 2's outcome.
			requireContains(t, frame, "review 2: RESUBMIT")
		}
		requireBlind(t, frame)
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenAdjudicateDetail(t *testing.T) {
	eachSize(t, "adjudicate_detail", func(t *testing.T, w, h int) string {
		p, d, ds := startAdjudicate(t, w, h)
		p.Do(keys("enter"), "Adjudicate "+ds[0].Attempt.Handle())
		frame := p.frame()
		requireContains(t, frame, "Adjudicate "+ds[0].Attempt.Handle(), "review 1", "review 2", "final",
			"Final outcome: incomplete", ds[0].Rubric.Criteria[0].ID)
		requireBlind(t, frame)
		requireNoIdentity(t, frame, d)
		return frame
	})
}
