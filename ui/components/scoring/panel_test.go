package scoring

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/rubrics"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// described is the tests' descriptive-feedback rubric with a descriptor
// table on C1 and C2 (C2's in a different column order) and prose on C3.
func described() review.Rubric {
	r := uitest.Rubrics()[0]
	r.Criteria = slices.Clone(r.Criteria)
	r.Criteria[0].Description = "Intro line.\n\n| not-yet | meets |\n|---|---|\n| Targets are missing. | Targets name the skill \\| and the criteria. |\n"
	r.Criteria[1].Description = "| meets | not-yet |\n|---|---|\n| Feedback names one next step. | Feedback is general praise. |"
	r.Criteria[2].Description = "Steps a student can act on."
	return r
}

func testPanel(t *testing.T, w, h int, levels map[string]string) Model {
	t.Helper()
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	a := review.Assignment{Rubric: described(), Attempt: uitest.Attempts()[0]}
	a.Draft.Levels = levels
	return New(c, a).SetSize(w, h)
}

func press(s Model, keys ...string) Model {
	for _, k := range keys {
		msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "up":
			msg = tea.KeyMsg{Type: tea.KeyUp}
		}
		s, _ = s.Update(msg)
	}
	return s
}

func TestDescriptors(t *testing.T) {
	r := described()
	levels := r.AllLevels()
	got, ok := r.Criteria[0].Descriptors(levels)
	if want := []string{"Targets are missing.", "Targets name the skill | and the criteria."}; !ok || !slices.Equal(got, want) {
		t.Errorf("C1 descriptors = %q, %v; want %q", got, ok, want)
	}
	// Columns are matched by level name, not position.
	got, ok = r.Criteria[1].Descriptors(levels)
	if want := []string{"Feedback is general praise.", "Feedback names one next step."}; !ok || !slices.Equal(got, want) {
		t.Errorf("C2 descriptors = %q, %v; want %q", got, ok, want)
	}
	if got, ok := r.Criteria[2].Descriptors(levels); ok {
		t.Errorf("prose description gave descriptors %q", got)
	}
	if got, ok := r.Criteria[0].Descriptors([]string{"beginning", "proficient"}); ok {
		t.Errorf("a table of other levels gave descriptors %q", got)
	}
}

// TestPanelShowsDescriptorsOfSelectedCriterion: the rubric stays in view
// while scoring, as the selected criterion's descriptor for every level,
// the chosen level marked; prose descriptions show as they are.
func TestPanelShowsDescriptorsOfSelectedCriterion(t *testing.T) {
	s := testPanel(t, 70, 40, map[string]string{"C1": "meets"})
	view := ansi.Strip(s.View())
	for _, want := range []string{"Levels for C1:", "  not-yet: Targets are missing.", "▸ meets (chosen): Targets name the skill | and the criteria."} {
		if !strings.Contains(view, want) {
			t.Errorf("panel on C1 lacks %q:\n%s", want, view)
		}
	}
	s.sheet.Move(1)
	view = ansi.Strip(s.View())
	if !strings.Contains(view, "Levels for C2:") || !strings.Contains(view, "not-yet: Feedback is general praise.") || strings.Contains(view, "Targets are missing") {
		t.Errorf("panel on C2 does not show C2's descriptors alone:\n%s", view)
	}
	s.sheet.Move(1)
	if view = ansi.Strip(s.View()); !strings.Contains(view, "C3 in the rubric:") || !strings.Contains(view, "Steps a student can act on.") {
		t.Errorf("panel on C3 lacks its description:\n%s", view)
	}
	// Small: every level still shows, cut.
	s = testPanel(t, 36, 17, nil)
	view = ansi.Strip(s.View())
	if !strings.Contains(view, "not-yet: Targets") || !strings.Contains(view, "meets: Targets") {
		t.Errorf("panel at 36×17 lost a level's descriptor:\n%s", view)
	}
	uitest.RequireFits(t, s.View(), 36, 17)
}

// TestPanelWrapsDescriptorWithoutSpaces: a level's descriptor written
// without spaces (Japanese, as Chinese and Japanese are written) shows
// whole in the panel, broken across lines within its width, not cut at
// its edge.
func TestPanelWrapsDescriptorWithoutSpaces(t *testing.T) {
	r := described()
	long := "学習目標と成功基準が生徒の作品に対するすべてのコメントの中で具体的に示されている。"
	r.Criteria[0].Description = "| not-yet | meets |\n|---|---|\n| 目標がない。 | " + long + " |\n"
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	s := New(c, review.Assignment{Rubric: r, Attempt: uitest.Attempts()[0]}).SetSize(40, 40)
	view := ansi.Strip(s.View())
	if joined := strings.Join(strings.Fields(view), ""); !strings.Contains(joined, long) {
		t.Errorf("the panel at 40 cells does not show the descriptor whole:\n%s", view)
	}
	uitest.RequireFits(t, s.View(), 40, 40)
}

// TestLevelMovesToNextUnscored: a level moves the cursor to the next
// criterion without one, skipping scored ones and wrapping; once all are
// scored it stays.
func TestLevelMovesToNextUnscored(t *testing.T) {
	s := testPanel(t, 70, 40, map[string]string{"C2": "meets"})
	s = press(s, "m")
	if got := s.sheet.Row(); got != "C3" {
		t.Fatalf("after m on C1 the cursor is on %s, want C3 (C2 is scored)", got)
	}
	s = press(s, "n", "1")
	if s.sheet.Row() != "C4" || s.Levels()["C3"] != "not-yet" || s.Levels()["C4"] != "not-yet" {
		t.Fatalf("cursor %s, levels %v; want C4 last, C3 and C4 not-yet", s.sheet.Row(), s.Levels())
	}
	s = press(s, "up", "up", "up", "2")
	if s.sheet.Row() != "C1" || s.Levels()["C1"] != "meets" {
		t.Errorf("with every criterion scored the cursor moved to %s", s.sheet.Row())
	}
}

// TestTextareaGrowsToItsRoom: the feedback textarea takes the room the
// panel has (it was five rows whatever the size).
func TestTextareaGrowsToItsRoom(t *testing.T) {
	s := press(testPanel(t, 70, 40, nil), "enter")
	if !s.Editing() {
		t.Fatal("enter did not start writing")
	}
	lines := strings.Split(s.sheet.TextView(), "\n")
	if len(lines) < 15 {
		t.Errorf("textarea has %d rows in a 40-row panel, want at least 15", len(lines))
	}
	uitest.RequireFits(t, s.View(), 70, 40)
	view := ansi.Strip(s.View())
	if !strings.Contains(view, "Feedback on C1") || !strings.Contains(view, "Targets are missing.") {
		t.Errorf("while writing, the label or the descriptors are gone:\n%s", view)
	}
	// Small: no row is left blank under the textarea.
	small := press(testPanel(t, 36, 17, nil), "enter")
	uitest.RequireFits(t, small.View(), 36, 17)
	rows := strings.Split(ansi.Strip(small.View()), "\n")
	if last := rows[len(rows)-1]; len(rows) != 17 || !strings.HasPrefix(last, "│") {
		t.Errorf("at 36×17 the textarea does not reach the bottom (%d rows, last %q):\n%s", len(rows), last, strings.Join(rows, "\n"))
	}
}

// TestTextareaShowsFirstLineAfterResize: text written in a small
// textarea scrolls; once the textarea is tall enough to hold it all, it
// shows from its first line again, the cursor where it was.
func TestTextareaShowsFirstLineAfterResize(t *testing.T) {
	s := NewSheet(styles.New(uitest.TrueColorRenderer(), true), described(), CriterionRows(described()), nil, nil)
	s.SetTextSize(30, 2)
	s.StartEditing("C1")
	for i, l := range []string{"first line", "second", "third", "fourth"} {
		if i > 0 {
			s.UpdateText(tea.KeyMsg{Type: tea.KeyEnter})
		}
		s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(l)})
		s.TextView() // textarea scrolls over the lines it last drew
	}
	if strings.Contains(s.TextView(), "first line") {
		t.Fatalf("the 2-row textarea shows its first line with the cursor on the fourth (%q):\n%s", s.Text(), s.TextView())
	}
	s.SetTextSize(30, 8)
	if v := s.TextView(); !strings.Contains(v, "first line") || !strings.Contains(v, "fourth") {
		t.Errorf("after growing to 8 rows the textarea shows:\n%s", v)
	}
	s.UpdateText(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("!")})
	if got := s.Feedback["C1"]; got != "first line\nsecond\nthird\nfourth!" {
		t.Errorf("typing after the resize gave %q: the cursor moved", got)
	}
}

// TestBundledRubricsHaveDescriptors: every criterion of every bundled
// rubric writes its levels as a table the panel reads.
func TestBundledRubricsHaveDescriptors(t *testing.T) {
	rs, err := rubrics.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		for _, c := range r.Criteria {
			got, ok := c.Descriptors(r.AllLevels())
			if !ok || slices.Contains(got, "") {
				t.Errorf("%s %s: descriptors %q, %v", r.ID, c.ID, got, ok)
			}
		}
	}
}

// TestManyCriteriaLeaveRoom: a rubric of more criteria than a third of the
// panel lists a window of them around the cursor, and says so, so the
// selected criterion's descriptors, the outcome and the feedback still
// show; moving down the list moves the window.
func TestManyCriteriaLeaveRoom(t *testing.T) {
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	r := described()
	for i := len(r.Criteria) + 1; i <= 14; i++ {
		r.Criteria = append(r.Criteria, review.Criterion{ID: "C" + strconv.Itoa(i), Name: "Criterion " + strconv.Itoa(i), Description: "Descriptor of C" + strconv.Itoa(i) + "."})
	}
	s := New(c, review.Assignment{Rubric: r, Attempt: uitest.Attempts()[0]}).SetSize(70, 22)
	view := ansi.Strip(s.View())
	for _, want := range []string{"criteria 1–6 of 14: ↑/↓ for the others", "▸ C1", "Outcome: ", "Levels for C1:", "Overall"} {
		if !strings.Contains(view, want) {
			t.Errorf("at 70×22 the panel lacks %q:\n%s", want, view)
		}
	}
	if strings.Contains(view, "C7 ") {
		t.Errorf("at 70×22 the panel lists C7, past its window:\n%s", view)
	}
	for range 9 {
		s.sheet.Move(1)
	}
	view = ansi.Strip(s.View())
	for _, want := range []string{"criteria 7–12 of 14", "▸ C10", "C10 in the rubric:", "Descriptor of C10."} {
		if !strings.Contains(view, want) {
			t.Errorf("on C10 the panel lacks %q:\n%s", want, view)
		}
	}
	uitest.RequireFits(t, s.View(), 70, 22)
	// A tall panel lists more of them: all but 24 rows.
	s = s.SetSize(70, 44)
	view = ansi.Strip(s.View())
	if !strings.Contains(view, "C14 ") || strings.Contains(view, "↑/↓ for the others") || !strings.Contains(view, "C10 in the rubric:") || !strings.Contains(view, "Outcome: ") {
		t.Errorf("at 70×44 the panel does not list all 14 criteria with C10's description:\n%s", view)
	}
}

// TestCriterionNamesDrawnAsEvidence: emoji that only some terminals join
// are set apart in a criterion's name, as in evidence, so the panel's
// lines measure what every terminal draws.
func TestCriterionNamesDrawnAsEvidence(t *testing.T) {
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	r := described()
	r.Criteria[0].Name = "The teacher 👩\u200d🏫 names the target"
	s := New(c, review.Assignment{Rubric: r, Attempt: uitest.Attempts()[0]}).SetSize(70, 30)
	view := s.View()
	if strings.Contains(view, "\u200d") || !strings.Contains(ansi.Strip(view), "The teacher 👩🏫 names") {
		t.Errorf("the criterion's name keeps its joiner:\n%s", ansi.Strip(view))
	}
}

// TestKeysIgnoredWhileDeciding: once the decision is on its way to the
// store, a level key changes nothing on the panel: what shows stays what
// is being recorded.
func TestKeysIgnoredWhileDeciding(t *testing.T) {
	all := map[string]string{"C1": "meets", "C2": "meets", "C3": "meets", "C4": "meets"}
	s := testPanel(t, 70, 40, all)
	s.deciding = true
	s = press(s, "n", "o", "x")
	if got := s.Levels()["C1"]; got != "meets" {
		t.Errorf("n while deciding set C1 to %q", got)
	}
	if s.Editing() || s.Edits() != 0 {
		t.Errorf("keys while deciding edited the panel: editing %v, %d edits", s.Editing(), s.Edits())
	}
}
