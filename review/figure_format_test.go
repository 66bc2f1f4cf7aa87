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
