package ui_test

import (
	"fmt"
	"testing"

	"assessor/review"
)

// goldenReview opens the first queue item that pick accepts, drives the
// review screen with drive and compares the frame it ends on. drive
// returns what the frame must show besides the item's handle.
func goldenReview(t *testing.T, screen string, pick func(*testing.T, *demoData, review.QueueItem) bool,
	drive func(t *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string) {
	eachSize(t, screen, func(t *testing.T, w, h int) string {
		d := demoStore(t)
		row, it := d.pick(t, func(it review.QueueItem) bool { return pick(t, d, it) })
		p := startReviewer(t, d, w, h)
		for range row {
			p.Press("down")
		}
		p.Do(keys("enter"), it.Handle()+" · ", "Evidence")
		shows := drive(t, p, d, it)
		frame := p.frame()
		requireContains(t, frame, it.Handle())
		requireContains(t, frame, shows...)
		requireNoIdentity(t, frame, d)
		return frame
	})
}

// firstAttempt, resubmission and changedFiles pick queue items.
func firstAttempt(_ *testing.T, _ *demoData, it review.QueueItem) bool { return it.Attempt == 1 }
func resubmission(_ *testing.T, _ *demoData, it review.QueueItem) bool { return it.Attempt > 1 }

// changedFiles picks a resubmission with a stored file that changed since
// the attempt before.
func changedFiles(t *testing.T, d *demoData, it review.QueueItem) bool {
	return it.Attempt > 1 && d.changedFile(t, it) >= 0
}

// reviewHeader is the review screen's first line for it, up to the
// attempt number.
func reviewHeader(d *demoData, it review.QueueItem) string {
	return it.Handle() + " · " + d.rubrics[it.Credential].Title
}

func TestGoldenReview(t *testing.T) {
	goldenReview(t, "review", firstAttempt, func(_ *testing.T, _ *frameOf, d *demoData, it review.QueueItem) []string {
		return []string{reviewHeader(d, it) + " · attempt 1", "Attempt 1 · submitted", "Evidence", "Rubric"}
	})
}

func TestGoldenReviewHelp(t *testing.T) {
	goldenReview(t, "review_help", firstAttempt, func(_ *testing.T, p *frameOf, _ *demoData, _ review.QueueItem) []string {
		p.Do(keys("?"), "page down")
		return []string{"switch pane", "next criterion", "prev criterion", "back to queue"}
	})
}

func TestGoldenResubmission(t *testing.T) {
	goldenReview(t, "resubmission", resubmission, func(_ *testing.T, _ *frameOf, d *demoData, it review.QueueItem) []string {
		return []string{reviewHeader(d, it), "Attempt 1 feedback (resubmit)", "d diff/full text"}
	})
}

func TestGoldenResubmissionDiff(t *testing.T) {
	goldenReview(t, "resubmission_diff", resubmission, func(_ *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		p.Do(keys("d"), "Evidence · diff")
		return []string{reviewHeader(d, it), "Evidence · diff", "diff vs attempt 1"}
	})
}

func TestGoldenScoring(t *testing.T) {
	goldenReview(t, "scoring", firstAttempt, func(_ *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		r := d.rubrics[it.Credential]
		p.Do(keys("s"), "Scoring "+it.Handle())
		// The first criterion meets, the second is not yet (each level
		// moves on to the next criterion), then back on the second: the
		// outcome line, the missing feedback and the second criterion's
		// descriptors for every level show, its level marked.
		p.Do(keys("m", "n", "up"), "Needs feedback: "+r.Criteria[1].ID, "Levels for "+r.Criteria[1].ID)
		return []string{"Scoring " + it.Handle(), r.PassingLevel(), r.AllLevels()[0], "Outcome: incomplete",
			"▸ " + r.AllLevels()[0] + " (chosen)", "  " + r.PassingLevel()}
	})
}

func TestGoldenConfirm(t *testing.T) {
	goldenReview(t, "confirm", firstAttempt, func(_ *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		r := d.rubrics[it.Credential]
		p.Do(keys("s"), "Scoring "+it.Handle())
		// Every criterion meets but the last, whose feedback is short
		// enough to draw a warning in the dialog.
		for range len(r.Criteria) - 1 {
			p.Press("m") // and on to the next criterion
		}
		p.Press("n", "enter", "Name one next step.")
		p.Do(keys("esc", "c"), "(y/n)", "y record")
		return []string{"Record RESUBMIT for", "Warnings (they do not block)"}
	})
}

func TestGoldenHistory(t *testing.T) {
	goldenReview(t, "history", resubmission, func(_ *testing.T, p *frameOf, _ *demoData, it review.QueueItem) []string {
		p.Do(keys("h"), "submitted", "decided", "outcome")
		return []string{"History · " + it.Pseudonym, "resubmit", "in review", "not decided yet"}
	})
}

func TestGoldenFiles(t *testing.T) {
	// A resubmission with a changed file, which the overlay marks.
	goldenReview(t, "files", changedFiles, func(t *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		p.Do(keys("a"), "Files · ")
		return append(d.fileNames(t, it), "changed since attempt")
	})
}

func TestGoldenSnippets(t *testing.T) {
	goldenReview(t, "snippets", firstAttempt, func(t *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		crit := d.rubrics[it.Credential].Criteria[0].ID
		// The bank is read when the picker opens, so snippets saved now
		// are in it.
		d.addSnippets(t, it.Credential, crit)
		p.Do(keys("s"), "Scoring "+it.Handle())
		// Wait for the loaded bank, not just the picker's title.
		p.Do(keys("b"), "Comment bank · "+crit, "2 snippets")
		return []string{"Comment bank · " + crit, "2 snippets", "shared", "mine"}
	})
}

func TestGoldenFileDiff(t *testing.T) {
	// The file of the resubmission that changed, shown against the
	// attempt before (d in the files overlay).
	goldenReview(t, "file_diff", changedFiles, func(t *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		p.Do(keys("a"), "Files · ")
		for range d.changedFile(t, it) {
			p.Press("down")
		}
		name := d.fileNames(t, it)[d.changedFile(t, it)]
		// The file is read in a command: wait for its text, not the title.
		loaded := name + ": attempt " + fmt.Sprint(it.Attempt-1) + " → " + fmt.Sprint(it.Attempt)
		p.Do(keys("d"), name+" · diff vs attempt", loaded)
		// A CSV file: table rows, each changed one labelled, its changed
		// cells old → new.
		return []string{loaded, "changed  ", " → "}
	})
}

func TestGoldenEvidenceSearch(t *testing.T) {
	// `/` then a word: the evidence scrolls to its first match, the match
	// stands out and the status line counts the matches.
	goldenReview(t, "evidence_search", firstAttempt, func(_ *testing.T, p *frameOf, _ *demoData, _ review.QueueItem) []string {
		p.Do(keys("/"), "search, enter to find")
		p.Do(keys("artifacts", "enter"), "/artifacts: match 1 of")
		return []string{"/artifacts: match 1 of", "n next, N previous"}
	})
}

func TestGoldenScoringFeedback(t *testing.T) {
	// Writing feedback: the textarea takes the room the panel has, under
	// the criterion's descriptors (a third of it at most).
	goldenReview(t, "scoring_feedback", firstAttempt, func(_ *testing.T, p *frameOf, d *demoData, it review.QueueItem) []string {
		c := d.rubrics[it.Credential].Criteria[0]
		p.Do(keys("s"), "Scoring "+it.Handle())
		p.Do(keys("n", "up", "enter"), "Feedback on "+c.ID)
		p.Do(keys("Name the target in the students' words."), "words.")
		// At 80×24 the descriptors get a line a level.
		return []string{"Feedback on " + c.ID, "Levels for " + c.ID, "words.", "esc/ctrl+s done editing"}
	})
}
