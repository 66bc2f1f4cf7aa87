package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkReviewRSS runs the real binary, `assessor review`, in tmux on a
// store built by `assessor gen` and reads its resident memory from
// /proc/PID/status: once the queue shows its rows, and after opening the
// oldest attempt. Each store size is skipped unless its environment
// variable names the store (docs/PERFORMANCE.md); it needs tmux.
//
// VmRSS counts the pages of the memory-mapped store file the process has
// touched as well as its heap; both are reported (rss-anon-MB is the heap,
// stacks and Go runtime).
func BenchmarkReviewRSS(b *testing.B) {
	if _, err := exec.LookPath("tmux"); err != nil {
		b.Skip("needs tmux")
	}
	sizes := []struct{ name, env string }{
		{"attempts=10k", "ASSESSOR_BENCH_DB_10K"},
		{"attempts=1M", "ASSESSOR_BENCH_DB_1M"},
	}
	if os.Getenv(sizes[0].env) == "" && os.Getenv(sizes[1].env) == "" {
		b.Skip("set ASSESSOR_BENCH_DB_10K and ASSESSOR_BENCH_DB_1M to stores built with `assessor gen` (docs/PERFORMANCE.md)")
	}
	bin := assessorBinary(b)
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			db := os.Getenv(size.env)
			if db == "" {
				b.Skipf("set %s to a store built with `assessor gen` (docs/PERFORMANCE.md)", size.env)
			}
			for b.Loop() {
				queue, review := reviewRSS(b, bin, db)
				b.ReportMetric(queue.rss, "rss-queue-MB")
				b.ReportMetric(queue.anon, "rss-anon-queue-MB")
				b.ReportMetric(review.rss, "rss-review-MB")
				b.ReportMetric(review.anon, "rss-anon-review-MB")
			}
		})
	}
}

// memUse is a process's resident memory in MiB.
type memUse struct{ rss, anon float64 }

// reviewRSS starts `assessor review` on db in a private tmux server and
// measures it on the queue screen and on the review screen of the oldest
// attempt it may take.
func reviewRSS(b *testing.B, bin, db string) (queue, review memUse) {
	b.Helper()
	socket := fmt.Sprintf("assessor-rss-%d-%d", os.Getpid(), time.Now().UnixNano())
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-L", socket}, args...)...).CombinedOutput()
		if err != nil {
			b.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	tmux("new-session", "-d", "-x", "160", "-y", "48", "-s", "rss", "env", "NO_COLOR=1", bin, "review", "--db", db, "--reviewer", "rev-rss")
	defer exec.Command("tmux", "-L", socket, "kill-server").Run()
	waitScreen := func(what string, ok func(string) bool) {
		deadline := time.Now().Add(30 * time.Second)
		for !ok(tmux("capture-pane", "-p", "-t", "rss")) {
			if time.Now().After(deadline) {
				b.Fatalf("timed out waiting for %s:\n%s", what, tmux("capture-pane", "-p", "-t", "rss"))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitText := func(text string) {
		waitScreen(fmt.Sprintf("%q", text), func(s string) bool { return strings.Contains(s, text) })
	}
	pid := strings.TrimSpace(tmux("display-message", "-p", "-t", "rss", "#{pane_pid}"))
	// Queue rows, not just "pending": the header says "0 pending" while
	// the queue is still loading.
	waitScreen("a queue row", handleRow.MatchString)
	// The pauses before each reading are part of the measurement: memory
	// is read once the frame has settled, not while it is being drawn.
	time.Sleep(200 * time.Millisecond)
	queue = readMem(b, pid)
	tmux("send-keys", "-t", "rss", "n") // the oldest attempt not leased to someone
	waitText("Evidence")
	time.Sleep(200 * time.Millisecond)
	review = readMem(b, pid)
	// esc releases the lease, so the next run can take the same attempt.
	tmux("send-keys", "-t", "rss", "Escape")
	waitScreen("a queue row", handleRow.MatchString)
	tmux("send-keys", "-t", "rss", "q")
	return queue, review
}

// readMem reads VmRSS and RssAnon of pid.
func readMem(b *testing.B, pid string) memUse {
	b.Helper()
	f, err := os.Open("/proc/" + pid + "/status")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var m memUse
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			m.rss = kb / 1024
		case "RssAnon":
			m.anon = kb / 1024
		}
	}
	if m.rss == 0 {
		b.Fatalf("no VmRSS in /proc/%s/status", pid)
	}
	return m
}
