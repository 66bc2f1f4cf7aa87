package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/review"
)

// The comment bank: `b` on a criterion opens a picker of that criterion's
// snippets (shared ones first, then the reviewer's own); `enter` appends the
// chosen one to the feedback and opens the editor on it, so the reviewer
// adapts it before the debounced draft save stores it. ctrl+b in the
// editor saves the text as a new personal snippet.

// scoringMsg is the result of one of the scoring panel's commands. The
// review screen hands every one to the panel, whichever pane is showing,
// and schedules a draft save when it changed the feedback.
type scoringMsg interface{ scoringMsg() }

// snippetsLoadedMsg carries one criterion's comment bank.
type snippetsLoadedMsg struct {
	criterion string
	snippets  []review.Snippet
	err       error
}

// snippetSavedMsg reports the SaveSnippet of ctrl+b.
type snippetSavedMsg struct {
	snippet review.Snippet
	err     error
}

func (snippetsLoadedMsg) scoringMsg() {}
func (snippetSavedMsg) scoringMsg()   {}

// loadSnippetsCmd fetches the comment bank of one criterion.
func loadSnippetsCmd(c *common, credential, criterion string) tea.Cmd {
	return func() tea.Msg {
		sns, err := c.backend.Snippets(c.reviewer, credential, criterion)
		return snippetsLoadedMsg{criterion: criterion, snippets: sns, err: err}
	}
}

// saveSnippetCmd stores sn as one of the reviewer's own snippets.
func saveSnippetCmd(c *common, sn review.Snippet) tea.Cmd {
	sn.Owner = c.reviewer // personal: shared snippets are managed by leads, from the CLI
	return func() tea.Msg {
		saved, err := c.backend.SaveSnippet(c.reviewer, sn)
		return snippetSavedMsg{snippet: saved, err: err}
	}
}

// appendSnippet adds text to feedback, after a blank line when there is
// feedback already, so a snippet never runs into the reviewer's sentence.
func appendSnippet(feedback, text string) string {
	text = strings.TrimSpace(text)
	if strings.TrimSpace(feedback) == "" {
		return text
	}
	return strings.TrimRight(feedback, " \t\n") + "\n\n" + text
}

// openBank opens the picker on the selected criterion and loads its bank.
func (s scoringModel) openBank() (scoringModel, tea.Cmd) {
	if len(s.rubric.Criteria) == 0 {
		return s, nil
	}
	c := s.rubric.Criteria[s.cursor]
	p := newPicker(s.c.styles, c.ID, review.Sanitize(c.Name), s.width, s.height)
	s.picker = &p
	return s, loadSnippetsCmd(s.c, s.rubric.ID, c.ID)
}

// snippetsLoaded fills the picker, if it is still open on that criterion.
func (s scoringModel) snippetsLoaded(msg snippetsLoadedMsg) scoringModel {
	if s.picker == nil || s.picker.criterion != msg.criterion {
		return s
	}
	p := s.picker.setSnippets(msg.snippets, msg.err)
	s.picker = &p
	return s
}

// updatePicker handles a key while the picker is open: enter inserts the
// chosen snippet and opens the editor on the feedback, esc closes (after
// clearing a filter, as bubbles/list does), anything else is the picker's.
func (s scoringModel) updatePicker(k tea.KeyMsg) (scoringModel, tea.Cmd) {
	p := *s.picker
	switch {
	case key.Matches(k, p.keys.Insert):
		sn, ok := p.chosen()
		if !ok {
			return s, nil
		}
		s.picker = nil
		if v := appendSnippet(s.feedback[p.criterion], sn.Text); v != s.feedback[p.criterion] {
			s.feedback[p.criterion] = v
			s.edits++
		}
		s.info = "Inserted — edit it to fit this candidate; esc when done"
		return s.startEditing(p.criterion)
	case key.Matches(k, p.keys.Close) && !p.filtering && p.filter.Value() == "":
		s.picker = nil
		return s, nil
	}
	p, cmd := p.Update(k)
	s.picker = &p
	return s, cmd
}

// saveSnippet is ctrl+b in the editor: the text becomes a new personal
// snippet of the criterion being edited.
func (s scoringModel) saveSnippet() (scoringModel, tea.Cmd) {
	if _, ok := s.rubric.Criterion(s.editing); !ok {
		return s, nil // the overall feedback has no bank
	}
	text := strings.TrimSpace(s.text.Value())
	if text == "" {
		s.notice = "Nothing to save yet: write the feedback first"
		return s, nil
	}
	s.notice, s.info = "", "Saving to your comment bank…"
	return s, saveSnippetCmd(s.c, review.Snippet{Credential: s.rubric.ID, Criterion: s.editing, Text: text})
}

// snippetSaved reports the save of ctrl+b.
func (s scoringModel) snippetSaved(msg snippetSavedMsg) scoringModel {
	if msg.err != nil {
		s.info, s.notice = "", "Not saved to your comment bank: "+msg.err.Error()
		return s
	}
	s.info = "Saved to your comment bank"
	return s
}

// pickerKeyMap is the picker's bindings; it also feeds the help line.
type pickerKeyMap struct {
	Up, Down, Filter, Insert, Close, Quit key.Binding
}

func newPickerKeyMap() pickerKeyMap {
	return pickerKeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Insert: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "insert & edit")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Quit:   forceQuitBinding(),
	}
}

// ShortHelp implements help.KeyMap.
func (k pickerKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Filter, k.Insert, k.Close, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k pickerKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Filter}, {k.Insert, k.Close, k.Quit}}
}

// pickerModel lists one criterion's snippets, one line each, and filters
// them like bubbles/list: `/` opens the filter, typing narrows the list
// (fuzzyRank), enter takes the selected one, esc clears the filter.
type pickerModel struct {
	st        *styles
	keys      pickerKeyMap
	criterion string
	name      string
	all       []review.Snippet
	targets   []string // what the filter searches: each text on one line
	shown     []int    // indexes into all, in filter rank order
	cursor    int      // index into shown
	offset    int      // first row drawn
	filter    textinput.Model
	filtering bool // the filter input has the keyboard
	loading   bool
	err       string
	width     int
	height    int
}

func newPicker(st *styles, criterion, name string, w, h int) pickerModel {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.PromptStyle, ti.TextStyle = st.label, st.editText
	ti.Placeholder = "type to filter"
	ti.PlaceholderStyle = st.faint
	ti.Cursor.Style = st.editCursor
	// A static cursor needs no blink messages routed back through the
	// review screen.
	ti.Cursor.SetMode(cursor.CursorStatic)
	ti.CharLimit = 64
	p := pickerModel{st: st, keys: newPickerKeyMap(), criterion: criterion, name: name, filter: ti, loading: true}
	return p.setSize(w, h)
}

func (p pickerModel) setSize(w, h int) pickerModel {
	p.width, p.height = w, h
	p.filter.Width = max(w-4, 1)
	return p.scroll()
}

// setSnippets shows the loaded bank (or why it did not load).
func (p pickerModel) setSnippets(sns []review.Snippet, err error) pickerModel {
	p.loading = false
	if err != nil {
		p.err = "Comment bank not loaded: " + err.Error()
		return p
	}
	p.all = sns
	p.targets = make([]string, len(sns))
	for i, sn := range sns {
		p.targets[i] = strings.Join(strings.Fields(review.Sanitize(sn.Text)), " ")
	}
	return p.refilter()
}

// refilter ranks the bank against the filter text and selects the best.
func (p pickerModel) refilter() pickerModel {
	p.shown = fuzzyRank(p.filter.Value(), p.targets)
	p.cursor, p.offset = 0, 0
	return p
}

// chosen is the selected snippet, if any is shown.
func (p pickerModel) chosen() (review.Snippet, bool) {
	if p.cursor >= len(p.shown) {
		return review.Snippet{}, false
	}
	return p.all[p.shown[p.cursor]], true
}

// Update handles the picker's own keys: moving, and the filter.
func (p pickerModel) Update(k tea.KeyMsg) (pickerModel, tea.Cmd) {
	if p.filtering {
		// While typing, letters (j and k too) are filter text; only esc
		// and the arrows act, the arrows keeping the filter and moving on
		// as in bubbles/list.
		switch k.Type {
		case tea.KeyEsc:
			p.filtering = false
			p.filter.Blur()
			p.filter.SetValue("")
			return p.refilter(), nil
		case tea.KeyUp, tea.KeyDown:
			p.filtering = false
			p.filter.Blur()
			return p.move(k), nil
		}
		before := p.filter.Value()
		var cmd tea.Cmd
		p.filter, cmd = p.filter.Update(k)
		if p.filter.Value() != before {
			p = p.refilter()
		}
		return p, cmd
	}
	switch {
	case key.Matches(k, p.keys.Filter):
		p.filtering = true
		p.filter.CursorEnd()
		return p, p.filter.Focus()
	case key.Matches(k, p.keys.Close): // a filter is applied: clear it
		p.filter.SetValue("")
		return p.refilter(), nil
	}
	return p.move(k), nil
}

// move handles up and down.
func (p pickerModel) move(k tea.KeyMsg) pickerModel {
	switch {
	case key.Matches(k, p.keys.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(k, p.keys.Down):
		p.cursor = max(min(p.cursor+1, len(p.shown)-1), 0)
	}
	return p.scroll()
}

// rows is how many snippet lines fit under the title and status lines.
func (p pickerModel) rows() int { return max(p.height-2, 1) }

// scroll keeps the cursor's row in view.
func (p pickerModel) scroll() pickerModel {
	switch {
	case p.cursor < p.offset:
		p.offset = p.cursor
	case p.cursor >= p.offset+p.rows():
		p.offset = p.cursor - p.rows() + 1
	}
	return p
}

// View draws the title (or the filter input), a status line and one line
// per snippet: its tag, shared or mine, and its first line.
func (p pickerModel) View() string {
	st, w := p.st, p.width
	title := st.label.Render("Comment bank · "+p.criterion) + " " + st.faint.Render(p.name)
	if p.filtering || p.filter.Value() != "" {
		title = p.filter.View()
	}
	lines := []string{oneLine(title, w)}
	wrapped := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(ansiWrap(text, w), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	switch {
	case p.loading:
		lines = append(lines, st.faint.Render("Loading…"))
	case p.err != "":
		wrapped(st.warn, p.err)
	case len(p.all) == 0:
		wrapped(st.faint, "No snippets for "+p.criterion+" yet. While writing its feedback, ctrl+b saves the text here.")
	default:
		lines = append(lines, oneLine(st.faint.Render(p.status()), w))
		end := min(p.offset+p.rows(), len(p.shown))
		for row := p.offset; row < end; row++ {
			lines = append(lines, p.item(row))
		}
	}
	return fit(strings.Join(lines, "\n"), w, p.height)
}

// status counts what is shown, e.g. "2 of 5 snippets match".
func (p pickerModel) status() string {
	n := len(p.all)
	if p.filter.Value() == "" {
		return fmt.Sprintf("%d %s", n, plural(n, "snippet", "snippets"))
	}
	if len(p.shown) == 0 {
		return fmt.Sprintf("Nothing matched (of %d)", n)
	}
	return fmt.Sprintf("%d of %d %s", len(p.shown), n, plural(n, "snippet matches", "snippets match"))
}

// item draws one row.
func (p pickerModel) item(row int) string {
	st := p.st
	sn := p.all[p.shown[row]]
	marker, text := "  ", review.Sanitize(sn.FirstLine())
	if row == p.cursor {
		marker, text = st.header.Render("▸ "), st.label.Render(text)
	}
	tag := "mine  "
	if sn.Shared() {
		tag = "shared"
	}
	return oneLine(marker+st.faint.Render(tag)+"  "+text, p.width)
}
