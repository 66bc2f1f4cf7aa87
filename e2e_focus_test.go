package main

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEndToEndSelectionWithoutColour drives the reviewer in tmux with
// NO_COLOR=1 and on TERM=screen, which termenv takes for a terminal
// without colour or attributes: capture-pane keeps neither, so what it
// shows is what a monochrome terminal shows.
// The queue's selected row carries ▸ and follows the cursor, and the
// focused pane has the heavy border, which tab moves.
func TestEndToEndSelectionWithoutColour(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)
	for name, env := range map[string][]string{"NO_COLOR": {"NO_COLOR=1", "TERM=screen"}, "TERM=screen": {"TERM=screen"}} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dbCopy := filepath.Join(t.TempDir(), "demo.db")
			runBin(t, bin, "backup", dbCopy, "--db", db, "--as", "demo-admin")
			tm := newTerm(t, env, bin, "review", "--db", dbCopy, "--reviewer", "rev-mono")
			rows := handleRow.FindAllStringSubmatch(tm.waitQueue(), 2)
			if len(rows) < 2 {
				t.Fatal("fewer than two queue rows")
			}
			tm.waitFor("▸ on the first row", regexp.MustCompile(`(?m)^\s*▸\s+`+regexp.QuoteMeta(rows[0][1])).MatchString)
			tm.key("Down")
			tm.waitFor("▸ on the second row", regexp.MustCompile(`(?m)^\s*▸\s+`+regexp.QuoteMeta(rows[1][1])).MatchString)
			tm.key("Enter")
			s := tm.waitForText(rows[1][1] + " · ")
			focus := func(s string) string {
				top := strings.Split(s, "\n")[1]
				heavy, light := strings.Index(top, "┏"), strings.Index(top, "╭")
				switch {
				case heavy >= 0 && light > heavy:
					return "left"
				case light >= 0 && heavy > light:
					return "right"
				}
				return "none"
			}
			if f := focus(s); f != "left" {
				t.Fatalf("focus %s on opening, want left (evidence):\n%s", f, s)
			}
			tm.key("Tab")
			tm.waitFor("the heavy border on the rubric", func(s string) bool { return focus(s) == "right" })
		})
	}
}

// TestEndToEndNoColorKeepsReverse: NO_COLOR asks for no colour, not for no
// bold or reverse video. On a terminal that has them, the queue's selected
// row is drawn in reverse video and nothing on screen carries a colour.
func TestEndToEndNoColorKeepsReverse(t *testing.T) {
	t.Parallel()
	bin := buildBinary(t)
	db := demoStore(t, bin)
	tm := newTerm(t, []string{"NO_COLOR=1", "TERM=xterm-256color"}, bin, "review", "--db", db, "--reviewer", "rev-mono")
	first := handleRow.FindStringSubmatch(tm.waitQueue())[1]
	// Polled: under load the capture can come between two frames.
	reversed := false
	for end := time.Now().Add(5 * time.Second); !reversed && time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		reversed = reversedMarker(t, tm.run("capture-pane", "-e", "-p", "-t", "e2e"))
	}
	if !reversed {
		t.Error("the ▸ row of the queue is not in reverse video")
	}
	tm.key("Enter")
	tm.waitForText(first + " · ")
	tm.key("s")
	tm.waitForText("Scoring " + first)
	reversedMarker(t, tm.run("capture-pane", "-e", "-p", "-t", "e2e"))
}

// reversedMarker fails the test on any colour in a screen captured with
// its attributes, and reports whether a line holding ▸ is in reverse video.
func reversedMarker(t *testing.T, styled string) bool {
	t.Helper()
	reversed := false
	for _, line := range strings.Split(styled, "\n") {
		for _, m := range sgr.FindAllStringSubmatch(line, -1) {
			for _, p := range strings.Split(m[1], ";") {
				n, _ := strconv.Atoi(p)
				switch {
				case n == 7 && strings.Contains(line, "▸"):
					reversed = true
				case n >= 30 && n <= 38, n >= 40 && n <= 48, n >= 90 && n <= 97, n >= 100 && n <= 107:
					t.Errorf("colour %q on the screen with NO_COLOR=1: %q", m[0], line)
				}
			}
		}
	}
	return reversed
}

// sgr is one Select Graphic Rendition sequence and its parameters.
var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m`)
