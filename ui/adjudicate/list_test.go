package adjudicate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
)

// TestDisputeListScrolls: with more disputes than the window has rows,
// the list scrolls to keep the cursor's dispute, the one enter opens, on
// screen, and says how many more there are above and below.
func TestDisputeListScrolls(t *testing.T) {
	var ds []review.Dispute
	for i := range 40 {
		d := testDispute()
		d.Attempt.Application = fmt.Sprintf("A-%d", i)
		d.Attempt.Pseudonym = fmt.Sprintf("DF-%04d", i)
		ds = append(ds, d)
	}
	m := opened(&fakeAdjudication{disputes: ds}, 80, 24)
	v := ansi.Strip(m.View())
	requireFits(t, v, 80, 24)
	if !strings.Contains(v, "▸ DF-0000#1") || !strings.Contains(v, "more below") || strings.Contains(v, "more above") {
		t.Errorf("the list's top, with a hint of the disputes below:\n%s", v)
	}
	var ks []string
	for range 30 {
		ks = append(ks, "j")
	}
	m = drive(m, ks...)
	v = ansi.Strip(m.View())
	requireFits(t, v, 80, 24)
	if !strings.Contains(v, "▸ DF-0030#1") || !strings.Contains(v, "Adjudication") {
		t.Errorf("the selected dispute DF-0030#1 (enter opens it) is not on screen under the header:\n%s", v)
	}
	if !strings.Contains(v, "more above · ↓ 9 more below") {
		t.Errorf("no hint of the disputes above and below:\n%s", v)
	}
	if v := ansi.Strip(drive(m, "enter").View()); !strings.Contains(v, "Adjudicate DF-0030#1") {
		t.Errorf("enter did not open DF-0030#1:\n%s", v)
	}
}
