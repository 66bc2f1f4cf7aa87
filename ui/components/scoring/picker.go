package scoring

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/overlay"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// pickerKeyMap is the picker's own bindings; the list's KeyMap has the
// rest (moving, `/`, clearing the filter).
type pickerKeyMap struct {
	Insert, Close, Help, Quit key.Binding
}

func newPickerKeyMap() pickerKeyMap {
	return pickerKeyMap{
		Insert: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "insert & edit")),
		Close:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Help:   keymap.Help(), // the review screen's: it draws the help
		Quit:   keymap.ForceQuit(),
	}
}

// snippetItem is one snippet as a list.DefaultItem: its first line over
// whose it is and how much more it says.
type snippetItem struct {
	snippet     review.Snippet
	title, desc string
	filter      string // the whole text on one line: what `/` searches
}

// newSnippetItem flattens the text for the filter so that the title is a
// prefix of it: the list underlines matches in the title by rune index.
// Its emoji are set apart as the text will be in the field
// (common.Drawable), or a title's line ran past the list's edge on a
// terminal that does not join them.
func newSnippetItem(sn review.Snippet) snippetItem {
	flat := func(s string) string { return strings.Join(strings.Fields(common.Drawable(review.Sanitize(s))), " ") }
	desc := "mine"
	if sn.Shared() {
		desc = "shared"
	}
	more := -1
	for _, l := range strings.Split(sn.Text, "\n") {
		if strings.TrimSpace(l) != "" {
			more++
		}
	}
	if more > 0 {
		desc += fmt.Sprintf(" · %d more %s", more, common.Plural(more, "line", "lines"))
	}
	return snippetItem{snippet: sn, title: flat(sn.FirstLine()), desc: desc, filter: flat(sn.Text)}
}

// Title implements list.DefaultItem.
func (i snippetItem) Title() string { return i.title }

// Description implements list.DefaultItem.
func (i snippetItem) Description() string { return i.desc }

// FilterValue implements list.Item.
func (i snippetItem) FilterValue() string { return i.filter }

// pickerModel is one criterion's comment bank in a bubbles/list, plus what
// the list cannot show: loading, a load error and the empty-bank hint.
//
// It is an overlay of the scoring panel: enter closes it with the chosen
// snippet (choice), esc closes it with none once no filter is left.
type pickerModel struct {
	st        *styles.Styles
	done      bool            // closed
	picked    *review.Snippet // what it was closed with, if anything
	keys      pickerKeyMap
	list      list.Model
	criterion string
	loading   bool
	err       string
	width     int
	height    int
}

func newPicker(st *styles.Styles, criterion, name string, w, h int) pickerModel {
	l := list.New(nil, newPickerDelegate(st), w, h)
	l.Title = "Comment bank · " + criterion + " " + name
	l.Styles = newPickerListStyles(st)
	// list.New styled these from the global renderer: restyle them from
	// the session's.
	l.FilterInput.PromptStyle = l.Styles.FilterPrompt
	l.FilterInput.TextStyle = st.EditText
	l.FilterInput.PlaceholderStyle = st.Faint
	l.FilterInput.Cursor.Style = l.Styles.FilterCursor
	l.FilterInput.Cursor.TextStyle = st.EditText
	// A static cursor needs no blink messages routed back to it.
	l.FilterInput.Cursor.SetMode(cursor.CursorStatic)
	l.Paginator.ActiveDot = l.Styles.ActivePaginationDot.String()
	l.Paginator.InactiveDot = l.Styles.InactivePaginationDot.String()
	l.SetStatusBarItemName("snippet", "snippets")
	l.SetShowStatusBar(true)
	l.SetFilteringEnabled(true)
	// The review screen draws help from the picker's keys, and esc and
	// ctrl+c are the picker's and the root's, never the list's tea.Quit.
	l.SetShowHelp(false)
	l.DisableQuitKeybindings()
	p := pickerModel{st: st, keys: newPickerKeyMap(), list: l, criterion: criterion, loading: true}
	return p.setSize(w, h)
}

// newPickerDelegate is list's default delegate, restyled from st. Every
// style is a copy of one of st's, so it renders with the session's
// renderer, and colours come only through st, so NoColor holds.
func newPickerDelegate(st *styles.Styles) list.DefaultDelegate {
	d := list.NewDefaultDelegate()
	accent := st.PaneTitle.GetForeground() // lipgloss.NoColor{} under NoColor
	bar := func(s lipgloss.Style) lipgloss.Style {
		return s.Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(accent).PaddingLeft(1)
	}
	d.Styles = list.DefaultItemStyles{
		NormalTitle:   st.EditText.PaddingLeft(2),
		NormalDesc:    st.Faint.PaddingLeft(2),
		SelectedTitle: bar(st.PaneTitle),
		SelectedDesc:  bar(st.Status),
		DimmedTitle:   st.Faint.PaddingLeft(2),
		DimmedDesc:    st.Faint.PaddingLeft(2),
		FilterMatch:   st.EditText.Underline(true),
	}
	return d
}

// newPickerListStyles are list's styles from st (see newPickerDelegate),
// without list's indents: the pane has its own padding.
func newPickerListStyles(st *styles.Styles) list.Styles {
	return list.Styles{
		TitleBar:                    st.EditText,
		Title:                       st.Label,
		Spinner:                     st.Faint,
		FilterPrompt:                st.Label,
		FilterCursor:                st.EditCursor,
		DefaultFilterCharacterMatch: st.EditText.Underline(true),
		StatusBar:                   st.Faint.PaddingBottom(1),
		StatusEmpty:                 st.Faint,
		StatusBarActiveFilter:       st.EditText,
		StatusBarFilterCount:        st.Faint,
		NoItems:                     st.Faint,
		PaginationStyle:             st.EditText,
		HelpStyle:                   st.EditText,
		ActivePaginationDot:         st.Label.SetString("•"),
		InactivePaginationDot:       st.Faint.SetString("•"),
		ArabicPagination:            st.Faint,
		DividerDot:                  st.Faint.SetString(" • "),
	}
}

func (p pickerModel) setSize(w, h int) pickerModel {
	p.width, p.height = w, h
	p.list.SetSize(w, h)
	return p
}

// setSnippets shows the loaded bank (or why it did not load).
func (p pickerModel) setSnippets(sns []review.Snippet, err error) (pickerModel, tea.Cmd) {
	p.loading = false
	if err != nil {
		p.err = "Comment bank not loaded: " + err.Error()
		return p, nil
	}
	items := make([]list.Item, len(sns))
	for i, sn := range sns {
		items[i] = newSnippetItem(sn)
	}
	return p, p.wrap(p.list.SetItems(items))
}

// chosen is the selected snippet, if any is shown.
func (p pickerModel) chosen() (review.Snippet, bool) {
	it, ok := p.list.SelectedItem().(snippetItem)
	return it.snippet, ok
}

// Update handles a key, the loaded bank or one of the list's results.
// enter closes the picker with the chosen snippet and esc closes it once
// no filter is left; anything else is the list's. While a filter is being
// typed, enter and esc are the list's too: enter applies the filter (a
// second enter inserts) and esc clears it, as bubbles/list does.
func (p pickerModel) Update(msg tea.Msg) (overlay.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case snippetsLoadedMsg:
		if msg.criterion != p.criterion {
			return p, nil
		}
		return p.setSnippets(msg.snippets, msg.err)
	case pickerMsg:
		return p.receive(msg)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, p.keys.Insert) && !p.list.SettingFilter():
			if sn, ok := p.chosen(); ok {
				p.done, p.picked = true, &sn
			}
			return p, nil
		case key.Matches(msg, p.keys.Close) && p.list.FilterState() == list.Unfiltered:
			p.done = true
			return p, nil
		}
	}
	return p.updateList(msg)
}

// updateList passes msg to the list.
func (p pickerModel) updateList(msg tea.Msg) (pickerModel, tea.Cmd) {
	var cmd tea.Cmd
	p.list, cmd = p.list.Update(msg)
	return p, p.wrap(cmd)
}

// choice is the snippet the picker was closed with, if any.
func (p pickerModel) choice() (review.Snippet, bool) {
	if p.picked == nil {
		return review.Snippet{}, false
	}
	return *p.picked, true
}

// Closed implements overlay.Model.
func (p pickerModel) Closed() bool { return p.done }

// Help implements overlay.Model: the picker is its own help.KeyMap.
func (p pickerModel) Help() help.KeyMap { return p }

// Title implements overlay.Model.
func (p pickerModel) Title() string { return p.list.Title }

// SetSize implements overlay.Model.
func (p pickerModel) SetSize(w, h int) overlay.Model { return p.setSize(w, h) }

// receive passes the result of one of the list's commands back to it, unless
// it is stale: made for another picker, or filter results for a filter text
// no longer there. Commands run concurrently, so the results of two quick
// keystrokes can arrive in either order.
func (p pickerModel) receive(msg pickerMsg) (pickerModel, tea.Cmd) {
	if msg.criterion != p.criterion {
		return p, nil
	}
	if _, ok := msg.msg.(list.FilterMatchesMsg); ok &&
		(p.list.FilterState() == list.Unfiltered || msg.filter != p.list.FilterValue()) {
		return p, nil
	}
	return p.updateList(msg.msg)
}

// wrap makes cmd's messages pickerMsgs, so the review screen routes them
// back here; a tea.Batch is unpacked so each of its commands is wrapped.
func (p pickerModel) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = p.wrap(c)
			}
			return out
		default:
			return pickerMsg{criterion: p.criterion, filter: p.list.FilterValue(), msg: msg}
		}
	}
}

// ShortHelp implements help.KeyMap: while a filter is typed only the
// list's apply and cancel keys, otherwise moving, filtering, insert and
// close (esc clears an applied filter first).
func (p pickerModel) ShortHelp() []key.Binding {
	lk, k := p.list.KeyMap, p.helpKeys()
	if p.list.SettingFilter() {
		return []key.Binding{lk.AcceptWhileFiltering, lk.CancelWhileFiltering, k.Quit}
	}
	return []key.Binding{lk.CursorUp, lk.CursorDown, lk.Filter, lk.ClearFilter, k.Insert, k.Close, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap, in columns of three like the scoring
// panel's, so opening the picker does not make the help taller.
func (p pickerModel) FullHelp() [][]key.Binding {
	lk, k := p.list.KeyMap, p.helpKeys()
	return [][]key.Binding{
		{lk.CursorUp, lk.CursorDown, lk.Filter},
		{lk.PrevPage, lk.NextPage, lk.ClearFilter},
		{lk.AcceptWhileFiltering, lk.CancelWhileFiltering, k.Help},
		{k.Insert, k.Close, k.Quit},
	}
}

// helpKeys enables insert and close only when they would act, and ?
// only when it is not typed into the filter.
func (p pickerModel) helpKeys() pickerKeyMap {
	k := p.keys
	k.Help.SetEnabled(!p.list.SettingFilter())
	k.Insert.SetEnabled(!p.list.SettingFilter() && p.list.SelectedItem() != nil)
	k.Close.SetEnabled(p.list.FilterState() == list.Unfiltered)
	return k
}

// View draws the list, or under its title why there is no list yet.
func (p pickerModel) View() string {
	st, w := p.st, p.width
	var style lipgloss.Style
	var text string
	switch {
	case p.loading:
		style, text = st.Faint, "Loading…"
	case p.err != "":
		style, text = st.Warn, p.err
	case len(p.list.Items()) == 0:
		style, text = st.Faint, "No snippets for "+p.criterion+" yet. While writing its feedback, ctrl+b saves the text here."
	default:
		return common.Fit(p.list.View(), w, p.height)
	}
	lines := []string{common.OneLine(p.list.Styles.Title.Render(p.list.Title), w)}
	for _, l := range strings.Split(common.Wrap(text, w), "\n") {
		lines = append(lines, style.Render(l))
	}
	return common.Fit(strings.Join(lines, "\n"), w, p.height)
}
