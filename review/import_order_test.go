package review

import (
	"reflect"
	"testing"
)

func subRec(app string, n, line int) Record {
	return Record{Line: line, Submission: &Submission{Application: app, Attempt: n}}
}

func decRec(app string, n, line int) Record {
	return Record{Line: line, Decision: &Decision{Application: app, Attempt: n}}
}

func appliedLines(recs []Record) []int {
	out := make([]int, len(recs))
	for i, r := range recs {
		out[i] = r.Line
	}
	return out
}

func TestImportOrder(t *testing.T) {
	tests := []struct {
		name string
		in   []Record
		want []int // lines, in the order applied
	}{
		{"attempt by attempt stays", []Record{subRec("A", 1, 1), subRec("B", 1, 2), decRec("A", 1, 3), subRec("A", 2, 4), decRec("B", 1, 5)}, []int{1, 2, 3, 4, 5}},
		{"decisions first", []Record{decRec("A", 1, 1), decRec("B", 1, 2), subRec("A", 1, 3), subRec("B", 1, 4)}, []int{3, 4, 1, 2}},
		{"grouped by kind", []Record{subRec("A", 2, 1), subRec("A", 1, 2), decRec("A", 2, 3), decRec("A", 1, 4)}, []int{2, 4, 1, 3}},
		// B's records keep B's places; A's are sorted among A's.
		{"only the application moves", []Record{subRec("A", 2, 1), subRec("B", 1, 2), decRec("A", 1, 3), subRec("A", 1, 4), decRec("B", 1, 5)}, []int{4, 2, 3, 1, 5}},
		// A repeated line stays after the first (the import counts it unchanged).
		{"duplicates keep their order", []Record{decRec("A", 1, 1), subRec("A", 1, 2), subRec("A", 1, 3)}, []int{2, 3, 1}},
		{"empty", nil, []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := appliedLines(ImportOrder(tt.in)); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("applied lines %v, want %v", got, tt.want)
			}
		})
	}
}

// An ordered file is applied as it is, without a copy.
func TestImportOrderKeepsOrderedSlice(t *testing.T) {
	in := []Record{subRec("A", 1, 1), decRec("A", 1, 2), subRec("A", 2, 3)}
	if out := ImportOrder(in); &out[0] != &in[0] {
		t.Fatal("an ordered file was copied")
	}
}

// ImportPermutation orders items known by their application and rank
// alone, as ImportOrder orders records, and says nil for an ordered file.
func TestImportPermutation(t *testing.T) {
	type item struct {
		app  string
		rank Rank
	}
	items := []item{{"A", Rank{2, false}}, {"B", Rank{1, false}}, {"A", Rank{1, true}}, {"A", Rank{1, false}}, {"B", Rank{1, true}}}
	rank := func(i int) (string, Rank) { return items[i].app, items[i].rank }
	if got, want := ImportPermutation(len(items), rank), []int{3, 1, 2, 0, 4}; !reflect.DeepEqual(got, want) {
		t.Errorf("permutation %v, want %v", got, want)
	}
	ordered := []item{{"A", Rank{1, false}}, {"A", Rank{1, true}}, {"B", Rank{1, false}}}
	if got := ImportPermutation(len(ordered), func(i int) (string, Rank) { return ordered[i].app, ordered[i].rank }); got != nil {
		t.Errorf("an ordered file: %v, want nil", got)
	}
}
