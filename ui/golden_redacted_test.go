package ui_test

import (
	"strings"
	"testing"

	"assessor/review"
)

// redactedText reports whether the evidence of it, as the reviewer reads
// it, holds a marker import put in place of the candidate's own value.
func (d *demoData) redactedText(t *testing.T, it review.QueueItem) bool {
	t.Helper()
	a, err := d.st.Attempt(it.Key())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range a.Parts {
		if strings.Contains(p.Text, "[candidate ") {
			return true
		}
	}
	return false
}

// TestGoldenRedactedEvidence: a demo candidate who signed their evidence
// or gave their e-mail reaches the reviewer with a marker in its place,
// found here with the evidence search, and never with the value.
func TestGoldenRedactedEvidence(t *testing.T) {
	pick := func(t *testing.T, d *demoData, it review.QueueItem) bool { return d.redactedText(t, it) }
	goldenReview(t, "evidence_redacted", pick, func(t *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		p.Do(keys("/"), "search, enter to find")
		p.Do(keys("candidate", "enter"), "/candidate: match 1 of")
		// The search marks the word inside the marker: ⟨candidate⟩.
		return []string{"candidate⟩ "}
	})
}
