package adjudicate

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// fakeAdjudication is an AdjudicationBackend holding one dispute.
type fakeAdjudication struct {
	mu       sync.Mutex
	disputes []review.Dispute
	got      map[string]string
	gotFb    map[string]string
	settled  bool // another lead settled it: Adjudicate fails
}

func (f *fakeAdjudication) Disputes(string) ([]review.Dispute, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]review.Dispute(nil), f.disputes...), nil
}

func (f *fakeAdjudication) Adjudicate(_ string, _ review.AttemptKey, levels, feedback map[string]string) (review.Decision, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.settled {
		return review.Decision{}, fmt.Errorf("DF-7KQ2#1: %w", review.ErrNotDisputed)
	}
	f.got, f.gotFb, f.disputes = levels, feedback, nil
	return review.Decision{Outcome: review.Resubmit, Levels: levels}, nil
}

func testDispute() review.Dispute {
	r := review.Rubric{ID: "df", Title: "Descriptive Feedback", Levels: review.DefaultLevels(),
		Criteria: []review.Criterion{{ID: "C1", Name: "Context"}, {ID: "C2", Name: "Evidence"}}}
	return review.Dispute{
		Attempt: review.Attempt{Application: "A-1", Pseudonym: "DF-7KQ2", Credential: "df", Number: 1, SubmittedAt: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)},
		Rubric:  r,
		Reviews: [2]review.Decision{
			{Outcome: review.Pass, Levels: map[string]string{"C1": "meets", "C2": "meets"}},
			{Outcome: review.Resubmit, Levels: map[string]string{"C1": "meets", "C2": "not-yet"}, Feedback: map[string]string{"C2": "Add a labelled sample that shows the evidence."}},
		},
	}
}

// opened is lead-1's adjudication screen on b, w×h, its disputes loaded.
func opened(b *fakeAdjudication, w, h int) tea.Model {
	m := New(b, "lead-1", common.Options{NoColor: true})
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m, _ = m.Update(m.Init()())
	return m
}

// drive sends keys to m, running each resulting command once (one level
// deep is enough here: loads and the adjudication).
func drive(m tea.Model, keys ...string) tea.Model {
	for _, k := range keys {
		var msg tea.Msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "tab":
			msg = tea.KeyMsg{Type: tea.KeyTab}
		case "pgdown":
			msg = tea.KeyMsg{Type: tea.KeyPgDown}
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		if cmd != nil {
			if out := cmd(); out != nil {
				m, _ = m.Update(out)
			}
		}
	}
	return m
}

func TestAdjudicateTakesReviewTwo(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := opened(b, 120, 30)
	if v := m.View(); !strings.Contains(v, "DF-7KQ2#1") || !regexp.MustCompile(`DF-7KQ2#1 .* PASS +RESUBMIT +C2 `).MatchString(v) {
		t.Fatalf("list view:\n%s", v)
	}
	m = drive(m, "enter")
	v := m.View()
	if !strings.Contains(v, "Adjudicate DF-7KQ2#1") || !strings.Contains(v, "review 2") || strings.Contains(v, "rev-") {
		t.Fatalf("detail view:\n%s", v)
	}
	// C1 agreed and is filled in; C2 waits: confirm is refused.
	m = drive(m, "c")
	if v := m.View(); !strings.Contains(v, "Can't confirm") {
		t.Fatalf("confirm with C2 open:\n%s", v)
	}
	m = drive(m, "j", "b", "c")
	if v := m.View(); !strings.Contains(v, "Record RESUBMIT for DF-7KQ2#1") {
		t.Fatalf("confirm dialog:\n%s", v)
	}
	// While it asks, the help offers only what answers it.
	if v := m.View(); !strings.Contains(v, "y record • n/esc back") || strings.Contains(v, "take review") {
		t.Fatalf("help while confirming:\n%s", v)
	}
	m = drive(m, "y")
	if b.got["C1"] != "meets" || b.got["C2"] != "not-yet" || b.gotFb["C2"] == "" {
		t.Errorf("adjudicated %v %v", b.got, b.gotFb)
	}
	if v := m.View(); !strings.Contains(v, "Recorded RESUBMIT for DF-7KQ2#1") {
		t.Errorf("after recording:\n%s", v)
	}
}

// TestAdjudicateHelpAndSettledElsewhere: esc with the full help open on a
// dispute closes the help and keeps the dispute; a dispute another lead
// settled meanwhile is not recorded, and the notice says what may have
// happened and how to see what is left.
func TestAdjudicateHelpAndSettledElsewhere(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}, settled: true}
	m := opened(b, 120, 30)
	if drive(m, "?").(adjudicateModel).help.ShowAll != true || drive(m, "?", "esc").(adjudicateModel).help.ShowAll {
		t.Fatal("esc on the list did not close the full help")
	}
	m = drive(m, "enter", "?", "esc")
	if v := m.View(); !strings.Contains(v, "Adjudicate DF-7KQ2#1") {
		t.Fatalf("esc with the help open left the dispute:\n%s", v)
	}
	m = drive(m, "j", "b", "c", "y")
	if v := m.View(); !strings.Contains(v, "Not recorded: another lead settled DF-7KQ2#1 meanwhile (esc, then r)") {
		t.Fatalf("a dispute settled elsewhere:\n%s", v)
	}
}

// TestAdjudicateOwnDisputeRefusedAtOnce: a dispute the lead gave one of
// the reviews of is marked in the list, and enter says at once that
// another lead must adjudicate it, instead of after the lead scored it.
func TestAdjudicateOwnDisputeRefusedAtOnce(t *testing.T) {
	own := testDispute()
	own.Own = true
	b := &fakeAdjudication{disputes: []review.Dispute{own}}
	m := opened(b, 120, 30)
	if v := m.View(); !strings.Contains(v, "DF-7KQ2#1 (yours)") {
		t.Fatalf("list view:\n%s", v)
	}
	m = drive(m, "enter")
	if v := m.View(); strings.Contains(v, "Adjudicate DF-7KQ2#1") || !strings.Contains(v, "DF-7KQ2#1: "+review.ErrOwnReview.Error()) {
		t.Fatalf("enter on the lead's own dispute:\n%s", v)
	}
}

// TestAdjudicateLeavesOutBlankFeedback: feedback the lead wrote and then
// erased to blanks is not sent, and the blank overall comment does not
// count as written.
func TestAdjudicateLeavesOutBlankFeedback(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := opened(b, 120, 30)
	drive(m, "enter", "j", "b", "j", "e", " ", " ", "esc", "c", "y")
	if _, ok := b.gotFb["overall"]; ok || b.gotFb["C2"] == "" {
		t.Errorf("adjudicated feedback %q; want review 2's C2 and no blank overall", b.gotFb)
	}
}

// TestAdjudicateShowsEvidenceAndRubric: the open dispute shows what it
// adjudicates. At 160 columns the evidence and the rubric stand beside the
// scoring; at 80 they share one pane and tab switches; pgdn scrolls the
// evidence; the rubric follows the selected criterion.
func TestAdjudicateShowsEvidenceAndRubric(t *testing.T) {
	d := testDispute()
	var long []string
	for i := range 60 {
		long = append(long, fmt.Sprintf("Line %d of the reflection.", i))
	}
	d.Attempt.Parts = []review.EvidencePart{{Title: "Part 1: Overview", Text: "Grade 5 science, 24 students.\n\n" + strings.Join(long, "\n\n")}}
	d.Rubric.Markdown = "# Descriptive Feedback\n\n## C1. Context\n\nMeets: names the class.\n\n" + strings.Repeat("Filler paragraph.\n\n", 30) +
		"## C2. Evidence\n\nMeets: a labelled sample of student work.\n"
	b := &fakeAdjudication{disputes: []review.Dispute{d}}

	m := opened(b, 160, 48)
	m = drive(m, "enter")
	v := m.View()
	for _, want := range []string{"Evidence", "Grade 5 science, 24 students.", "Rubric", "C1. Context", "review 1", "review 2", "final"} {
		if !strings.Contains(v, want) {
			t.Fatalf("160×48 detail lacks %q:\n%s", want, v)
		}
	}
	// The rubric follows the cursor to C2's descriptors.
	if v := drive(m, "j").View(); !strings.Contains(v, "a labelled sample of student") {
		t.Errorf("the rubric did not follow the cursor to C2:\n%s", v)
	}
	// pgdn scrolls the evidence.
	if v := drive(m, "pgdown").View(); strings.Contains(v, "Grade 5 science") || !strings.Contains(v, "of the reflection") {
		t.Errorf("pgdn did not scroll the evidence:\n%s", v)
	}

	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	v = m.View()
	if !strings.Contains(v, "of the reflection") || strings.Contains(v, "Filler paragraph") {
		t.Fatalf("80×24 detail should show the evidence beside the scoring:\n%s", v)
	}
	requireFits(t, v, 80, 24)
	if v := drive(m, "tab").View(); !strings.Contains(v, "C2. Evidence") || strings.Contains(v, "of the reflection") {
		t.Errorf("tab did not switch the left pane to the rubric:\n%s", v)
	}

	// Under 80 columns the scoring shows alone, with the focused pane's
	// heavy border: the keys work in it.
	m, _ = m.Update(tea.WindowSizeMsg{Width: 79, Height: 24})
	if v := m.View(); !strings.Contains(v, "┏") || strings.Contains(v, "of the reflection") {
		t.Errorf("79×24 detail: want the scoring alone, its border heavy:\n%s", v)
	}
}

// TestAdjudicateFilesPromiseNoKey: the evidence lists an attempt's stored
// files, but the screen has no files view, so the list does not say `a`
// opens them (it did nothing here).
func TestAdjudicateFilesPromiseNoKey(t *testing.T) {
	d := testDispute()
	d.Attempt.Parts = []review.EvidencePart{{Title: "Part 1: Overview", Text: "Grade 5 science.",
		Files:       []string{"plan.pdf"},
		Attachments: []review.Attachment{{Name: "plan.pdf", Hash: "ab", Size: 2048, Type: review.TypePDF}}}}
	b := &fakeAdjudication{disputes: []review.Dispute{d}}
	m := opened(b, 160, 48)
	v := drive(m, "enter").View()
	if !strings.Contains(v, "Files:") || !strings.Contains(v, "plan.pdf · PDF") || strings.Contains(v, "a to view") {
		t.Errorf("want the files listed without a key to view them:\n%s", v)
	}
}

// TestAdjudicateEscKeepsDraft: esc from a dispute with levels chosen and
// feedback typed keeps them while the program runs, as the review screen
// keeps drafts; opening the dispute again restores them, and the list
// marks it.
func TestAdjudicateEscKeepsDraft(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := opened(b, 120, 30)
	m = drive(m, "enter", "j", "b", "j", "e", "G", "o", "o", "d", "esc", "esc")
	if v := m.View(); !strings.Contains(v, "DF-7KQ2#1 (draft)") || !strings.Contains(v, "Kept your choices for DF-7KQ2#1") {
		t.Fatalf("the list after esc:\n%s", v)
	}
	m = drive(m, "enter")
	a := m.(adjudicateModel).open
	if a.sheet.Levels["C2"] != "not-yet" || a.sheet.Feedback["overall"] != "Good" || a.sheet.Row() != "overall" {
		t.Fatalf("reopened with levels %v, feedback %v, on %s; want the choices left with esc", a.sheet.Levels, a.sheet.Feedback, a.sheet.Row())
	}
	if v := m.View(); !strings.Contains(v, "restored") {
		t.Errorf("reopening does not say the choices are restored:\n%s", v)
	}
	// Recording it forgets the draft.
	m = drive(m, "c", "y")
	if b.got["C2"] != "not-yet" || b.gotFb["overall"] != "Good" {
		t.Errorf("adjudicated %v %v", b.got, b.gotFb)
	}
	if n := len(m.(adjudicateModel).drafts); n != 0 {
		t.Errorf("%d drafts left after recording", n)
	}
}

// TestAdjudicateEscUnchangedKeepsNothing: a dispute left as it opened
// keeps no draft.
func TestAdjudicateEscUnchangedKeepsNothing(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := opened(b, 120, 30)
	m = drive(m, "enter", "m", "esc") // C1 meets already: both reviews gave it
	if v := m.View(); strings.Contains(v, "(draft)") || strings.Contains(v, "Kept") {
		t.Errorf("a dispute left as it opened keeps a draft:\n%s", v)
	}
}

// TestAdjudicateUnscoredNamed: confirm with a criterion unscored names it
// as the screen's other refusals do, not by the store's field name.
func TestAdjudicateUnscoredNamed(t *testing.T) {
	d := testDispute()
	d.Reviews[1].Levels["C1"] = "not-yet" // C1 differs too: both wait for the lead
	b := &fakeAdjudication{disputes: []review.Dispute{d}}
	m := opened(b, 120, 30)
	m = drive(m, "enter", "c")
	want := "Can't confirm yet: C1, C2 are not scored (a/b take a review's level, 1-2 set one)"
	if got := m.(adjudicateModel).open.notice; got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
	m = drive(m, "m", "c")
	want = "Can't confirm yet: C2 is not scored (a/b take a review's level, 1-2 set one)"
	if got := m.(adjudicateModel).open.notice; got != want {
		t.Errorf("notice %q, want %q", got, want)
	}
}

// TestAdjudicateStatusClearsOnNextKey: the line saying a decision was
// recorded goes at the next key in the list, as the open dispute's notice
// does; it stayed until r.
func TestAdjudicateStatusClearsOnNextKey(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := opened(b, 120, 30)
	m = drive(m, "enter", "j", "b", "c", "y")
	if v := m.View(); !strings.Contains(v, "Recorded RESUBMIT for DF-7KQ2#1") {
		t.Fatalf("after recording:\n%s", v)
	}
	if v := drive(m, "k").View(); strings.Contains(v, "Recorded") {
		t.Errorf("the status stays after k:\n%s", v)
	}
}

// TestAdjudicateNarrowOnePaneAtATime: under 80 columns the open dispute
// shows one pane at a time, the scoring first, with review 1, review 2
// and the final level all readable (beside the evidence they were cut at
// 50 columns); tab shows the evidence, then the rubric, then the scoring.
func TestAdjudicateNarrowOnePaneAtATime(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := drive(opened(b, 50, 16), "enter")
	v := m.View()
	uitest.RequireFits(t, v, 50, 16)
	if !regexp.MustCompile(`C2 +meets +not-yet +— +Evid`).MatchString(v) || strings.Contains(v, "Attempt 1 · submitted") {
		t.Fatalf("the scoring at 50 columns:\n%s", v)
	}
	for _, want := range []string{"Attempt 1 · submitted", "Rubric · C1", "review 2"} {
		m = drive(m, "tab")
		if v := m.View(); !strings.Contains(v, want) {
			t.Fatalf("tab, want %q:\n%s", want, v)
		}
	}
}

// TestAdjudicatePanesKeepTheirBorders: at every width from 50 to 100 the
// open dispute's panes end in their right border, the scoring's and the
// evidence's (tab): a help line one cell too wide made every line that
// wide, and the screen's last cut took the borders (at 51, 63, 79…).
func TestAdjudicatePanesKeepTheirBorders(t *testing.T) {
	for w := 50; w <= 100; w++ {
		m := drive(opened(&fakeAdjudication{disputes: []review.Dispute{testDispute()}}, w, 24), "enter")
		for _, step := range []string{"scoring", "evidence"} {
			for _, l := range strings.Split(m.View(), "\n") {
				l = strings.TrimRight(l, " ")
				if strings.ContainsAny(l[:min(len(l), 3)], "╭│╰┏┃┗") && !strings.ContainsAny(l[max(len(l)-3, 0):], "╮│╯┓┃┛") {
					t.Fatalf("%s at %d columns: a pane's line lost its border: %q", step, w, l)
				}
			}
			m = drive(m, "tab")
		}
	}
}

// TestAdjudicateKeysIgnoredWhileRecording: once y has sent the
// adjudication, keys change nothing until the store answers: the levels
// shown are those being recorded, and no second adjudication is asked.
func TestAdjudicateKeysIgnoredWhileRecording(t *testing.T) {
	b := &fakeAdjudication{disputes: []review.Dispute{testDispute()}}
	m := drive(opened(b, 120, 30), "enter", "j", "b", "c")
	var record tea.Cmd
	m, record = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	if record == nil {
		t.Fatal("y sent nothing")
	}
	for _, k := range []string{"a", "c", "y"} {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		if cmd != nil {
			t.Errorf("%s while recording gave a command", k)
		}
	}
	if got := m.(adjudicateModel).open.sheet.Levels["C2"]; got != "not-yet" {
		t.Errorf("a while recording changed C2 to %q", got)
	}
}
