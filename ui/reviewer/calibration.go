package reviewer

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/overlay"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// Calibration mode (`assessor calibrate`): after each example the reviewer
// sees its reference levels beside their own, where they differed, and
// their agreement so far, as Moodle Workshop's example assessments do;
// then enter opens the next example, and esc goes back to the queue.

// calibrationFeedbackMsg carries the comparison for the example just scored.
type calibrationFeedbackMsg struct {
	handle string
	fb     review.CalibrationFeedback
	err    error
}

// calibrationFeedbackCmd reads the comparison, if the backend offers one.
func calibrationFeedbackCmd(c *common.Common, k review.AttemptKey, handle string) tea.Cmd {
	return func() tea.Msg {
		cb, ok := c.Backend.(common.CalibrationBackend)
		if !ok {
			return calibrationFeedbackMsg{handle: handle, err: fmt.Errorf("this backend keeps no reference levels")}
		}
		fb, err := cb.CalibrationFeedback(c.Reviewer, k)
		return calibrationFeedbackMsg{handle: handle, fb: fb, err: err}
	}
}

// calibrated handles the answer to the example just scored: show the
// comparison over both panes, or, if it cannot be read, say so and move on.
func (r *reviewModel) calibrated(msg calibrationFeedbackMsg) tea.Cmd {
	status := "Recorded your calibration answer for " + msg.handle
	if msg.err != nil {
		r.setStatus(status+" (no comparison: "+review.Sanitize(msg.err.Error())+") · opening the next example…", true)
		return nextCmd(r.c, r.filter, status)
	}
	r.setStatus(status, false)
	r.scoringOn = false // the panel is done with this example (and still "deciding")
	r.push(newCalibrationResult(r.c.Styles, r.asg.Rubric, msg.handle, msg.fb, r.width-4, r.height))
	return nil
}

// calibrationResultKeyMap is the comparison's bindings.
type calibrationResultKeyMap struct {
	keymap.Scroll
	Next, Back, Help, Quit key.Binding
}

// ShortHelp implements help.KeyMap.
func (k calibrationResultKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Back, k.Up, k.Down, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k calibrationResultKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Next, k.Back}, {k.Up, k.Down, k.PageUp, k.PageDown}, {k.Help, k.Quit}}
}

// calibrationResult is the comparison overlay; closing it with enter
// opens the next example, with esc goes back to the queue.
type calibrationResult struct {
	st     *styles.Styles
	keys   calibrationResultKeyMap
	rubric review.Rubric
	handle string
	fb     review.CalibrationFeedback
	vp     viewport.Model
	done   bool
	back   bool // closed with esc: back to the queue, not on to the next example
}

func newCalibrationResult(st *styles.Styles, r review.Rubric, handle string, fb review.CalibrationFeedback, w, h int) calibrationResult {
	m := calibrationResult{st: st, rubric: r, handle: handle, fb: fb, vp: keymap.NewViewport(),
		keys: calibrationResultKeyMap{Scroll: keymap.NewScroll(),
			Next: key.NewBinding(key.WithKeys("enter", "n"), key.WithHelp("enter", "next example")),
			Back: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to queue")),
			Help: keymap.Help(), Quit: keymap.Quit()}}
	return m.setSize(w, h)
}

func (m calibrationResult) setSize(w, h int) calibrationResult {
	m.vp.Width, m.vp.Height = w, h
	m.vp.SetContent(m.text(w))
	return m
}

// text is the comparison: one row per criterion (yours, reference, and
// "differs" in words, so it reads without colour), then the standing.
func (m calibrationResult) text(w int) string {
	st, fb := m.st, m.fb
	passing := m.rubric.PassingLevel()
	idW, lvlW := len("criterion"), len("reference")
	for _, c := range m.rubric.Criteria {
		idW = max(idW, len(c.ID))
		lvlW = max(lvlW, common.Width(common.Name(fb.Yours[c.ID])), common.Width(common.Name(fb.Reference[c.ID])))
	}
	differs := fb.Differs(m.rubric)
	lines := []string{
		st.Header.Render(common.OneLine("Calibration example "+m.handle+" · your levels beside the reference levels", w)), "",
		st.Label.Render(common.OneLine(fmt.Sprintf("  %-*s  %-*s  %-*s", idW, "criterion", lvlW, "yours", lvlW, "reference"), w)),
	}
	for _, c := range m.rubric.Criteria {
		ref, ok := fb.Reference[c.ID]
		if !ok {
			continue
		}
		yours := fb.Yours[c.ID]
		mark, verdict := "  ", st.Faint.Render("agrees ")
		if yours != ref {
			mark, verdict = "▸ ", st.Warn.Render("differs")
		}
		row := mark + fmt.Sprintf("%-*s  ", idW, review.Sanitize(c.ID)) +
			st.Level(yours, passing).Render(common.Pad(common.Name(yours), lvlW)) + "  " +
			st.Level(ref, passing).Render(common.Pad(common.Name(ref), lvlW)) + "  " + verdict + "  " + common.Name(c.Name)
		lines = append(lines, common.OneLine(row, w))
	}
	lines = append(lines, "")
	n := len(fb.Reference)
	switch {
	case len(differs) == 0 && n == 1:
		lines = append(lines, common.Wrap("You matched the reference on its one criterion.", w))
	case len(differs) == 0:
		lines = append(lines, common.Wrap(fmt.Sprintf("You matched the reference on all %d criteria.", n), w))
	default:
		lines = append(lines, common.Wrap(fmt.Sprintf("You matched the reference on %d of %s; you differed on %s. Reread those descriptors in the rubric before the next example.",
			n-len(differs), review.Count(n, "criterion", "criteria"), strings.Join(differs, ", ")), w))
	}
	s, p := fb.Score, fb.Policy
	standing := fmt.Sprintf("Your agreement so far: %s of %s over %s.", s.AgreementShare(),
		review.Count(s.Judgements, "criterion level", "criterion levels"), review.Count(s.Examples, "example", "examples"))
	goal := fmt.Sprintf("Calibrated at %.0f%% or more over at least %s: ", p.Threshold*100, review.Count(cmp.Or(s.Needed, p.MinExamples), "example", "examples"))
	if s.Calibrated {
		goal += "you are."
	} else {
		goal += "not yet."
	}
	lines = append(lines, "", common.Wrap(standing, w), common.Wrap(goal, w), "",
		st.Faint.Render(common.Wrap("This was calibration: nothing was recorded for the candidate.", w)))
	return strings.Join(lines, "\n")
}

// Title implements overlay.Model.
func (m calibrationResult) Title() string { return "Calibration result · " + m.handle }

// Update implements overlay.Model: enter goes on, esc goes back, arrows
// scroll.
func (m calibrationResult) Update(msg tea.Msg) (overlay.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, m.keys.Next):
			m.done = true
			return m, nil
		case key.Matches(k, m.keys.Back):
			m.done, m.back = true, true
			return m, nil
		}
		m.keys.Scroll.Viewport(&m.vp, k)
	}
	return m, nil
}

// Closed implements overlay.Model.
func (m calibrationResult) Closed() bool { return m.done }

// Help implements overlay.Model.
func (m calibrationResult) Help() help.KeyMap { return m.keys }

// SetSize implements overlay.Model.
func (m calibrationResult) SetSize(w, h int) overlay.Model { return m.setSize(w, h) }

// View implements overlay.Model.
func (m calibrationResult) View() string { return m.vp.View() }
