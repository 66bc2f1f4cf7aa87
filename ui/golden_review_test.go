package ui_test

import (
	"strings"
	"testing"

	"assessor/review"
)

// openReview starts the reviewer program on d and opens the first queue
// item that ok accepts, returning the program on its review screen.
func openReview(t *testing.T, d *demoData, w, h int, ok func(review.QueueItem) bool) (*frameOf, review.QueueItem) {
	t.Helper()
	row, it := d.pick(t, ok)
	p := startReviewer(t, d, w, h)
	for range row {
		p.press("down")
	}
	p.do(keys("enter"), it.Handle()+" · ", "Evidence")
	return p, it
}

// firstAttempt and resubmission pick queue items by attempt number.
func firstAttempt(it review.QueueItem) bool { return it.Attempt == 1 }
func resubmission(it review.QueueItem) bool { return it.Attempt > 1 }

// reviewHeader is the review screen's first line for it.
func reviewHeader(d *demoData, it review.QueueItem) string {
	return it.Handle() + " · " + d.rubrics[it.Credential].Title
}

func TestGoldenReview(t *testing.T) {
	eachSize(t, "review", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, firstAttempt)
		frame := p.frame()
		// At 80 columns the header's long credential title cuts off
		// "attempt 1"; the evidence pane says it too.
		requireContains(t, frame, it.Handle(), "Attempt 1 · submitted", "Evidence", "Rubric")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenReviewHelp(t *testing.T) {
	eachSize(t, "review_help", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, firstAttempt)
		p.do(keys("?"), "page down")
		frame := p.frame()
		requireContains(t, frame, it.Handle(), "switch pane", "next criterion", "back to queue")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenResubmission(t *testing.T) {
	eachSize(t, "resubmission", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, resubmission)
		frame := p.frame()
		requireContains(t, frame, reviewHeader(d, it), "feedback (resubmit)")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenResubmissionDiff(t *testing.T) {
	eachSize(t, "resubmission_diff", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, resubmission)
		p.do(keys("d"), "Evidence · diff")
		frame := p.frame()
		requireContains(t, frame, reviewHeader(d, it), "Evidence · diff")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenScoring(t *testing.T) {
	eachSize(t, "scoring", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, firstAttempt)
		r := d.rubrics[it.Credential]
		p.do(keys("s"), "Scoring "+it.Handle())
		// The first criterion meets, the second is not yet: the outcome
		// line and the missing-feedback warning then show.
		p.do(keys("m", "down", "n"), "Needs feedback: "+r.Criteria[1].ID)
		frame := p.frame()
		requireContains(t, frame, "Scoring "+it.Handle(), r.PassingLevel(), r.AllLevels()[0])
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenConfirm(t *testing.T) {
	eachSize(t, "confirm", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, firstAttempt)
		r := d.rubrics[it.Credential]
		p.do(keys("s"), "Scoring "+it.Handle())
		// Every criterion meets but the last, whose feedback is short
		// enough to draw a warning in the dialog.
		for range len(r.Criteria) - 1 {
			p.press("m", "down")
		}
		p.press("n", "enter")
		p.press("Name one next step.")
		p.do(keys("esc", "c"), "(y/n)", "y record")
		frame := p.frame()
		requireContains(t, frame, "Record RESUBMIT for", "Warnings (they do not block)")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenHistory(t *testing.T) {
	eachSize(t, "history", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		p, it := openReview(t, d, w, h, resubmission)
		p.do(keys("h"), "submitted", "decided", "outcome")
		frame := p.frame()
		requireContains(t, frame, it.Handle(), "resubmit", "not decided yet")
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenFiles(t *testing.T) {
	eachSize(t, "files", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		// A resubmission with files: the overlay marks the files that
		// changed since the attempt before.
		p, it := openReview(t, d, w, h, func(it review.QueueItem) bool { return resubmission(it) && d.hasFiles(t, it) })
		p.do(keys("a"), "Files · ")
		frame := p.frame()
		requireContains(t, frame, it.Handle(), "changed since attempt")
		for _, name := range d.fileNames(t, it) {
			if !strings.Contains(frame, name) && h >= 48 {
				t.Errorf("files overlay lacks %s", name)
			}
		}
		requireNoIdentity(t, frame, d)
		return frame
	})
}

func TestGoldenSnippets(t *testing.T) {
	eachSize(t, "snippets", fitsAlways, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		row, it := d.pick(t, firstAttempt)
		crit := d.rubrics[it.Credential].Criteria[0].ID
		d.addSnippets(t, it.Credential, crit)
		p := startReviewer(t, d, w, h)
		for range row {
			p.press("down")
		}
		p.do(keys("enter"), it.Handle()+" · ")
		p.do(keys("s"), "Scoring "+it.Handle())
		p.do(keys("b"), "Comment bank · "+crit)
		frame := p.frame()
		requireContains(t, frame, "Comment bank · "+crit, "shared", "mine")
		requireNoIdentity(t, frame, d)
		return frame
	})
}
