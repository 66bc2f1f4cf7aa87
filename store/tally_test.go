package store

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"assessor/review"
)

// TestTalliesMatchRecompute builds random histories through a mix of Import
// and Claim/Decide and checks that the running tallies give the report
// review.Recompute gives over the generated data, that Check finds nothing,
// and that a report over a random window covers exactly the applications
// whose attempt 1 falls in it.
func TestTalliesMatchRecompute(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		r := rand.New(rand.NewPCG(seed, 99))
		rs := genRubrics()
		creds := map[string]review.Rubric{}
		for _, rb := range rs {
			creds[rb.ID] = rb
		}
		apps := genHistory(r, 50+r.IntN(251), rs, 0.5)
		f := emptyFixture(t, rs...)
		f.load(r, apps)
		f.mustCheck()

		want := reportJSON(t, review.Recompute(creds, histories(apps, creds)).Report(creds))
		if got := reportJSON(t, f.mustReport(time.Time{}, time.Time{})); !bytes.Equal(got, want) {
			t.Fatalf("seed %d: report from tallies\n%s\nwant\n%s", seed, got, want)
		}
		for range 5 {
			since, until := window(r, apps)
			var in []genApp
			for _, a := range apps {
				first := a.attempts[0].submitted
				if (since.IsZero() || !first.Before(since)) && (until.IsZero() || first.Before(until)) {
					in = append(in, a)
				}
			}
			want := reportJSON(t, review.Recompute(creds, histories(in, creds)).Report(creds))
			if got := reportJSON(t, f.mustReport(since, until)); !bytes.Equal(got, want) {
				t.Fatalf("seed %d: report over [%s, %s)\n%s\nwant\n%s", seed, since, until, got, want)
			}
		}
	}
}

// window draws report bounds, usually attempt 1 times of two applications
// so the boundaries are hit exactly, sometimes with one side open.
func window(r *rand.Rand, apps []genApp) (since, until time.Time) {
	pick := func() time.Time { return apps[r.IntN(len(apps))].attempts[0].submitted }
	since, until = pick(), pick()
	if until.Before(since) {
		since, until = until, since
	}
	switch r.IntN(4) {
	case 0:
		since = time.Time{}
	case 1:
		until = time.Time{}
	}
	return since, until
}

// TestMedianIndex checks medians from the turnaround index against
// review.Median on sorted values (nanoseconds), for counts odd and even,
// ties, negative turnarounds, fractions of a second either side of a whole
// one and of zero, and the overflow bucket.
func TestMedianIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	f := emptyFixture(t)
	const s = int64(time.Second)
	cases := [][]int64{
		{5 * s}, {5 * s, 5 * s}, {0, 8639 * s, 8640 * s}, {-30 * s, -30 * s, 10 * s},
		{180 * 86400 * s, 180*86400*s - 1, 400 * 86400 * s, s}, {3 * s, s, 2 * s, 2 * s},
		{-s - 1, -s, -s + 1, -1, 0, 1}, {8640*s - 1, 8640 * s, 431600e6, 432600e6},
		{math.MinInt64, math.MaxInt64, math.MinInt64 + 1, math.MaxInt64 - 1},
	}
	for range 20 {
		xs := make([]int64, 1+r.IntN(300))
		for i := range xs {
			xs[i] = int64(r.IntN(3)) * 86400 / 10 * int64(r.IntN(3000)) * s // many ties, some past 180 days
			if r.IntN(2) == 0 {
				xs[i] += r.Int64N(2*s) - s
			}
		}
		cases = append(cases, xs)
	}
	for i, xs := range cases {
		subject := reviewerSubject("case-" + string(rune('a'+i)))
		f.addTurnarounds(subject, xs)
		var got *review.Middle
		if err := f.view(func(t *txn) (err error) { got, err = t.medianTurnaround(subject, int64(len(xs))); return err }); err != nil {
			t.Fatal(err)
		}
		want := review.Median(sortInt64s(xs))
		if *got != *want {
			t.Errorf("case %d (%d values): median %v, want %v", i, len(xs), *got, *want)
		}
	}
}

// TestMedianTurnaroundToTheNanosecond: the median is of decided_at −
// submitted_at as given (docs/formats.md §3), not of whole seconds. Two
// decisions 431.6 s and 432.6 s after their submissions have a median of
// 432.1 s, 0.0050012 days, so 0.01; whole seconds made it (431+432)/2 =
// 431.5 s, 0.00499 days, so 0. Both the index and the --since path.
func TestMedianTurnaroundToTheNanosecond(t *testing.T) {
	f := turnaroundsAcrossAHalf(t)
	for _, win := range [][2]time.Time{{}, {time.Unix(0, 0).Add(time.Second), time.Time{}}} {
		rep, err := f.Report(win[0], win[1])
		if err != nil {
			t.Fatal(err)
		}
		got := rep.Overall.MedianTurnaroundDays
		if got == nil || *got != 0.01 {
			t.Errorf("window %v: median_turnaround_days = %v, want 0.01 (median 432.1 s)", win, review.FormatFigure(got))
		}
		if r := rep.ByReviewer; len(r) != 1 || r[0].MedianTurnaroundDays == nil || *r[0].MedianTurnaroundDays != 0.01 {
			t.Errorf("window %v: reviewer rows %+v, want rev-1's median 0.01", win, r)
		}
	}
	f.mustCheck()
}

func sortInt64s(xs []int64) []int64 {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}

func TestHistogramCodec(t *testing.T) {
	var h histogram
	for _, b := range []uint16{overflowBucket, 0, 7, 7, 1799, 0} {
		h.add(b, 1)
	}
	h.add(7, -2)
	got, ok := decodeHistogram(h.encode())
	if !ok || len(got) != 3 || got[0] != (histBin{0, 2}) || got[1] != (histBin{1799, 1}) || got[2] != (histBin{overflowBucket, 1}) {
		t.Fatalf("round trip %v, %v", got, ok)
	}
	for _, bad := range [][]byte{{0x80}, {0x01}, {0xff, 0x0f, 0x02}} {
		if _, ok := decodeHistogram(bad); ok {
			t.Errorf("decoded bad histogram %x", bad)
		}
	}
}

// addTurnarounds adds each of xs (nanoseconds) to subject's turnaround median
// in one transaction, failing the test on error.
func (f *fixture) addTurnarounds(subject []byte, xs []int64) {
	f.t.Helper()
	err := f.update(func(t *txn) error {
		for _, x := range xs {
			if err := t.addTurnaround(subject, x); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
}

// turnaroundsAcrossAHalf is a store of two passes by rev-1, 431.6 s and
// 432.6 s after their submissions: a median of 432.1 s, 0.01 days, that
// whole seconds make 431.5 s, 0.00 days.
func turnaroundsAcrossAHalf(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	f.mustImport(
		submission("M-1", "classroom-discourse", 1, "2024-02-01T10:00:00Z"),
		decision("M-1", 1, "rev-1", "2024-02-01T10:07:11.6Z", "meets", "meets"),
		submission("M-2", "classroom-discourse", 1, "2024-02-01T10:00:00Z"),
		decision("M-2", 1, "rev-1", "2024-02-01T10:07:12.6Z", "meets", "meets"),
	)
	return f
}
