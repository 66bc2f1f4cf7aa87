package server

import (
	"testing"
	"time"

	"assessor/review"
)

// TestLetterKeysKeepWorking: in one SSH session a reviewer opens and
// closes the queue's help with ?, a key at a time, each answered on
// screen before the next, with a pause now and then as anyone typing
// makes. Every key keeps working however many were typed: here 1,100,
// about what 150 attempts passed with s, m…, c, y take. Counted as one
// run, every key after the 1,024th was dropped.
func TestLetterKeysKeepWorking(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 20)
	key := addReviewer(t, st, "rev-keys", review.RoleReviewer)
	_, addr := startServer(t, st, Config{})
	c := openScreen(t, addr, key, 120, 40, "", "pending")
	for i := range 1100 {
		if i%100 == 99 {
			time.Sleep(20 * time.Millisecond)
		}
		want := "A claim lasts 30 minutes"
		if i%2 == 1 {
			want = "enter claim & open"
		}
		if _, err := c.do("?", wait/2, want); err != nil {
			t.Fatalf("key %d (?) of letters typed one at a time: %v", i+1, err)
		}
	}
}
