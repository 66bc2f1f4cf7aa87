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

// TestStackProgressCountsCompletions: a candidate holding every credential
// of a stack is counted in its last column ("2 of 2"), not with those
// holding one: dana passed both classroom-discourse and
// descriptive-feedback, lee one of them.
func TestStackProgressCountsCompletions(t *testing.T) {
	f := badgeFixture(t)
	ps, err := f.StackProgress()
	if err != nil || len(ps) != 1 || fmt.Sprint(ps[0].Earned) != "[1 1]" {
		t.Errorf("stack progress: %+v, %v (want lee holding 1 of 2, dana 2 of 2)", ps, err)
	}
}
