package store

import (
	"bytes"
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
// review.Median on sorted values, for counts odd and even, ties, negative
// turnarounds and the overflow bucket.
func TestMedianIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	f := emptyFixture(t)
	cases := [][]int64{
		{5}, {5, 5}, {0, 8639, 8640}, {-30, -30, 10},
		{180 * 86400, 180*86400 - 1, 400 * 86400, 1}, {3, 1, 2, 2},
	}
	for range 20 {
		xs := make([]int64, 1+r.IntN(300))
		for i := range xs {
			xs[i] = int64(r.IntN(3)) * 86400 / 10 * int64(r.IntN(3000)) // many ties, some past 180 days
		}
		cases = append(cases, xs)
	}
	for i, xs := range cases {
		subject := reviewerSubject("case-" + string(rune('a'+i)))
		f.addTurnarounds(subject, xs)
		var got *float64
		if err := f.view(func(t *txn) (err error) { got, err = t.medianTurnaround(subject, int64(len(xs))); return err }); err != nil {
			t.Fatal(err)
		}
		want := review.Median(sortInt64s(xs))
		if *got != *want {
			t.Errorf("case %d (%d values): median %v, want %v", i, len(xs), *got, *want)
		}
	}
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

// addTurnarounds adds each of xs (seconds) to subject's turnaround median
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
