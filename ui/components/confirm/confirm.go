// Package confirm is the dialog (an overlay.Model) that asks before a decision of record is
// stored: "Record RESUBMIT for DF-7KQ2#2? (y/n)", with the feedback
// warnings, which advise but do not block (rule 2's soft half).
package confirm

import (
	"cmp"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/overlay"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// keyMap is the dialog's bindings. Down and Up scroll a dialog taller
// than its room, and are enabled only then.
type keyMap struct {
	Yes, No, Down, Up, Quit key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Yes:  key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "record decision")),
		No:   key.NewBinding(key.WithKeys("n", "N", "esc"), key.WithHelp("n/esc", "back to scoring")),
		Down: key.NewBinding(key.WithKeys("j", "down", "pgdown", " "), key.WithHelp("j/↓", "read on"), key.WithDisabled()),
		Up:   key.NewBinding(key.WithKeys("k", "up", "pgup"), key.WithHelp("k/↑", "back up"), key.WithDisabled()),
		Quit: keymap.ForceQuit(),
	}
}

// ShortHelp implements help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding { return []key.Binding{k.Yes, k.No, k.Down, k.Up, k.Quit} }

// FullHelp implements help.KeyMap.
func (k keyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// Result is what the reviewer answered.
type Result int

// The answers.
const (
	Pending Result = iota // not answered yet
	Yes                   // record the decision
	No                    // back to scoring
)

// Model asks "Record RESUBMIT for DF-7KQ2#2? (y/n)" and lists the
// feedback warnings. It draws itself width cells wide.
type Model struct {
	st       *styles.Styles
	keys     keyMap
	width    int
	answer   Result
	handle   string
	outcome  review.Outcome
	warnings []review.Warning
	example  bool   // a calibration answer, not a decision of record
	double   bool   // one of two blind reviews: a lead settles a disagreement
	levels   string // "C1 meets · C2 not-yet", what will be recorded
	resubmit string // what a resubmit means for the candidate (review.ResubmitMeans)
	// A dialog taller than its height shows height lines from top, and
	// y answers only once the last line has been shown: nothing is
	// confirmed unseen, the warnings included.
	height int
	top    int
	nudged bool // y was pressed before the end was shown
}

// New returns the dialog for recording outcome for handle.
func New(st *styles.Styles, handle string, outcome review.Outcome, warnings []review.Warning) Model {
	return Model{st: st, keys: newKeyMap(), handle: handle, outcome: outcome, warnings: warnings}
}

// WithLevels lists each criterion's level on the dialog, as history does
// (review.CompactLevels), so the reviewer sees what y records while the
// dialog covers the criteria.
func (m Model) WithLevels(levels map[string]string) Model {
	m.levels = common.Name(review.CompactLevels(levels))
	return m
}

// WithResubmit says what recording a resubmit means for the candidate
// (review.ResubmitMeans): a next attempt, or none once the window closed.
func (m Model) WithResubmit(means string) Model {
	m.resubmit = means
	return m
}

// ForCalibration words the dialog for a calibration example: the answer is
// compared with the reference levels and reaches no candidate.
func (m Model) ForCalibration() Model {
	m.example = true
	m.keys.Yes.SetHelp("y", "submit answer")
	return m
}

// ForDoubleReview words the dialog for one of two blind reviews: the
// decision of record waits for the other, and a lead settles a
// disagreement, so the candidate hears nothing yet.
func (m Model) ForDoubleReview() Model {
	m.double = true
	return m
}

// Update reads the answer; Answer then tells it, and the dialog is
// Closed once there is one.
func (m Model) Update(msg tea.Msg) (overlay.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		last := m.lastTop()
		switch {
		case key.Matches(k, m.keys.Yes) && m.top < last:
			m.nudged = true
		case key.Matches(k, m.keys.Yes):
			m.answer = Yes
		case key.Matches(k, m.keys.No):
			m.answer = No
		case key.Matches(k, m.keys.Down):
			step := 1
			if k.String() != "j" && k.String() != "down" {
				step = max(m.room()-1, 1) // a page
			}
			m.top = min(m.top+step, last)
		case key.Matches(k, m.keys.Up):
			m.top = max(m.top-1, 0)
		}
	}
	return m, nil
}

// room is how many of the dialog's lines fit inside its frame; 0 when
// its height is not bounded.
func (m Model) room() int {
	if m.height <= 0 {
		return 0
	}
	return max(m.height-m.st.Dialog.GetVerticalFrameSize(), 2)
}

// lastTop is the top line that shows the dialog's end: 0 when it fits.
func (m Model) lastTop() int {
	if room := m.room(); room > 0 {
		return max(len(m.lines())-room, 0)
	}
	return 0
}

// Answer is the reviewer's answer so far.
func (m Model) Answer() Result { return m.answer }

// Closed reports that the reviewer answered.
func (m Model) Closed() bool { return m.answer != Pending }

// SetSize sets the size the dialog is drawn in: as tall as it needs, up
// to h lines (none when h is 0), scrolled when taller.
func (m Model) SetSize(w, h int) overlay.Model {
	m.width, m.height = w, h
	last := m.lastTop()
	m.top = min(m.top, last)
	m.keys.Down.SetEnabled(last > 0)
	m.keys.Up.SetEnabled(last > 0)
	return m
}

// Help is the dialog's key map.
func (m Model) Help() help.KeyMap { return m.keys }

// Title is "": the dialog is drawn inside the scoring pane, under its title.
func (m Model) Title() string { return "" }

// question is the dialog's first line.
func (m Model) question() string {
	if m.example {
		return fmt.Sprintf("Submit your calibration answer (%s) for %s? (y/n)", strings.ToUpper(string(m.outcome)), m.handle)
	}
	return fmt.Sprintf("Record %s for %s? (y/n)", strings.ToUpper(string(m.outcome)), m.handle)
}

// View draws the dialog to fit its width and height: a dialog taller than
// its height shows what fits from top, and says there is more below.
func (m Model) View() string {
	lines := m.lines()
	if room := m.room(); room > 0 && len(lines) > room {
		if m.top < len(lines)-room { // lastTop, without wrapping the lines again
			// Short: at 50 columns the dialog is 19 wide.
			more := "↓ more below: j"
			if m.nudged {
				more = "Read on (j) first"
			}
			lines = append(lines[m.top:m.top+room-1:m.top+room-1], m.st.Warn.Render(ansi.Truncate(more, m.inner(), "…")))
		} else {
			lines = lines[m.top:]
		}
	}
	return m.st.Dialog.Width(m.inner() + 2).Render(strings.Join(lines, "\n"))
}

// inner is the width inside the dialog's frame.
func (m Model) inner() int { return max(m.width-m.st.Dialog.GetHorizontalFrameSize(), 10) }

// lines are the dialog's lines, wrapped to its width.
func (m Model) lines() []string {
	st, inner := m.st, m.inner()
	wrap := func(s string) string { return ansi.Wrap(s, inner, "") }
	lines := []string{st.Header.Render(wrap(m.question()))}
	if m.levels != "" {
		lines = append(lines, wrap(m.levels))
	}
	switch {
	case m.example:
		lines = append(lines, wrap("Calibration: your levels are compared with the example's reference levels. No candidate sees this and no decision changes."))
	case m.double:
		lines = append(lines, wrap("This attempt has two blind reviews: if they agree, the first is the decision of record; if not, a lead settles it. The candidate hears once it is decided."))
	case m.outcome == review.Pass:
		lines = append(lines, wrap("Every criterion is at the rubric's passing level: the credential is earned."))
	default:
		lines = append(lines, wrap(cmp.Or(m.resubmit, review.ResubmitMeans(time.Time{}, time.Time{}))))
	}
	if len(m.warnings) > 0 {
		lines = append(lines, "", st.Warn.Render("Warnings (they do not block):"))
		for _, w := range m.warnings {
			lines = append(lines, wrap("• "+w.Criterion+": "+w.Message))
		}
	}
	yes := "y record"
	if m.example {
		yes = "y submit"
	}
	lines = append(lines, "", st.Faint.Render(wrap(yes+" · n/esc back to scoring")))
	// One entry per screen line: a wrapped entry is several.
	return strings.Split(strings.Join(lines, "\n"), "\n")
}
