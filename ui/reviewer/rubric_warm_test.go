package reviewer

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
)

// TestQueueWarmsRubricsOfWhatOpensNext: once the queue has loaded and the
// terminal's size is known, the queue renders the rubrics of its waiting
// attempts at the review screen's rubric width, in a command, into the
// cache every session shares, so that opening one does not render it; not
// the rubric of an attempt someone else holds, and only once per width.
func TestQueueWarmsRubricsOfWhatOpensNext(t *testing.T) {
	f := newFake()
	// Text of their own: the shared cache lives as long as the process.
	tag := time.Now().UnixNano()
	for i := range f.rubrics {
		f.rubrics[i].Markdown += fmt.Sprintf("\n\nWarm test %d.\n", tag)
	}
	f.others[f.attempts[1].Key()] = true // the only eliciting-evidence attempt
	app := New(f, "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()}).(*appModel)

	if _, cmd := app.Update(tea.WindowSizeMsg{Width: 160, Height: 48}); cmd != nil {
		t.Fatal("a command to warm rubrics before the queue loaded")
	}
	loaded := app.Init()()
	_, warm := app.Update(loaded)
	if warm == nil {
		t.Fatal("no command to warm the rubrics once the queue loaded")
	}
	if msg := warm(); msg != nil {
		t.Errorf("warming sent %T, want nothing", msg)
	}
	_, rubW := paneWidths(160)
	byID := map[string]review.Rubric{}
	for _, r := range f.rubrics {
		byID[r.ID] = r
	}
	if app.c.MD.Warm(byID["descriptive-feedback"], rubW) {
		t.Error("descriptive-feedback, waiting on the queue, was not warmed")
	}
	if !app.c.MD.Warm(byID["eliciting-evidence"], rubW) {
		t.Error("eliciting-evidence, held by another reviewer, was warmed")
	}
	if _, again := app.Update(loaded); again != nil {
		t.Error("a reload at the same width warmed again")
	}
	if _, resized := app.Update(tea.WindowSizeMsg{Width: 120, Height: 40}); resized == nil {
		t.Error("no warming at a new width")
	}
}

// TestQueueWarmsNothingBeforeItsSize: a queue that loads before the
// terminal's size is known warms nothing (it would draw the rubrics at a
// width no screen shows, into slots of the shared cache), and warms once
// the size comes.
func TestQueueWarmsNothingBeforeItsSize(t *testing.T) {
	app := New(newFake(), "rev-1", common.Options{Now: testClock, Renderer: trueColorRenderer()}).(*appModel)
	if _, warm := app.Update(app.Init()()); warm != nil {
		t.Fatal("a command to warm rubrics before the size was known")
	}
	if _, warm := app.Update(tea.WindowSizeMsg{Width: 160, Height: 48}); warm == nil {
		t.Fatal("no command to warm the rubrics once the size came")
	}
}
