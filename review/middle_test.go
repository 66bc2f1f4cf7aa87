package review

import (
	"math"
	"testing"
)

// TestMiddleStringExact: check prints a median turnaround as its exact
// seconds, a half nanosecond included, so that two medians that differ
// (an index off by a nanosecond) never print alike.
func TestMiddleStringExact(t *testing.T) {
	for _, tc := range []struct {
		m    Middle
		want string
	}{
		{Middle{431_600_000_000, 432_600_000_000}, "432.1s"},
		{Middle{1, 2}, "0.0000000015s"},
		{Middle{0, 1}, "0.0000000005s"},
		{Middle{-3, -2}, "-0.0000000025s"},
		{Middle{math.MaxInt64, math.MaxInt64}, "9223372036.854775807s"},
	} {
		if got := tc.m.String(); got != tc.want {
			t.Errorf("Middle%v.String() = %q, want %q", tc.m, got, tc.want)
		}
	}
}
