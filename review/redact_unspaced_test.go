package review

import "testing"

// TestRedactNameBesideUnspacedScript: an everyday-word or two-letter name
// part written next to a word of a script without spaces ("Li老师",
// "Grace先生", "Young선생님") is not run together with it, and is redacted.
func TestRedactNameBesideUnspacedScript(t *testing.T) {
	for _, tc := range []struct {
		who      Candidate
		in, want string
	}{
		{Candidate{Name: "Wei Li"}, "Li老师的课", "[candidate name]老师的课"},
		{Candidate{Name: "Grace Tanaka"}, "Grace先生の授業", "[candidate name]先生の授業"},
		{Candidate{Name: "Ann Page"}, "Page先生のクラス", "[candidate name]先生のクラス"},
		{Candidate{Name: "Ann Young"}, "Young선생님 수업", "[candidate name]선생님 수업"},
	} {
		if got, _ := NewRedactor(&tc.who).Redact(tc.in); got != tc.want {
			t.Errorf("%s, %q:\n got %q\nwant %q", tc.who.Name, tc.in, got, tc.want)
		}
	}
}
