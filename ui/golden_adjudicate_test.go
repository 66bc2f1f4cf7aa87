package ui_test

import (
	"regexp"
	"strings"
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
		// Every column shows at both sizes: the credential's title gives way.
		requireContains(t, frame, ds[0].Attempt.Handle(), ds[1].Attempt.Handle(), "Review 1", "Review 2", "Differ on", "Submitted")
		if !regexp.MustCompile(regexp.QuoteMeta(ds[0].Attempt.Handle()) + `\s.*\sPASS\s+RESUBMIT\s+C1\s+\d{4}-\d\d-\d\d`).MatchString(frame) {
			t.Errorf("a dispute row lacks an outcome, the criteria in dispute or the date:\n%s", frame)
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
			"Final outcome: incomplete", ds[0].Rubric.Criteria[0].ID, "Evidence", ds[0].Attempt.Parts[0].Title,
			// The selected criterion's name in full, which its row cuts at 80 columns.
			"Feedback · "+ds[0].Rubric.Criteria[0].ID+" "+strings.Fields(ds[0].Rubric.Criteria[0].Name)[0])
		if w >= 160 {
			// Room for the rubric too, beside the evidence.
			requireContains(t, frame, "Rubric · "+ds[0].Rubric.Criteria[0].ID, "tab scroll rubric")
		} else {
			// The short help is cut at 80 columns; ? (kept, whatever is
			// cut) lists tab with the rest.
			requireContains(t, frame, "? help")
		}
		requireBlind(t, frame)
		requireNoIdentity(t, frame, d)
		return frame
	})
}

// TestGoldenAdjudicateRubric: at 80 columns tab shows the rubric in the
// pane the evidence had.
func TestGoldenAdjudicateRubric(t *testing.T) {
	eachSize(t, "adjudicate_rubric", func(t *testing.T, w, h int) string {
		p, d, ds := startAdjudicate(t, w, h)
		p.Do(keys("enter"), "Adjudicate "+ds[0].Attempt.Handle())
		p.Do(keys("tab"), "Rubric · "+ds[0].Rubric.Criteria[0].ID)
		frame := p.frame()
		requireBlind(t, frame)
		requireNoIdentity(t, frame, d)
		return frame
	})
}
