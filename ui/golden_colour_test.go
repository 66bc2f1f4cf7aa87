package ui_test

// Selection and focus must show with colour and without it (NO_COLOR=1, or
// a terminal without colour): the queue's selected row carries a ▸ and
// the focused pane a heavier border in both modes. The plain golden files
// are the no-colour frames; these are the same screens in colour, as a
// 16-colour terminal such as TERM=screen draws them.

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"assessor/review"
	"assessor/ui"
	"assessor/ui/internal/uitest"
)

// colourOptions are goldenOptions with colour on, on a renderer pinned to
// the 16-colour ANSI profile.
func colourOptions() ui.Options {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI)
	r.SetHasDarkBackground(true)
	opt := goldenOptions()
	opt.Renderer, opt.NoColor = r, false
	return opt
}

// eachSizeColour is eachSize for frames drawn in colour: the file keeps
// the escape sequences, each ESC written as ␛ so the file reads as text and
// a diff shows which cells changed style. The frame without them must fit
// the terminal and show every one of plain.
func eachSizeColour(t *testing.T, screen string, draw func(t *testing.T, w, h int) string, plain ...string) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			frame := draw(t, sz.w, sz.h)
			if !strings.Contains(frame, "\x1b[") {
				t.Fatalf("the colour frame has no escape sequence: colour is off\n%s", frame)
			}
			stripped := ansi.Strip(frame)
			uitest.RequireFits(t, stripped, sz.w, sz.h)
			requireContains(t, stripped, plain...)
			requireGolden(t, fmt.Sprintf("%s_colour_%dx%d", screen, sz.w, sz.h), strings.ReplaceAll(frame, "\x1b", "␛"))
		})
	}
}

func TestGoldenQueueColour(t *testing.T) {
	eachSizeColour(t, "queue", func(t *testing.T, w, h int) string {
		d := demoStore(t)
		q := d.queue(t)
		p := run(t, ui.New(d.st, goldenReviewer, colourOptions()), w, h)
		p.WaitAfter(0, q[0].Handle())
		p.Do(keys("down"), "▸")
		return p.frame()
	}, "Status", "▸")
}

// reviewFocus opens the oldest first attempt with opt and presses keys,
// then returns the frame.
func reviewFocus(t *testing.T, opt ui.Options, w, h int, keys ...string) (string, review.QueueItem) {
	t.Helper()
	d := demoStore(t)
	_, it := d.pick(t, func(it review.QueueItem) bool { return it.Attempt == 1 })
	p := run(t, ui.New(d.st, goldenReviewer, opt), w, h)
	p.WaitAfter(0, it.Handle())
	// Styles may split the header's text in colour: wait for the panes.
	p.Do([]string{"enter"}, "Evidence", "Rubric")
	for _, k := range keys {
		p.Press(k)
	}
	return p.frame(), it
}

// requireFocus fails unless the heavy border (┏) opens the pane that has
// focus, left or right, on the frame's second line, and the other pane's
// border is the light one.
func requireFocus(t *testing.T, frame string, right bool) {
	t.Helper()
	lines := strings.Split(ansi.Strip(frame), "\n")
	if len(lines) < 2 {
		t.Fatalf("frame too short:\n%s", frame)
	}
	top := lines[1]
	heavy, light := strings.Index(top, "┏"), strings.Index(top, "╭")
	if heavy < 0 || light < 0 || (heavy > light) != right {
		t.Errorf("focus on the right pane = %v, but the top border is %q", right, top)
	}
}

func TestGoldenReviewFocusColour(t *testing.T) {
	eachSizeColour(t, "review_focus", func(t *testing.T, w, h int) string {
		frame, _ := reviewFocus(t, colourOptions(), w, h)
		requireFocus(t, frame, false)
		return frame
	}, "Evidence", "Rubric")
}

// TestGoldenReviewTab: tab moves the focus, and the heavy border with it,
// to the rubric, without colour.
func TestGoldenReviewTab(t *testing.T) {
	eachSize(t, "review_tab", func(t *testing.T, w, h int) string {
		frame, it := reviewFocus(t, goldenOptions(), w, h, "tab")
		requireFocus(t, frame, true)
		requireContains(t, frame, it.Handle(), "Rubric")
		return frame
	})
}
