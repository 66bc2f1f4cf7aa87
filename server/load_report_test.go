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
		for k, ds := range res.Latencies {
			per[k] = append(per[k], ds...)
			per["all"] = append(per["all"], ds...)
		}
	}
	for _, ds := range per {
		slices.Sort(ds)
	}
	return per
}

// keyCount is how many keystrokes had their latency measured: all but the
// feedback marker and q, whose server work the CPU per key includes.
func (r loadRun) keyCount() int {
	n := 0
	for _, res := range r.results {
		for _, ds := range res.Latencies {
			n += len(ds)
		}
	}
	return n
}

// received is the bytes the clients received while keys ran: what the
// server encrypted and every client read.
func (r loadRun) received() int {
	n := 0
	for _, res := range r.results {
		n += res.Received
	}
	return n
}

// receivedPerKey is received per measured keystroke.
func (r loadRun) receivedPerKey() float64 {
	return float64(r.received()) / float64(max(r.keyCount(), 1))
}

// cpuPerKey is the server's CPU per measured keystroke while keys ran.
func (r loadRun) cpuPerKey() time.Duration {
	return r.cpu / time.Duration(max(r.keyCount(), 1))
}

// keysPerSecond is how many measured keystrokes the server answered a
// second while keys ran.
func (r loadRun) keysPerSecond() float64 {
	return float64(r.keyCount()) / max(r.keys.Seconds(), 1e-9)
}

// mean is the mean of ds.
func mean(ds []time.Duration) time.Duration {
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(max(len(ds), 1))
}

// report logs latency percentiles, overall and per key, and the CPU the
// server and its clients used.
func (r loadRun) report(t testing.TB) {
	t.Helper()
	var conn []time.Duration
	for _, res := range r.results {
		if res.Connect > 0 {
			conn = append(conn, res.Connect)
		}
	}
	t.Logf("%d sessions, %d decisions, keys for %s (all connected after %s), think time %s", r.sessions, r.confirmed, r.keys.Round(time.Millisecond), r.connected.Round(time.Millisecond), r.think)
	cores := runtime.NumCPU()
	share := func(cpu time.Duration) float64 { return 100 * cpu.Seconds() / r.keys.Seconds() / float64(cores) }
	perKey := r.cpuPerKey()
	t.Logf("server CPU while keys ran: %.2f s, %.0f%% of %d cores; %.3f ms per key (%d keys measured), so about %.0f keys/s on %d cores", r.cpu.Seconds(), share(r.cpu), cores, ms(perKey), r.keyCount(), float64(cores)/perKey.Seconds(), cores)
	t.Logf("clients' CPU (their own process) while keys ran: %.2f s, %.0f%% of %d cores; %.2f s in all, connecting included", r.clientCPU.Seconds(), share(r.clientCPU), cores, r.clientAll.Seconds())
	if r.think == 0 {
		// Unpaced, each session has one key in flight at all times, so
		// (Little's law) the mean latency is at most sessions over keys
		// answered a second; only more keys a second can lower it.
		t.Logf("closed loop: %d sessions / %.0f keys/s = %.1f ms a key at most on average (measured mean %.1f ms)",
			r.sessions, r.keysPerSecond(), 1000*float64(r.sessions)/r.keysPerSecond(), ms(mean(r.perKey()["all"])))
	}
	t.Logf("sent to the clients while keys ran: %.1f MB, %.0f bytes per key", float64(r.received())/1e6, r.receivedPerKey())
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
