package review

import (
	"strings"
	"testing"
)

// TestRedactLettersWithoutAccentAsTyped: a name on record with a letter
// that has no accent to lose (Vietnamese Đ, Danish Ø, Polish Ł, Icelandic
// Þ) is found as keyboards without it type it, and a name on record in
// plain letters is found written with them, as "Dána" is found for Dana.
func TestRedactLettersWithoutAccentAsTyped(t *testing.T) {
	for _, tc := range []struct{ name, in, word string }{
		{"Đặng Thị Lan", "Prepared by Mr. Dang for his class; file dang_plan.pdf", "dang"},
		{"Søren Østergaard", "Prepared by Soren Ostergaard; see ostergaard_plan.pdf", "ostergaard"},
		{"Łukasz Wałęsa", "Prepared by Lukasz Walesa; see walesa_plan.pdf", "walesa"},
		{"Þóra Þórsdóttir", "Thora Thorsdottir teaches grade 4.", "thorsdottir"},
		{"Dang Thi Lan", "Prepared by Mr. Đặng; file đặng_plan.pdf", "đặng"},
		{"Soren Ostergaard", "Prepared by Søren Østergaard.", "østergaard"},
	} {
		got, n := NewRedactor(&Candidate{Name: tc.name}).Redact(tc.in)
		if n == 0 || strings.Contains(strings.ToLower(got), tc.word) {
			t.Errorf("candidate %q: %q redacted to %q", tc.name, tc.in, got)
		}
	}
}

// TestScanListedNameWithoutAccentAsTyped: a listed school or district name
// with such a letter is flagged written without it, and the other way
// round.
func TestScanListedNameWithoutAccentAsTyped(t *testing.T) {
	for _, tc := range []struct{ listed, in string }{
		{"Đà Nẵng Academy", "I taught at Da Nang Academy for six years."},
		{"Oslo Skole", "I taught at Øslo Skole for six years."},
	} {
		flags := ScanLeaks([]EvidencePart{{Title: "Part 1", Text: tc.in}}, "", nil, []string{tc.listed})
		if len(flags) != 1 {
			t.Errorf("listed %q in %q: %d flags, want 1", tc.listed, tc.in, len(flags))
		}
	}
}
