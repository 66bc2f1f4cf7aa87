package reviewer

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

func TestClaimOpensReviewWithEvidenceAndRubric(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "EE-3MX9#1")
	s.Do(keys("down", "enter"),
		"EE-3MX9#1 · Eliciting Evidence of Learning · attempt 1", // header
		"Part 1: Questions", "4 / 300 words", "Exit tickets each day.", // evidence
		"C1. Questions target the learning goal") // rendered rubric
	app := s.quit()
	if app.screen != reviewScreen {
		t.Fatalf("screen = %v, want review", app.screen)
	}
	if strings.Contains(app.View(), "secret-app") {
		t.Error("review shows the internal application id")
	}
}

func TestReviewShowsPreviousAttemptFeedback(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 60)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"),
		"Attempt 1 feedback (resubmit)",
		"▸ C3 not-yet · Actionable next steps",
		"Your next steps say add more detail",
		"Strong targets and criteria",
		"Candidate's resubmission note", "I rewrote my next steps",
		"Part 1: Overview questions")
	view := s.quit().View()
	// The previous section comes before the parts.
	if strings.Index(view, "Attempt 1 feedback") > strings.Index(view, "Part 1: Overview questions") {
		t.Error("previous feedback is not shown before the evidence parts")
	}
}

func TestReviewWordLimitWarning(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 60)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "16 / 12 words — over the limit", "12 / 450 words", "6 words", "Files: sample-a.pdf, sample-b.pdf")
}

func TestReviewEvidenceIsSanitized(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-B2C8#1")
	s.Do(keys("down", "down", "down", "enter"), "Beforeafter red end.", "Part 1: Overview questions")
	view := s.quit().View()
	out, _ := io.ReadAll(s.TM.FinalOutput(t))
	all := append(s.Out.Bytes(), out...)
	for name, b := range map[string][]byte{"view": []byte(view), "output": all} {
		for _, bad := range []string{"\x1b]", "pwned", "\x1b[2J", "\u009b", "\x07"} {
			if bytes.Contains(b, []byte(bad)) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		// A lone C1 byte such as 0x9b (CSI) is invalid UTF-8; the same
		// byte inside a character such as ┛ (E2 94 9B) is text.
		if !utf8.Valid(b) {
			t.Errorf("%s is not valid UTF-8: a lone C1 byte got through", name)
		}
	}
	if !strings.Contains(view, "Files: evil.pdf") {
		t.Errorf("file name not shown sanitized:\n%s", view)
	}
}

func TestReviewRubricJumpsToCriteria(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 24)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "C1. Learning target")
	s.Press("]", "]")
	app := s.quit()
	r := app.review
	if len(r.rendered.Headings) != 4 {
		t.Fatalf("found %d criterion headings, want 4", len(r.rendered.Headings))
	}
	lines := strings.Split(ansi.Strip(r.rendered.Text), "\n")
	top := lines[r.rubric.YOffset]
	if !strings.Contains(top, "C2.") {
		t.Errorf("after ] ] the rubric starts at %q, want the C2 heading", top)
	}
	if r.focusL {
		t.Error("jumping should focus the rubric pane")
	}
}

func TestReviewRubricCachedPerWidth(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "C1. Learning target")
	s.TM.Send(teaSize(80, 24))
	s.TM.Send(teaSize(100, 30))
	app := s.quit()
	if n := app.c.MD.Len(); n != 2 {
		t.Errorf("rubric rendered into %d cache entries, want 2 (one per width)", n)
	}
}

func TestReviewEscSavesReleasesAndReturnsToQueue(t *testing.T) {
	f := newFake()
	s := start(t, f, common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	s.Do(keys("s"), "Outcome: incomplete (4 criteria unscored)")
	s.Do(keys("m", "k", "enter", "Clear target.", "esc", "esc", "esc"), "4 pending", "Draft saved")
	d, _ := f.lastSave()
	if d.Levels["C1"] != "meets" || d.Feedback["C1"] != "Clear target." {
		t.Errorf("esc saved draft %+v, want C1 meets with its feedback", d)
	}
	if rel := f.gotReleases(); len(rel) != 1 || rel[0].Application != "secret-app-1" {
		t.Errorf("releases = %v, want the attempt released once", rel)
	}
	// Reopening restores the draft.
	s.Do(keys("enter"), "Draft restored")
	s.Do(keys("s"), "C1  meets", "Clear target.", "Outcome: incomplete (3 criteria unscored)")
}

func TestReviewHelpToggles(t *testing.T) {
	s := start(t, newFake(), common.Options{}, 100, 30)
	s.WaitAfter(0, "DF-7KQ2#2")
	s.Do(keys("enter"), "Attempt 1 feedback")
	if strings.Contains(s.Out.String(), "prev criterion") {
		t.Fatal("short help already lists prev criterion")
	}
	s.Do(keys("?"), "prev criterion", "page down", "switch pane")
}

// TestScoringHelpFollowsFocus: with the scoring panel open, ↑/↓ (j/k) move
// between criteria, but scroll the evidence once tab gave it the focus;
// help says which.
func TestScoringHelpFollowsFocus(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 100, 30)
	helped := func(r *reviewModel) (desc []string) {
		for _, g := range r.activeKeys().FullHelp() {
			for _, b := range g {
				if b.Enabled() && (b.Help().Key == "↑/k" || b.Help().Key == "↓/j") {
					desc = append(desc, b.Help().Desc)
				}
			}
		}
		return desc
	}
	s.Do(keys("tab"), "Outcome: incomplete")
	r := s.quit().review
	if !r.scoringOn || !r.focusL {
		t.Fatalf("scoring %v, evidence focused %v", r.scoringOn, r.focusL)
	}
	if got := helped(&r); !slices.Equal(got, []string{"up", "down"}) {
		t.Errorf("evidence focused: ↑/↓ in help say %q, want the evidence's up, down", got)
	}
	r.focusL = false
	if got := helped(&r); !slices.Equal(got, []string{"prev criterion", "next criterion"}) {
		t.Errorf("panel focused: ↑/↓ in help say %q, want the criteria", got)
	}
}

// helpSays is what the full help on the review screen says key k does,
// over every enabled binding that lists it.
func helpSays(r *reviewModel, k string) []string {
	var out []string
	for _, g := range r.activeKeys().FullHelp() {
		for _, b := range g {
			if b.Enabled() && slices.Contains(b.Keys(), k) {
				out = append(out, b.Help().Desc)
			}
		}
	}
	return out
}

// TestScoringHelpSaysNStepsThroughMatches: over the scoring panel `/`
// gives the evidence the keys, and n and N then step through the matches,
// not score: the help, short and full, says so, and offers n as not-yet
// again once the search ends.
func TestScoringHelpSaysNStepsThroughMatches(t *testing.T) {
	s := openScoring(t, newFake(), common.Options{}, 100, 30)
	s.Do(keys("/", "step", "enter"), "/step: match 1 of ", "n/N next/prev match")
	s.Do(keys("?"), "n      next match", "N      previous match")
	m := s.Mark()
	s.Press("n")
	s.WaitAfter(m, "/step: match 2 of ")
	r := s.quit().review
	if n, bigN := helpSays(&r, "n"), helpSays(&r, "N"); !slices.Equal(n, []string{"next match"}) ||
		!slices.Equal(bigN, []string{"previous match"}) || r.scoring.Levels()["C1"] != "" {
		t.Errorf("during a search the help says n is %q and N %q (want next and previous match); C1 is %q (want unscored)",
			n, bigN, r.scoring.Levels()["C1"])
	}

	// `/` with nothing typed ends the search: n is not-yet again.
	s = openScoring(t, newFake(), common.Options{}, 100, 30)
	s.Do(keys("/", "step", "enter"), "/step: match 1 of ")
	s.Do(keys("/", "enter", "?"), "n   not-yet")
	r = s.quit().review
	if n := helpSays(&r, "n"); !slices.Equal(n, []string{"not-yet"}) {
		t.Errorf("after the search the help says n is %q, want not-yet", n)
	}
	for _, b := range r.activeKeys().ShortHelp() {
		if b.Enabled() && b.Help().Key == "n/N" {
			t.Error("after the search the short help still offers n/N for matches")
		}
	}
}

// TestSearchStatusFollowsFocusBesideScoring: beside the scoring panel the
// search's status line says n and N step on only while they do, as the
// help does: tab gives the panel its keys, n (not-yet) among them, and
// tab again gives them back to the evidence.
func TestSearchStatusFollowsFocusBesideScoring(t *testing.T) {
	for _, c := range []struct {
		tabs string
		want string
	}{
		{"tab", "/step: match 1 of 5"},
		{"tab tab", "/step: match 1 of 5 · n next, N previous"},
	} {
		s := openScoring(t, newFake(), common.Options{}, 100, 30)
		s.Do(keys("/", "step", "enter"), "/step: match 1 of 5 · n next, N previous")
		for _, k := range strings.Fields(c.tabs) {
			s.Press(k)
		}
		if r := s.quit().review; r.status != c.want {
			t.Errorf("after %s the status line says %q, want %q (n: %q)", c.tabs, r.status, c.want, helpSays(&r, "n"))
		}
	}
}
