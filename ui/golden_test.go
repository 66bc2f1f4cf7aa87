package ui_test

// Golden screens: every screen of the reviewer program, the lead dashboard
// and adjudication, drawn at 80×24 and at 160×48, compared with
// testdata/golden/<screen>_<w>x<h>.golden so a layout change shows up in
// review as a diff. Rewrite the files with `go test ./ui/ -run TestGolden
// -update` and read the diff before committing it.
//
// The tests use only the exported API, so they survive any reshuffle of the
// package's internals, and they drive a real store built from the bundled
// rubrics and the demo history: the data is fixed by the demo seed, the
// store's pseudonym source is seeded, and every clock is goldenNow.

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/ui"
	"assessor/ui/internal/uitest"
)

// goldenWait bounds every wait for a screen to show what a test expects.
const goldenWait = 5 * time.Second

// goldenQuiet is how long the output must stay unchanged before a screen
// counts as drawn: a command still in flight would otherwise change the
// final frame from one run to the next.
const goldenQuiet = 150 * time.Millisecond

// goldenNow is the fixed clock of the store, the demo history and the
// screens, so days waiting and dates never move.
func goldenNow() time.Time { return time.Date(2024, 3, 15, 12, 0, 0, 0, time.UTC) }

// goldenOptions are the options `assessor review` runs with (cli/review.go
// sets only NoColor and the credential filter), made deterministic: the
// fixed clock, and a renderer of its own pinned to plain text, so the frame
// does not depend on the terminal the tests run in. The draft debounce is
// an hour: a debounced save would put "draft saved" in the header at a
// moment that depends on the scheduler.
func goldenOptions() ui.Options {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return ui.Options{Now: goldenNow, NoColor: true, Renderer: r, DraftDelay: time.Hour}
}

// updateGolden reports whether -update was given. The flag is the one
// teatest's golden package defines (it is linked in through teatest), so
// `-update` rewrites these files and teatest's own alike.
func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// requireGolden compares got with testdata/golden/name.golden, or writes
// it there with -update. The file ends in a newline the frame does not
// have, so editors leave it alone.
func requireGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if got == want {
		return
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
	line := 0
	for line < len(gl) && line < len(wl) && gl[line] == wl[line] {
		line++
	}
	at := func(ls []string) string {
		if line < len(ls) {
			return ls[line]
		}
		return "(end of frame)"
	}
	t.Fatalf("%s differs from the drawn frame at line %d:\nwant %q\ngot  %q\n\nwhole frame:\n%s\n(if the change is intended, rerun with -update and review the diff)",
		path, line+1, at(wl), at(gl), got)
}

// eachSize runs draw at each golden size, the classic 80×24 terminal and
// a large 160×48 one, as a subtest, and compares the frame it returns with
// the golden file named for the screen and the size. The frame must be
// plain text and fit the terminal.
func eachSize(t *testing.T, screen string, draw func(t *testing.T, w, h int) string) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			frame := draw(t, sz.w, sz.h)
			if strings.Contains(frame, "\x1b") {
				t.Errorf("frame holds escape sequences; golden frames must be plain text:\n%q", frame)
			}
			uitest.RequireFits(t, frame, sz.w, sz.h)
			requireGolden(t, fmt.Sprintf("%s_%dx%d", screen, sz.w, sz.h), frame)
		})
	}
}

// frameOf is one program running under teatest at a fixed size, driven
// (Press, Do, WaitAfter) until it shows the screen a golden file holds.
type frameOf struct{ *uitest.Session }

// run starts m at w×h; each wait may take goldenWait.
func run(t *testing.T, m tea.Model, w, h int) *frameOf {
	t.Helper()
	s := uitest.Start(t, m, w, h)
	s.Wait = goldenWait
	return &frameOf{s}
}

// frame waits until nothing new has been drawn for goldenQuiet, stops the
// program from outside (so no quit key changes the screen, and no draft
// is saved) and returns the final model's View.
func (p *frameOf) frame() string {
	p.T.Helper()
	quietSince, deadline := time.Now(), time.Now().Add(goldenWait)
	drawn := p.Out.Len()
	for time.Since(quietSince) < goldenQuiet {
		if time.Now().After(deadline) {
			p.T.Fatalf("the screen kept changing for %s", goldenWait)
		}
		time.Sleep(10 * time.Millisecond)
		if n := p.Mark(); n > drawn {
			drawn, quietSince = n, time.Now()
		}
	}
	if err := p.TM.Quit(); err != nil {
		p.T.Fatal(err)
	}
	return p.Final().View()
}

// keys is shorthand for a key list.
var keys = uitest.Keys

// requireContains fails unless frame holds every sub.
func requireContains(t *testing.T, frame string, subs ...string) {
	t.Helper()
	for _, sub := range subs {
		if !strings.Contains(frame, sub) {
			t.Errorf("frame lacks %q:\n%s", sub, frame)
		}
	}
}

// requireNoIdentity fails if frame shows an application id or a
// candidate's name or email: reviewers see handles only.
func requireNoIdentity(t *testing.T, frame string, d *demoData) {
	t.Helper()
	for _, s := range d.identities {
		if strings.Contains(frame, s) {
			t.Errorf("frame shows %q, which only the vault may hold:\n%s", s, frame)
		}
	}
}

// contains is strings.Contains, for tests that only need the one function.
func contains(s, sub string) bool { return strings.Contains(s, sub) }
