package reviewer

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

// Long evidence is navigable, diffs read, the scoring
// help and header fit at 80 columns.

// TestSearchEvidence: `/` finds a word in the evidence (any case) and
// scrolls to it; n and N step between matches; over the scoring panel the
// search gives the evidence the keys, and tab gives n back to the panel.
func TestSearchEvidence(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 20)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("/"), "search, enter to find")
	s.Do(keys("VAGUE"), "/VAGUE")
	s.Do(keys("enter"), "/VAGUE: match 1 of 1")
	s.Do(keys("g", "/", "step", "enter"), "/step: match 1 of ") // from the top
	s.Do(keys("n"), "/step: match 2 of ")
	s.Do(keys("N"), "/step: match 1 of ")
	s.Do(keys("s", "/", "ignored", "enter"), "/ignored: match 1 of 1")
	s.Do(keys("tab", "n"), "C1  not-yet")
	app := s.quit()
	if ev := ansi.Strip(app.review.evidence.View()); !strings.Contains(ev, "ignored") {
		t.Errorf("the evidence does not show the match:\n%s", ev)
	}
}

// TestSearchFindsPhraseAcrossWrap: `/` finds a phrase of the evidence
// wherever the pane wraps it: at 100 columns attempt 2's part 1 ("… My
// target is to explain energy transfer.") wraps between "to" and
// "explain", and the match is shown on both lines.
func TestSearchFindsPhraseAcrossWrap(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("/", "is to explain", "enter"), "/is to explain: ")
	app := s.quit()
	ev := ansi.Strip(app.review.evidence.View())
	if st := app.review.status; !strings.Contains(st, "match 1 of 1") ||
		!regexp.MustCompile(`⟨is to⟩ *\n⟨explain⟩ energy`).MatchString(ev) {
		t.Errorf("searching a phrase the pane wraps over two lines: %q, the pane:\n%s", st, ev)
	}
}

// TestEscEndsSearchFirst: esc after a search clears it and stays on the
// attempt, the claim kept, where esc alone goes back to the queue.
func TestEscEndsSearchFirst(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 20)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("/", "step", "enter"), "/step: match 1 of ")
	s.Do(keys("n"), "/step: match 2 of ")
	s.Press("esc")
	s.Do(keys("?"), "esc back to queue") // still the review screen: its full help
	if app := s.quit(); app.screen != reviewScreen || app.review.query != "" || len(f.gotReleases()) > 0 {
		t.Errorf("esc after a search: screen %v, query %q, releases %v; want the review screen, no search, the claim kept",
			app.screen, app.review.query, f.gotReleases())
	}
}

// TestEscClosesHelpFirst: esc with the full help open closes the help and
// stays on the attempt, the claim kept, on the evidence, with the scoring
// panel open and over an overlay; the next esc goes back as before.
func TestEscClosesHelpFirst(t *testing.T) {
	for _, c := range []struct {
		before            []string
		scoring, overlaid bool
	}{{nil, false, false}, {[]string{"s"}, true, false}, {[]string{"h"}, false, true}} {
		before := c.before
		f := newFake()
		s := start(t, f, common.Options{}, 100, 30)
		s.WaitAfter(0, "DF-7KQ2#2")
		s.Do(keys("enter"), "Attempt 1 feedback")
		if before != nil {
			s.Press(before...)
		}
		s.Do(keys("?"), "bottom") // only the full help names it
		s.Press("esc")
		app := s.quit()
		if app.screen != reviewScreen || app.review.help.ShowAll || len(f.gotReleases()) > 0 ||
			app.review.scoringOn != c.scoring || (app.review.overlays.Len() > 0) != c.overlaid {
			t.Errorf("after %q, ? and esc: screen %v, help open %v, releases %v, scoring %v, overlays %d; want the help closed and nothing else",
				before, app.screen, app.review.help.ShowAll, f.gotReleases(), app.review.scoringOn, app.review.overlays.Len())
		}
	}
}

// TestScoringScrollsEvidence: with the scoring panel open, pgdown, end and
// home scroll the evidence while ↑/↓ still move between criteria; after
// tab, ↓ scrolls the evidence and a level key still scores.
func TestScoringScrollsEvidence(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 100, 20)
	s.Press("pgdown")
	s.TM.Send(tea.KeyMsg{Type: tea.KeyEnd})
	s.Do(keys("j"), "▸ C2", "Evidence 100%") // scrolled to the end
	s.TM.Send(tea.KeyMsg{Type: tea.KeyHome})
	s.Do(keys("tab", "j", "j", "m"), "C2  meets")
	app := s.quit()
	if !app.review.scoringOn || app.review.evidence.YOffset() != 2 || app.review.scoring.Levels()["C2"] != "meets" {
		t.Errorf("scoring %v, evidence top line %d (want 2), C2 %q: the evidence did not scroll while scoring",
			app.review.scoringOn, app.review.evidence.YOffset(), app.review.scoring.Levels()["C2"])
	}
}

// TestFileViewerDiffKey: in the file viewer `d` shows the diff, as its
// help says, and `d` again the file; `/` searches what is shown.
func TestFileViewerDiffKey(t *testing.T) {
	s := openFilesReview(t, filesFake(t), common.Options{})
	s.Do(keys("a"), "Files · 5 stored")
	m := s.Mark()
	s.Do(keys("enter"), "Files · notes.txt", "Prepared by ⟦Dana Ruiz⟧", "d diff vs previous attempt", "/ search")
	// From the first frame of the viewer on: a list frame drawn between
	// the mark and enter still (rightly) offers enter.
	out := s.Out.String()[m:]
	if strings.Contains(out[strings.Index(out, "Files · notes.txt"):], "enter view") {
		t.Error("the file viewer's help offers the list's enter")
	}
	s.Do(keys("d"), "notes.txt · diff vs attempt 1", "[+Prepared by", "d full file")
	s.Do(keys("d"), "Prepared by ⟦Dana Ruiz⟧", "d diff vs previous attempt")
	s.Do(keys("/", "prepared", "enter"), "/prepared: match 1 of 1")
	// esc ends the search first, as over the evidence; the next leaves.
	m = s.Mark()
	s.Do(keys("esc"), "Prepared by ⟦Dana Ruiz⟧") // the match's line, unmarked
	if strings.Contains(s.Out.String()[m:], "Files · 5 stored") {
		t.Error("esc after a search left the file, not the search")
	}
	s.Do(keys("esc"), "Files · 5 stored")
	app := s.quit()
	if strings.Contains(app.View(), "/prepared") {
		t.Errorf("the search's status outlived the file it was about:\n%s", app.View())
	}
}

// TestHistoryEndsAndSearch: g and G go to the first and last attempt of
// the history; an attempt's feedback can be searched.
func TestHistoryEndsAndSearch(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("h"), "History · DF-7KQ2")
	s.Press("G")
	s.Do(keys("enter"), "This is the attempt you are reviewing")
	s.Do(keys("esc", "g", "enter"), "Your next steps say")
	s.Do(keys("/", "sharpen", "enter"), "/sharpen: match 1 of 1")
	s.quit()
}

// TestHistorySearchFindsPhraseAcrossWrap: `/` in an attempt's feedback
// finds a phrase its wrapping breaks over two lines: at 60 columns C3's
// feedback wraps between "the exact" and "change".
func TestHistorySearchFindsPhraseAcrossWrap(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 60, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("h"), "History · DF-7KQ2")
	s.Do(keys("enter"), "Your next steps say")
	s.Do(keys("/", "the exact change", "enter"), "/the exact change: ")
	app := s.quit()
	view := ansi.Strip(app.View())
	if st := app.review.status; !strings.Contains(st, "match 1 of 1") ||
		!regexp.MustCompile(`⟨the exact⟩ *┃\n┃ *⟨change⟩ each`).MatchString(view) {
		t.Errorf("searching a phrase the history wraps over two lines: %q, the screen:\n%s", st, view)
	}
}

// TestStatusClearedOnScreenChange: a status line about one view does not
// linger on the next.
func TestStatusClearedOnScreenChange(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("s", "m", "esc", "esc"), "Draft saved")
	s.Do(keys("enter"), "Draft restored — s to continue scoring")
	s.Do(keys("s"), "Scoring DF-7KQ2#2")
	if view := s.quit().View(); strings.Contains(view, "Draft restored") {
		t.Errorf("the status outlived the change to scoring:\n%s", view)
	}
}

// TestScoringHelpAndHeaderFitAt80: at 80×24 the scoring help wraps rather
// than cut its keys, and the header keeps the attempt number beside the
// draft's save time, cutting the title instead.
func TestScoringHelpAndHeaderFitAt80(t *testing.T) {
	s := start(t, newFake(), common.Options{DraftDelay: 10 * time.Millisecond}, 80, 24)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("s"), "Scoring DF-7KQ2#2")
	s.Do(keys("m"), "draft saved 12:00:00")
	view := s.quit().View()
	requireFits(t, view, 80, 24)
	lines := strings.Split(ansi.Strip(view), "\n")
	if !strings.Contains(lines[0], "· attempt 2") || !strings.Contains(lines[0], "draft saved") {
		t.Errorf("header %q lacks the attempt number or the save time", lines[0])
	}
	help := strings.Join(lines[len(lines)-2:], "\n")
	for _, want := range []string{"1-2 not-yet/meets", "enter feedback", "c confirm", "o overall", "pgdn evidence", "esc rubric", "? help"} {
		if !strings.Contains(help, want) {
			t.Errorf("the scoring help at 80 columns lacks %q:\n%s", want, help)
		}
	}
}

// TestFeedbackFirstLineAfterResize: feedback longer than a small
// textarea scrolls; once the terminal grows, the textarea grows with it
// and shows the text from its first line again.
func TestFeedbackFirstLineAfterResize(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 100, 20)
	s.Do(keys("enter"), "Feedback on C1")
	s.Press("The first line of it.")
	for i := range 12 {
		s.Press("enter", fmt.Sprintf("line %d", i+2))
	}
	s.WaitAfter(0, "line 13")
	m := s.Mark()
	s.TM.Send(teaSize(100, 50))
	s.WaitAfter(m, "The first line of it.")
	s.Press("ctrl+c") // q is a letter in the textarea
	app := s.final()
	if v := ansi.Strip(app.View()); !strings.Contains(v, "The first line of it.") || !strings.Contains(v, "line 13") {
		t.Errorf("after growing, the textarea does not show all the feedback:\n%s", v)
	}
}
