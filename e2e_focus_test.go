package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEndToEndSelectionWithoutColour drives the reviewer in tmux with
// NO_COLOR=1 and with colour on TERM=screen: capture-pane keeps no colour
// or reverse video, so what it shows is what a monochrome terminal shows.
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
