package reviewer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
)

// pickKeyMap is the credential finder's bindings: letters are the text
// typed, so only the arrows (and ctrl+p/ctrl+n) move.
type pickKeyMap struct {
	Up, Down, Choose, Cancel, Quit key.Binding
}

func newPickKeyMap() pickKeyMap {
	return pickKeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓", "down")),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "filter")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Quit:   keymap.ForceQuit(),
	}
}

// ShortHelp implements help.KeyMap.
func (k pickKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Cancel}
}

// FullHelp implements help.KeyMap.
func (k pickKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Choose, k.Cancel, k.Quit}}
}

// credPick is the queue's credential finder, opened with `/`: f and F
// step through the credentials one at a time, which among a program's 175
// takes up to 87 presses. Typing narrows the list to the credentials
// whose title or id holds the text, in any case; enter filters the queue
// by the one selected ("All credentials" heads the list).
type credPick struct {
	keys  pickKeyMap
	in    textinput.Model
	creds []review.Rubric
	shown []int // indexes into creds of the rows shown; -1 is all credentials
	at    int   // selected row of shown
}

// newCredPick opens the finder on creds, selecting the current filter.
func newCredPick(c *common.Common, creds []review.Rubric, filter string) credPick {
	in := textinput.New()
	in.Prompt = "credential: "
	in.Placeholder = "type part of its title or id"
	in.PromptStyle, in.TextStyle, in.PlaceholderStyle = c.Styles.Label, c.Styles.EditText, c.Styles.Faint
	in.Cursor.Style = c.Styles.EditCursor
	// A static cursor needs no blink messages routed back to it.
	in.Cursor.SetMode(cursor.CursorStatic)
	in.CharLimit = 100
	in.Focus()
	p := credPick{keys: newPickKeyMap(), in: in, creds: creds}
	p.narrow()
	for i, ci := range p.shown {
		if ci >= 0 && creds[ci].ID == filter {
			p.at = i
		}
	}
	return p
}

// narrow lists the credentials matching the text typed, the closest
// first: the id itself, then ids and title words that start with it, then
// the rest that hold it. enter takes the first, so "student" finds
// student-voice before Descriptive Feedback of Student Learning.
//
// The id exactly as typed comes before all: ids tell case apart (Math-1
// and math-1 are two credentials), which folding does not.
func (p *credPick) narrow() {
	typed := strings.TrimSpace(p.in.Value())
	q := review.Fold(typed)
	p.shown = p.shown[:0]
	if q == "" {
		p.shown = append(p.shown, -1)
	}
	rank := map[int]int{}
	for i, r := range p.creds {
		if n, ok := matchRank(r, q); ok {
			p.shown = append(p.shown, i)
			rank[i] = n
			if r.ID == typed {
				rank[i] = -1
			}
		}
	}
	slices.SortStableFunc(p.shown, func(a, b int) int { return rank[a] - rank[b] })
	p.at = max(min(p.at, len(p.shown)-1), 0)
}

// matchRank says whether r matches q and how closely: 0 its id, 1 its id's
// start, 2 the start of a word of its title, 3 anywhere in either; q is
// folded (review.Fold), and so are they, accents and case aside.
func matchRank(r review.Rubric, q string) (int, bool) {
	id, title := review.Fold(r.ID), review.Fold(r.Title)
	switch {
	case q == "" || id == q:
		return 0, true
	case strings.HasPrefix(id, q):
		return 1, true
	case strings.HasPrefix(title, q) || strings.Contains(title, " "+q):
		return 2, true
	case strings.Contains(id, q) || strings.Contains(title, q):
		return 3, true
	}
	return 0, false
}

// update handles a key. done reports the finder closed; chose, that it
// closed with id (a credential, or "" for all) to filter by.
func (p credPick) update(k tea.KeyMsg) (next credPick, id string, chose, done bool) {
	switch {
	case key.Matches(k, p.keys.Cancel):
		return p, "", false, true
	case key.Matches(k, p.keys.Choose):
		if len(p.shown) == 0 {
			return p, "", false, false // nothing matches: keep typing
		}
		if ci := p.shown[p.at]; ci >= 0 {
			return p, p.creds[ci].ID, true, true
		}
		return p, "", true, true
	case key.Matches(k, p.keys.Up):
		p.at = max(p.at-1, 0)
	case key.Matches(k, p.keys.Down):
		p.at = max(min(p.at+1, len(p.shown)-1), 0)
	default:
		before := p.in.Value()
		p.in, _ = p.in.Update(k)
		if p.in.Value() != before {
			p.at = 0
			p.narrow()
		}
	}
	return p, "", false, false
}

// view draws the input line and the rows that fit in h lines, the
// selected one among them.
func (p credPick) view(c *common.Common, w, h int) string {
	st := c.Styles
	lines := []string{common.OneLine(p.in.View(), w)}
	if len(p.shown) == 0 {
		lines = append(lines, st.Faint.Render(common.OneLine("No credential's title or id holds that.", w)))
	}
	rows := max(h-2, 1)
	first := max(min(p.at-rows/2, len(p.shown)-rows), 0)
	end := min(first+rows, len(p.shown))
	if len(p.shown) > 0 {
		count := fmt.Sprintf("%d of %s", p.countShown(), review.Count(len(p.creds), "credential", "credentials"))
		if first > 0 || end < len(p.shown) {
			// First, so a narrow window cuts the count, not this.
			count = fmt.Sprintf("rows %d–%d of %d, ↑/↓ for the rest · ", first+1, end, len(p.shown)) + count
		}
		lines = append(lines, st.Faint.Render(common.OneLine(count, w)))
	}
	for i := first; i < end; i++ {
		// The id is what a reviewer may type: at a narrow width the
		// title is cut first.
		row := "All credentials"
		if ci := p.shown[i]; ci >= 0 {
			r := p.creds[ci]
			row = common.Spread(common.Name(r.Title), common.Name(r.ID), max(w-2, 1))
		}
		if i == p.at {
			lines = append(lines, st.Selected.Render(common.OneLine("▸ "+row, w)))
		} else {
			lines = append(lines, common.OneLine("  "+row, w))
		}
	}
	return strings.Join(lines, "\n")
}

// countShown is how many credentials (not "All credentials") are listed.
func (p credPick) countShown() int {
	n := 0
	for _, ci := range p.shown {
		if ci >= 0 {
			n++
		}
	}
	return n
}
