package evidence

import (
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"

	"assessor/ui/internal/uitest"
)

// TestWordDiffComparesFirstWords: WordDiff of two texts of 300,000 short
// lines (600 KB) each, line 100 changed and every hundredth past the words
// compared, compares each side's first MaxComparedWords words and counts
// the rest, at a cost that does not grow with the texts' length: comparing them whole cost about 200× the
// texts here (250 MB), and more for the 4 MB the import lets through, the
// server's memory under `assessor serve`, before a word of it was drawn.
func TestWordDiffComparesFirstWords(t *testing.T) {
	const lines = 300000
	var old, cur strings.Builder
	for i := range lines {
		old.WriteString("a\n")
		// One change where words are compared, so the comparison ends
		// well inside the diff's time limit even under -race (past it the
		// diff is coarser), and many where they are not.
		if i == 99 || i > MaxComparedWords && i%100 == 99 {
			cur.WriteString("b\n")
		} else {
			cur.WriteString("a\n")
		}
	}
	var diffs []diffmatchpatch.Diff
	var notCompared int
	alloc := uitest.Allocated(func() {
		diffs, notCompared = WordDiff(old.String(), cur.String())
	})
	size := uint64(old.Len() + cur.Len())
	if alloc > size*60 {
		t.Fatalf("the word diff of %d bytes allocated %d MB, over 60× the texts", size, alloc>>20)
	}
	if want := 2 * (lines - MaxComparedWords); notCompared != want {
		t.Errorf("%d words not compared, want %d", notCompared, want)
	}
	o, c := sides(diffs)
	if want := strings.Repeat("a\n", MaxComparedWords); o != want {
		t.Errorf("the old side compared is %d bytes, want its first %d lines", len(o), MaxComparedWords)
	}
	if ins, del := diffWords(diffs); ins != 1 || del != 1 || !strings.HasPrefix(cur.String(), c) {
		t.Errorf("+%d −%d words compared, want +1 −1 of the new side's first lines", ins, del)
	}
	// All inserted, all deleted or unchanged is one diff, whole: nothing
	// to compare.
	for _, tc := range []struct {
		old, cur string
		op       diffmatchpatch.Operation
	}{{"", cur.String(), diffmatchpatch.DiffInsert}, {old.String(), "", diffmatchpatch.DiffDelete}, {old.String(), old.String(), diffmatchpatch.DiffEqual}} {
		if diffs, n := WordDiff(tc.old, tc.cur); len(diffs) != 1 || diffs[0].Type != tc.op || n != 0 || len(diffs[0].Text) != 2*lines {
			t.Errorf("WordDiff of one side or two the same: %d diffs, %d not compared", len(diffs), n)
		}
	}
}
