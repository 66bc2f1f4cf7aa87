package main

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestEndToEndServedFramesMatchRedraw: over SSH, serve writes each key's
// change only, keeping the start of every line it shares with the one on
// the terminal (server/frames.go). After scoring and typing, in colour,
// the terminal (tmux, with styles: capture-pane -e) must show exactly what
// a whole redraw of the same screen shows; a window resized away and back
// makes serve draw every line whole.
func TestEndToEndServedFramesMatchRedraw(t *testing.T) {
	t.Parallel()
	key, srv := servedDemo(t, "rev-frames")
	tm := newTerm(t, nil, sshArgs(key, srv.port)...)
	handle := handleRow.FindStringSubmatch(tm.waitQueue())[1]
	tm.key("Enter")
	tm.waitForText(handle + " · ")
	tm.press("s", regexp.QuoteMeta("Scoring "+handle))
	tm.press("m", `C1 {2,}meets\b`)
	tm.press("j", `▸ C3 `)
	tm.press("m", `C3 {2,}meets\b`)
	tm.press("e", "done editing")
	tm.typeText("kept starts, redrawn")
	tm.waitForText("kept starts, redrawn")

	styled := func() string { return tm.run("capture-pane", "-p", "-e", "-t", "e2e") }
	before := settled(styled)
	tm.run("resize-window", "-t", "e2e", "-x", "170", "-y", "48")
	// The panes' top border reaches the new right edge.
	tm.waitFor("the wider screen", func(s string) bool { return utf8.RuneCountInString(strings.Split(s, "\n")[1]) > 165 })
	tm.run("resize-window", "-t", "e2e", "-x", "160", "-y", "48")
	deadline := time.Now().Add(10 * time.Second)
	for after := styled(); after != before; after = styled() {
		if time.Now().After(deadline) {
			b, a := strings.Split(before, "\n"), strings.Split(after, "\n")
			for i := range min(len(b), len(a)) {
				if b[i] != a[i] {
					t.Fatalf("row %d after the keys:\n%q\nredrawn whole:\n%q", i, b[i], a[i])
				}
			}
			t.Fatalf("%d rows after the keys, %d redrawn whole", len(b), len(a))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// settled is capture once it has shown the same screen for a second, so
// no frame is still to come (the draft is saved 400 ms after the last
// key, and says so in the header); or its last after 10 seconds.
func settled(capture func() string) string {
	last, since := capture(), time.Now()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		s := capture()
		if s != last {
			last, since = s, time.Now()
		} else if time.Since(since) >= time.Second {
			break
		}
	}
	return last
}
