package demo

import (
	"strconv"
	"testing"
)

// TestIDOffset: an offset renames the applications, A-(1001+offset) on,
// and changes nothing else, so chunks with their own offsets and seeds
// import side by side.
func TestIDOffset(t *testing.T) {
	rs := testRubrics()
	plain := Records(rs, Options{Seed: 5, Applications: 60, Now: testNow})
	shifted := Records(rs, Options{Seed: 5, Applications: 60, Now: testNow, IDOffset: 5000})
	if len(plain) != len(shifted) {
		t.Fatalf("%d records with offset, %d without", len(shifted), len(plain))
	}
	ids, _ := byApp(shifted)
	for i, id := range ids {
		if want := "A-" + strconv.Itoa(6001+i); id != want {
			t.Fatalf("application %d is %s, want %s", i, id, want)
		}
	}
	// Renaming back gives the history without an offset.
	rename := map[string]string{}
	plainIDs, _ := byApp(plain)
	for i, id := range ids {
		rename[id] = plainIDs[i]
	}
	for i := range shifted {
		r := shifted[i]
		if s := r.Submission; s != nil {
			c := *s
			c.Application = rename[c.Application]
			r.Submission = &c
		} else {
			c := *r.Decision
			c.Application = rename[c.Application]
			r.Decision = &c
		}
		shifted[i] = r
	}
	if a, b := jsonl(t, plain), jsonl(t, shifted); string(a) != string(b) {
		t.Fatal("the offset changed more than the application ids")
	}
}
