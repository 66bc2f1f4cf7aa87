package store

import (
	"fmt"
	"testing"
)

// TestStackProgress on the known history: A1 and A2 (two candidates) passed
// df, one of the two Assessment Literacy credentials; A5's candidate passed
// fp, the only Culturally Responsive one.
func TestStackProgress(t *testing.T) {
	f, recs := knownFixture(t)
	if _, err := f.Import("history.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	got, err := f.StackProgress()
	if err != nil {
		t.Fatal(err)
	}
	if s := fmt.Sprint(got); s != "[{Assessment Literacy 2 [2 0]} {Culturally Responsive 1 [1]}]" {
		t.Fatalf("progress %s", s)
	}
}
