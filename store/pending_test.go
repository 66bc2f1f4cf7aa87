package store

import (
	"testing"
	"time"
)

// TestPendingBeforeCountsDisputes: an attempt whose two reviews disagree
// has left the queue but still waits, for a lead: it counts as pending
// from its submission, as the report counts it.
func TestPendingBeforeCountsDisputes(t *testing.T) {
	f := secondFixture(t, 3) // S-1, S-2, S-3 submitted on 1, 2 and 3 February
	k := key("S-1", 1)
	f.review("rev-1", k, allMeets)
	f.review("rev-2", k, oneNotYet)
	for at, want := range map[string]int64{
		"2024-02-01T10:00:00Z": 0, // S-1 at that very time
		"2024-02-02T12:00:00Z": 2, // S-1 in dispute, S-2 queued
		"2030-01-01T00:00:00Z": 3,
	} {
		tm, _ := time.Parse(time.RFC3339, at)
		if n, err := f.PendingBefore(tm); err != nil || n != want {
			t.Errorf("PendingBefore(%s) = %d, %v; want %d", at, n, err, want)
		}
	}
}

// TestOldestPendingMergesDisputes: the oldest pending attempts are the
// queue's and the disputes' in submission order, the disputed one marked
// and read by its handle only, up to the limit of them all.
func TestOldestPendingMergesDisputes(t *testing.T) {
	f := secondFixture(t, 3)
	k := key("S-2", 1)
	f.review("rev-1", k, allMeets)
	f.review("rev-2", k, oneNotYet)
	items, err := f.OldestPending(2)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := handles(items), []string{"S-1#1", "S-2#1"}; !equal(got, want) {
		t.Fatalf("OldestPending(2) = %v, want %v", got, want)
	}
	if it := items[0]; it.Disputed {
		t.Errorf("queued %s marked disputed", it.Key())
	}
	if it := items[1]; !it.Disputed || it.Pseudonym == "" || it.Credential != "descriptive-feedback" || it.Holder != "" || it.Claimed {
		t.Errorf("disputed item %+v", it)
	}
	if items, err = f.OldestPending(0); err != nil || len(items) != 3 {
		t.Errorf("OldestPending(0) = %v, %v; want all 3", handles(items), err)
	}
}
