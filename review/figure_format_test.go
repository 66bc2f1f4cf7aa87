package review

import "testing"

func TestFormatRateAndFigure(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	for _, c := range []struct{ got, want string }{
		{FormatRate(f(0.385)), "38.5%"}, {FormatRate(f(0.3077)), "30.8%"}, {FormatRate(f(0)), "0.0%"}, {FormatRate(nil), "–"},
		{FormatFigure(f(8.1)), "8.10"}, {FormatFigure(f(3)), "3.00"}, {FormatFigure(f(1.4286)), "1.43"}, {FormatFigure(nil), "–"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestFormatShare: a share is formatted from its counts, rounded once:
// 4/21 is 19.0476%, where its rate rounded to 4 decimals (0.1905) would
// read 19.1%.
func TestFormatShare(t *testing.T) {
	n := func(v int64) *int64 { return &v }
	for _, c := range []struct{ got, want string }{
		{FormatShare(4, 21), "19.0%"}, {FormatShare(9, 16), "56.2%"}, {FormatShare(0, 3), "0.0%"}, {FormatShare(0, 0), "–"},
		{FormatShareOf(n(4), n(21)), "19.0%"}, {FormatShareOf(nil, n(21)), "–"}, {FormatShareOf(n(4), nil), "–"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
