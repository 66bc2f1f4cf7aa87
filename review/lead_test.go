package review

import (
	"errors"
	"strings"
	"testing"
)

// TestReasonBounds: a reason is kept sanitized and trimmed, refused when
// blank, and refused past MaxReason characters (not bytes), counted after
// control sequences are stripped.
func TestReasonBounds(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
		is             error
	}{
		{"blank", " \t\n", "", ErrNoReason},
		{"control only", "\x1b]0;x\x07", "", ErrNoReason},
		{"trimmed and sanitized", "  appeal \x1b[31mno. 4\x1b[0m ", "appeal no. 4", nil},
		{"at the bound, two bytes each", strings.Repeat("é", MaxReason), strings.Repeat("é", MaxReason), nil},
		{"at the bound with colours", "\x1b[1m" + strings.Repeat("a", MaxReason) + "\x1b[0m", strings.Repeat("a", MaxReason), nil},
		{"one past", strings.Repeat("é", MaxReason+1), "", ErrReasonTooLong},
	} {
		got, err := Reason(tt.in)
		if !errors.Is(err, tt.is) || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q, %v", tt.name, got, err, tt.want, tt.is)
		}
	}
	_, err := Reason(strings.Repeat("x", 8000))
	if want := "a reason is at most 500 characters; this one has 8000"; err == nil || err.Error() != want {
		t.Errorf("a long reason: %v; want %q", err, want)
	}
}
