package server

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"testing"
	"time"
)

// perKey collects the latencies of every session by key, and all of them
// under "all".
func (r loadRun) perKey() map[string][]time.Duration {
	per := map[string][]time.Duration{}
	for _, res := range r.results {
		for k, ds := range res.latencies {
			per[k] = append(per[k], ds...)
			per["all"] = append(per["all"], ds...)
		}
	}
	for _, ds := range per {
		slices.Sort(ds)
	}
	return per
}

// report logs latency percentiles, overall and per key, and the CPU used.
func (r loadRun) report(t testing.TB) {
	t.Helper()
	var conn []time.Duration
	for _, res := range r.results {
		if res.connect > 0 {
			conn = append(conn, res.connect)
		}
	}
	t.Logf("%d sessions, %d decisions, keys for %s (all connected after %s), think time %s", r.sessions, r.confirmed, r.keys.Round(time.Millisecond), r.connected.Round(time.Millisecond), r.think)
	t.Logf("process CPU (server and clients) while keys ran: %.1f s, %.0f%% of %d cores", r.cpu.Seconds(), 100*r.cpu.Seconds()/r.keys.Seconds()/float64(runtime.NumCPU()), runtime.NumCPU())
	t.Logf("%-24s %6s %8s %8s %8s %8s", "latency", "n", "p50", "p95", "p99", "max")
	t.Log(pctLine("connect → first frame", conn))
	per := r.perKey()
	t.Log(pctLine("all keystrokes", per["all"]))
	names := make([]string, 0, len(per))
	for k := range per {
		if k != "all" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		t.Log(pctLine("key "+k, per[k]))
	}
}

// pct is the q quantile of sorted ds.
func pct(ds []time.Duration, q float64) time.Duration {
	return ds[min(int(q*float64(len(ds))), len(ds)-1)]
}

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// pctLine is one row of the latency table: count, p50, p95, p99, max.
func pctLine(name string, ds []time.Duration) string {
	if len(ds) == 0 {
		return name + ": none"
	}
	slices.Sort(ds)
	p := func(q float64) time.Duration { return pct(ds, q).Round(100 * time.Microsecond) }
	return fmt.Sprintf("%-24s %6d %8s %8s %8s %8s", name, len(ds), p(0.50), p(0.95), p(0.99), ds[len(ds)-1].Round(100*time.Microsecond))
}
