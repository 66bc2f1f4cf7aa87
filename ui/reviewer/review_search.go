package reviewer

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/keymap"
	"assessor/ui/styles"
)

// `/` searches the view that scrolls: the evidence (full text or diff), or
// the open overlay when it shows a file, a file's diff or an attempt's
// feedback. enter jumps to the first match at or below the top line, n and
// N step on, as in less; the status line says "match 2 of 7".

// maxQuery bounds what `/` takes: a search is a word or a phrase.
const maxQuery = 200

// findMsg asks the overlay on top to search its text; an overlay that
// shows no scrolling text ignores it.
type findMsg struct {
	query string
	dir   int // 1 next, −1 previous
}

// finder is an overlay that can search what it shows.
type finder interface {
	// CanFind reports whether it shows text that `/` can search now.
	CanFind() bool
	// FindStatus is the last search's result for the status line.
	FindStatus() string
}

// searchKeyMap is the keys of the open `/` line, which types every other
// key (s, q, ?), so its help lists only these.
type searchKeyMap struct{ Find, Cancel, Quit key.Binding }

// ShortHelp implements help.KeyMap.
func (k searchKeyMap) ShortHelp() []key.Binding { return []key.Binding{k.Find, k.Cancel, k.Quit} }

// FullHelp implements help.KeyMap.
func (k searchKeyMap) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// searchKeys are made once: the help asks for them on every key typed.
var searchKeys = searchKeyMap{
	Find:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "find")),
	Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	Quit:   keymap.ForceQuit(),
}

func newSearchInput(st *styles.Styles) textinput.Model {
	ti := textinput.New()
	ti.Prompt = "/"
	ti.Placeholder = "search, enter to find, esc to cancel"
	ti.CharLimit = maxQuery
	ti.PromptStyle, ti.TextStyle, ti.PlaceholderStyle = st.Label, st.EditText, st.Faint
	ti.Cursor.Style = st.EditCursor
	return ti
}

// canFind reports whether `/`, n and N search now: over an overlay that
// shows text, or over the evidence unless the scoring panel has the keys
// (where n is a level).
func (r *reviewModel) canFind() bool {
	if top := r.overlays.Top(); top != nil {
		f, ok := top.(finder)
		return ok && f.CanFind()
	}
	return !r.scoringOn || r.focusL
}

// updateSearchInput gives the open `/` line every key: enter searches,
// esc cancels.
func (r *reviewModel) updateSearchInput(k tea.KeyMsg) tea.Cmd {
	switch k.Type {
	case tea.KeyEsc:
		r.searching = false
		r.search.Blur()
		r.setStatus("", false)
		return nil
	case tea.KeyEnter:
		r.searching = false
		r.search.Blur()
		r.query = review.Sanitize(r.search.Value())
		// The screen's help comes back, maybe taller than the line's:
		// the panes take their height before find scrolls to the match.
		r.fitHelp()
		return r.find(1)
	}
	var cmd tea.Cmd
	*r.search, cmd = r.search.Update(k)
	return cmd
}

// updateFindKey handles `/`, n and N; handled is false for other keys or
// when there is nothing to search.
func (r *reviewModel) updateFindKey(k tea.KeyMsg) (cmd tea.Cmd, handled bool) {
	// `/` over the scoring panel searches the evidence too (find gives it
	// the focus, so n and N then step there); n and N stay levels in the
	// panel until then.
	slash := key.Matches(k, r.keys.Search) && (r.overlays.Len() == 0 || r.canFind())
	if !slash && !r.canFind() {
		return nil, false
	}
	switch {
	case slash:
		r.searching = true
		r.search.SetValue("")
		return r.search.Focus(), true
	case r.query != "" && key.Matches(k, r.keys.NextMatch):
		return r.find(1), true
	case r.query != "" && key.Matches(k, r.keys.PrevMatch):
		return r.find(-1), true
	}
	return nil, false
}

// find runs the query on the searchable view and reports on the status
// line.
func (r *reviewModel) find(dir int) tea.Cmd {
	if r.query == "" {
		r.setStatus("", false)
		return nil
	}
	if r.overlays.Len() > 0 {
		var cmd tea.Cmd
		r.overlays, cmd, _ = r.overlays.Update(findMsg{r.query, dir})
		if f, ok := r.overlays.Top().(finder); ok {
			r.setStatus(f.FindStatus(), false)
		}
		return cmd
	}
	r.evidence = r.evidence.Find(r.query, dir)
	r.focusL = true // the match is in the evidence: its keys scroll it
	r.setStatus(r.evidence.FindStatus(), false)
	return nil
}

// findStatusFollowsFocus keeps a search's status line true as tab moves
// the focus beside the scoring panel: it says n and N step on only while
// they do (canFind), as the help does; in the panel n is a level.
func (r *reviewModel) findStatusFollowsFocus() {
	if r.query == "" || !r.scoringOn {
		return
	}
	steps, found := r.evidence.FindStatus(), r.evidence.FindFound()
	switch {
	case r.status != steps && r.status != found:
		// The status line says something else now.
	case r.canFind():
		r.setStatus(steps, false)
	default:
		r.setStatus(found, false)
	}
}
