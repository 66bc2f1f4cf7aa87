package review

import (
	"slices"
	"testing"
)

// TestWithheld: handles and reviewer ids in feedback are withheld from the
// candidate, the candidate's own handle named as theirs; ids inside longer
// words and the rest of the text stay.
func TestWithheld(t *testing.T) {
	w := Withheld{Handle: "DF-A985", Reviewers: []string{"rev-hist", "rev-7", "ana.k"}}
	for _, tc := range []struct{ in, want string }{
		{"Compare with DF-CZ4N#1 and application EE-0FW9, which did this well.",
			"Compare with [another application] and application [another application], which did this well."},
		{"See DF-A985#2. Your DF-A985 plan.", "See [your application]. Your [your application] plan."},
		{"I am rev-hist, reach me. Reviewed by rev-hist.", "I am [reviewer], reach me. Reviewed by [reviewer]."},
		{"rev-7 and rev-70 and prev-7 and rev-7.5", "[reviewer] and rev-70 and prev-7 and rev-7.5"},
		{"ask ana.k.", "ask [reviewer]."},
		{"REV-HIST said so; Ana.K too; re-read it", "[reviewer] said so; [reviewer] too; re-read it"},
		{"DF-LO12 is not a handle (L, O); neither is df-cz4n or XDF-CZ4N", "DF-LO12 is not a handle (L, O); neither is df-cz4n or XDF-CZ4N"},
		{"nothing withheld", "nothing withheld"},
	} {
		if got := w.Apply(tc.in); got != tc.want {
			t.Errorf("Apply(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestNewWithheld: of the registered ids, those that read as ids are
// withheld; whoever acted on the application is, however their id reads.
func TestNewWithheld(t *testing.T) {
	w := NewWithheld("DF-A985", []string{"art", "grace", "rev-7", "ana.k", "lee2"}, []string{"grace", "", "rev-7"})
	if want := []string{"rev-7", "ana.k", "lee2", "grace"}; !slices.Equal(w.Reviewers, want) || w.Handle != "DF-A985" {
		t.Errorf("NewWithheld = %+v, want reviewers %q", w, want)
	}
	if got := w.Apply("art and Grace, by grace"); got != "art and [reviewer], by [reviewer]" {
		t.Errorf("Apply: %q", got)
	}
}
