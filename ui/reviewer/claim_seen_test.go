package reviewer

import (
	"testing"
	"time"

	"assessor/review"
	"assessor/ui/common"
)

// TestReleaseClearsOnlyTheClaimItEnded: in rev-b's queue, a release
// frees a row only when it ended the claim the row shows. A blind claim's
// row names nobody, so the release's lease expiry tells: the holder's own
// (as claimed, or renewed since) frees it; an earlier one (rev-a's lapsed
// lease, whose release reached rev-b after rev-c's claim), or none,
// leaves it claimed. A named row goes by its name.
func TestReleaseClearsOnlyTheClaimItEnded(t *testing.T) {
	k := review.AttemptKey{Application: "A-1", Attempt: 1}
	until := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	blind := review.QueueItem{Application: "A-1", Pseudonym: "DF-7KQ2", Attempt: 1, Claimed: true, Until: until}
	named := blind
	named.Holder = "rev-c"
	for _, c := range []struct {
		what  string
		row   review.QueueItem
		ch    common.QueueChange
		freed bool
	}{
		{"blind, an earlier lease's release", blind, common.QueueChange{Key: k, Reviewer: "rev-a", Until: until.Add(-time.Minute)}, false},
		{"blind, a release of no known lease", blind, common.QueueChange{Key: k, Reviewer: "rev-a"}, false},
		{"blind, the holder's release", blind, common.QueueChange{Key: k, Reviewer: "rev-c", Until: until}, true},
		{"blind, the holder's release after renewing", blind, common.QueueChange{Key: k, Reviewer: "rev-c", Until: until.Add(5 * time.Minute)}, true},
		{"named, another's release", named, common.QueueChange{Key: k, Reviewer: "rev-a", Until: until.Add(time.Hour)}, false},
		{"named, the holder's release", named, common.QueueChange{Key: k, Reviewer: "rev-c", Until: until}, true},
		// rev-c left in one session and claimed again in another; the
		// release of the older lease arrived after the new claim.
		{"named, the holder's release of an earlier lease", named, common.QueueChange{Key: k, Reviewer: "rev-c", Until: until.Add(-time.Minute)}, false},
	} {
		got := claimSeen(c.row, c.ch, "rev-b")
		if freed := !got.Claimed && got.Holder == "" && got.Until.IsZero(); freed != c.freed {
			t.Errorf("%s: row %+v, want freed=%v", c.what, got, c.freed)
		}
		if !c.freed && got != c.row {
			t.Errorf("%s: row changed to %+v", c.what, got)
		}
	}
}
