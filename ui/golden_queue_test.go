package ui_test

import (
	"testing"

	"assessor/ui"
)

// startReviewer opens the reviewer program on d as the golden reviewer and
// waits for the queue, whose oldest row is first.
func startReviewer(t *testing.T, d *demoData, w, h int) *frameOf {
	t.Helper()
	p := run(t, ui.New(d.st, goldenReviewer, goldenOptions()), w, h)
	p.waitAfter(0, d.queue(t)[0].Handle())
	return p
}

func TestGoldenQueue(t *testing.T) {
	eachSize(t, "queue", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		q := d.queue(t)
		frame := startReviewer(t, d, w, h).frame()
		requireContains(t, frame, "reviewer "+goldenReviewer, q[0].Handle(), "filter: all credentials")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenQueueHelp(t *testing.T) {
	eachSize(t, "queue_help", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p := startReviewer(t, d, w, h)
		p.do(keys("?"), "oldest", "newest", "reload")
		frame := p.frame()
		requireContains(t, frame, "claim & open", "filter credential", "reload")
		requireNoIdentity(t, frame, d)
		return frame
	})
}
