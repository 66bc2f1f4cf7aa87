package ui_test

import (
	"fmt"
	"testing"

	"assessor/ui"
)

// startReviewer opens the reviewer program on d as the golden reviewer and
// waits for the queue, whose oldest row is first.
func startReviewer(t *testing.T, d *demoData, w, h int) *frameOf {
	t.Helper()
	p := run(t, ui.New(d.st, goldenReviewer, goldenOptions()), w, h)
	p.WaitAfter(0, d.queue(t)[0].Handle())
	return p
}

// goldenQueue draws the queue after keys, which must draw shows.
func goldenQueue(t *testing.T, screen string, keys []string, shows ...string) {
	eachSize(t, screen, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		q := d.queue(t)
		p := startReviewer(t, d, w, h)
		if len(keys) > 0 {
			p.Do(keys, shows...)
		}
		frame := p.frame()
		requireContains(t, frame, "reviewer "+goldenReviewer, fmt.Sprintf("%d pending", len(q)), q[0].Handle(), q[1].Handle())
		requireContains(t, frame, shows...)
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenQueue(t *testing.T) {
	goldenQueue(t, "queue", nil, "filter: all credentials", "Days waiting")
}

func TestGoldenQueueHelp(t *testing.T) {
	goldenQueue(t, "queue_help", keys("?"), "oldest", "newest", "claim & open", "filter credential", "reload")
}
