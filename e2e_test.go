package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/store"
)

// These tests build the real binary and drive it in tmux as a reviewer
// would. They skip with -short and where tmux is missing (.ci/run installs
// it). They run in parallel: each has its own store, tmux server and (for
// serve) port, and most of their time is spent waiting for a screen.

// buildBinary skips an end-to-end test with -short or without tmux, and
// otherwise returns the assessor binary, built once for the whole run
// (assessorBinary).
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end test: skipped with -short")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("end-to-end test needs tmux (apt-get install tmux); .ci/run installs it")
	}
	return assessorBinary(t)
}

// runBin runs the binary to completion and returns its output; a failure
// fails the test with the command line and the output.
func runBin(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("assessor %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// demoStore builds the demo store with `assessor demo --build-only` in a
// temp dir and returns its path.
func demoStore(t *testing.T, bin string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "demo.db")
	runBin(t, bin, "demo", "--db", db, "--build-only")
	return db
}

// term is one tmux session on a private server socket, so tests never touch
// a developer's own tmux.
type term struct {
	t      *testing.T
	socket string
}

// newTerm starts args (under env, with the variables in env) in a detached
// 160×48 tmux session on a server of its own, killed when the test ends.
// CI is unset: the terminal libraries take a set CI to mean "no terminal"
// and draw without attributes, which no user at a terminal sees.
func newTerm(t *testing.T, env []string, args ...string) *term {
	t.Helper()
	tm := &term{t: t, socket: fmt.Sprintf("assessor-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	cmd := append([]string{"new-session", "-d", "-x", "160", "-y", "48", "-s", "e2e"}, append([]string{"env", "-u", "CI"}, append(env, args...)...)...)
	tm.run(cmd...)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

// run runs one tmux command on the term's server and returns its output.
func (tm *term) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// key sends one tmux key name (Enter, Down, C-s or a single character)
// and does not wait. Printable characters that reach the program in one
// read are still one key each (ui/typing.go), but a key sent before the
// screen it is meant for has drawn goes to the screen before it: the
// first of two goes through press, which waits for its effect, or is
// followed by a wait.
func (tm *term) key(k string) {
	tm.t.Helper()
	tm.run("send-keys", "-t", "e2e", k)
}

// press sends one key and waits until the screen matches re (multi-line
// mode), so the program has read the key before the next one is sent; it
// returns the screen.
func (tm *term) press(key, re string) string {
	tm.t.Helper()
	rx := regexp.MustCompile("(?m)" + re)
	tm.run("send-keys", "-t", "e2e", key)
	return tm.waitFor(fmt.Sprintf("%s after %s", re, key), rx.MatchString)
}

// scoreRestMeets marks meets on every criterion from C2, where the cursor
// is, on: each m moves on to the next criterion without a level. Each key
// waits for its effect (Ck at meets, on the panel's row: two spaces
// between id and level, where the evidence's earlier feedback has one).
func (tm *term) scoreRestMeets() {
	tm.t.Helper()
	s := tm.screen()
	for k := 2; strings.Contains(s, fmt.Sprintf(" C%d  ", k)); k++ {
		s = tm.press("m", fmt.Sprintf(`C%d {2,}meets\b`, k))
	}
}

// typeText types literal text.
func (tm *term) typeText(s string) { tm.run("send-keys", "-t", "e2e", "-l", s) }

// screen is what the terminal shows now, as text.
func (tm *term) screen() string { return tm.run("capture-pane", "-p", "-t", "e2e") }

// waitFor polls the screen until it matches, failing with the last screen.
// The interval is short: most keys answer within a frame, and a poll is
// one small tmux command.
func (tm *term) waitFor(what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitForText is waitFor until the screen contains text.
func (tm *term) waitForText(text string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q", text), func(s string) bool { return strings.Contains(s, text) })
}

// waitQueue waits until the queue shows attempt rows and returns the
// screen. "pending" alone is not enough: the header says "0 pending" while
// the queue loads, and demo's log line says pending too.
func (tm *term) waitQueue() string {
	tm.t.Helper()
	return tm.waitFor("a queue row", handleRow.MatchString)
}

// waitExit waits for the program (and so the tmux session) to end.
func (tm *term) waitExit() {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for exec.Command("tmux", "-L", tm.socket, "has-session", "-t", "e2e").Run() == nil {
		if time.Now().After(deadline) {
			tm.t.Fatalf("program did not exit; screen:\n%s", tm.screen())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// pid is the process id of the program the session runs.
func (tm *term) pid() string {
	return strings.TrimSpace(tm.run("display-message", "-p", "-t", "e2e", "#{pane_pid}"))
}

// handleRow finds a queue row's attempt handle, "DF-7KQ2#2", after the ▸
// that marks the selected row.
var handleRow = regexp.MustCompile(`(?m)^\s*(?:▸\s+)?([A-Z]{2}-[0-9A-Z]{4}#\d+)\s`)

// TestEndToEndReview runs `assessor demo` in tmux, scores the oldest attempt
// with keystrokes (one not-yet with feedback, the rest meets), confirms, sees
// the next attempt open, quits, and finds the decision in the store.
func TestEndToEndReview(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "demo", "--db", db, "--reviewer", "rev-e2e")

	queue := tm.waitQueue()
	m := handleRow.FindStringSubmatch(queue)
	if m == nil {
		t.Fatalf("no attempt row in the queue:\n%s", queue)
	}
	first := m[1]

	tm.key("Enter")
	tm.waitForText(first + " · ")
	tm.key("s")
	tm.waitForText("Scoring " + first)
	feedback := "The samples show your comments but not what students did next; add a revised draft from each student and explain what changed."
	tm.press("n", `▸ C2\s`) // not-yet, and on to C2
	tm.press("k", `▸ C1 {2,}not-yet\b`)
	tm.press("e", "done editing")
	tm.typeText(feedback)
	// ctrl+s, not esc: an ESC followed closely by "j" reads as alt+j.
	tm.key("C-s")
	tm.waitFor("editing to end", func(s string) bool { return !strings.Contains(s, "done editing") })
	// Meets on every criterion after the first.
	tm.press("j", `▸ C2\s`)
	tm.scoreRestMeets()
	tm.waitForText("Outcome: resubmit")
	tm.key("c")
	tm.waitForText("Record RESUBMIT for " + first)
	tm.key("y")
	next := tm.waitFor("the next attempt to open", func(s string) bool {
		return strings.Contains(s, "Evidence") && !strings.Contains(s, first+" · ")
	})
	if strings.Contains(next, "Dana") || strings.Contains(next, "@") {
		t.Errorf("screen shows something that looks like identity:\n%s", next)
	}
	tm.key("q")
	tm.waitExit()

	st, k := storedAttempt(t, db, first)
	d, ok, err := st.Decision(k)
	if err != nil || !ok {
		t.Fatalf("decision on %s not stored: %v", first, err)
	}
	if d.Reviewer != "rev-e2e" || d.Outcome != review.Resubmit || d.Levels["C1"] != "not-yet" || d.Feedback["C1"] != feedback {
		t.Fatalf("stored decision %+v", d)
	}
}

// savedAt is the review screen's "draft saved" stamp.
var savedAt = regexp.MustCompile(`draft saved \d\d:\d\d:\d\d`)

// TestEndToEndDraftSurvivesKill types a level and feedback, waits for the
// debounced save, kills the process with SIGKILL, and finds the draft both
// in the store and back on screen when the attempt is reopened.
func TestEndToEndDraftSurvivesKill(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-kill")
	m := handleRow.FindStringSubmatch(tm.waitQueue())
	first := m[1]
	tm.key("Enter")
	tm.waitForText(first + " · ")
	tm.press("s", regexp.QuoteMeta("Scoring "+first))
	tm.press("n", `▸ C2\s`) // not-yet, and on to C2
	tm.press("k", `▸ C1 {2,}not-yet\b`)
	tm.press("e", "done editing")
	// The level alone is saved first, and "draft saved" then stays: the
	// save that holds the feedback is the one stamped a later second.
	before := savedAt.FindString(tm.waitFor("the level's save", savedAt.MatchString))
	time.Sleep(1100 * time.Millisecond)
	tm.typeText("Half-typed feedback that must survive a crash")
	tm.waitFor("the feedback's save", func(s string) bool {
		at := savedAt.FindString(s)
		return at != "" && at != before && strings.Contains(s, "must survive a crash")
	})
	if err := exec.Command("kill", "-9", tm.pid()).Run(); err != nil {
		t.Fatal(err)
	}
	tm.waitExit()

	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k, _, err := st.Resolve(first)
	if err != nil {
		t.Fatal(err)
	}
	d, ok, err := st.Draft("rev-kill", k)
	st.Close()
	if err != nil || !ok || d.Levels["C1"] != "not-yet" || !strings.Contains(d.Feedback["C1"], "must survive a crash") {
		t.Fatalf("draft after kill -9: %+v (found %v, err %v)", d, ok, err)
	}

	tm = newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-kill")
	tm.waitQueue()
	tm.press("Enter", regexp.QuoteMeta(first+" · "))
	tm.key("s")
	s := tm.waitForText("Scoring " + first)
	if !strings.Contains(s, "not-yet") || !strings.Contains(s, "must survive a crash") {
		t.Fatalf("draft not restored on screen:\n%s", s)
	}
	tm.key("q")
	tm.waitExit()
}

// TestEndToEndDashboard opens the lead dashboard on the demo store, reads the
// headline, and walks to the turnaround tab with its overdue list; then
// `check` confirms the report counters equal a recomputation.
func TestEndToEndDashboard(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "dashboard", "--db", db, "--as", "demo-lead")
	head := tm.waitForText("First-time pass")
	if !regexp.MustCompile(`First-time pass \d+\.\d% \(national reference ≈40%\)`).MatchString(head) {
		t.Fatalf("headline:\n%s", head)
	}
	tm.key("5")
	s := tm.waitForText("Overdue:")
	if !strings.Contains(s, "14 days and more") || !handleRow.MatchString(s) {
		t.Fatalf("turnaround tab:\n%s", s)
	}
	tm.key("q")
	tm.waitExit()
	out, err := exec.Command(bin, "check", "--db", db, "--as", "demo-admin").CombinedOutput()
	if err != nil || !strings.Contains(string(out), ": ok (320 applications") {
		t.Fatalf("check: %v\n%s", err, out)
	}
}

// TestEndToEndResubmissionDiff opens the oldest pending resubmission of the
// demo store, sees attempt 1's feedback, then toggles the evidence diff.
func TestEndToEndResubmissionDiff(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)
	tm := newTerm(t, []string{"NO_COLOR=1"}, bin, "review", "--db", db, "--reviewer", "rev-diff")
	queue := tm.waitQueue()
	rows := handleRow.FindAllStringSubmatch(queue, -1)
	target := -1
	for i, m := range rows {
		if !strings.HasSuffix(m[1], "#1") {
			target = i
			break
		}
	}
	if target < 0 {
		t.Fatalf("no resubmission on the first screen of the queue:\n%s", queue)
	}
	// The arrow key, not j: the screen's text does not show the queue's
	// cursor, and escape sequences read together are still one key each,
	// where runes read together would be typed text.
	for range target {
		tm.key("Down")
	}
	tm.key("Enter")
	h := rows[target][1]
	prev := tm.waitForText(h + " · ")
	if !strings.Contains(prev, "feedback (resubmit)") {
		t.Fatalf("attempt n-1's feedback is not shown:\n%s", prev)
	}
	tm.key("d")
	diff := tm.waitForText("Evidence · diff")
	if !regexp.MustCompile(`diff vs attempt \d+ · \+\d+ words −\d+ words`).MatchString(diff) {
		t.Fatalf("no diff header:\n%s", diff)
	}
	tm.key("q")
	tm.waitExit()
}
