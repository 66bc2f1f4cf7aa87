package demo

import (
	"testing"

	"assessor/review"
)

// TestResubmissionsInsideWindow: no attempt is submitted once its
// application's window has closed (rule 4 of docs/workflow.md: the import refuses
// such an attempt). A late one is rare, about one in 3,000 applications, so
// TestStrictImport's sizes can miss it, but `assessor gen` imports hundreds
// of thousands and fails on the first ("gen chunk 2:1241: submitted_at:
// application window closed").
func TestResubmissionsInsideWindow(t *testing.T) {
	for seed := int64(1); seed <= 8; seed++ {
		ids, apps := byApp(gen(t, seed, 3000))
		for _, id := range ids {
			a := apps[id]
			closes := review.Application{StartedAt: a.subs[0].StartedAt}.ClosesAt()
			for _, s := range a.subs {
				if !s.SubmittedAt.Before(closes) {
					t.Errorf("seed %d: %s#%d submitted %s, after its window closed %s", seed, id, s.Attempt, s.SubmittedAt, closes)
				}
			}
		}
	}
}
