package reviewer

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/keymap"
)

// queueKeyMap is the queue screen's bindings; it feeds bubbles/help.
type queueKeyMap struct {
	Up, Down, Top, Bottom key.Binding
	Claim, Next           key.Binding
	Filter, Reload        key.Binding
	Help, Quit            key.Binding
}

func newQueueKeyMap() queueKeyMap {
	return queueKeyMap{
		Up:     keymap.Up(),
		Down:   keymap.Down(),
		Top:    key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "oldest")),
		Bottom: key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "newest")),
		Claim:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "claim & open")),
		Next:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next available")),
		Filter: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter credential")),
		Reload: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Help:   keymap.Help(),
		Quit:   keymap.Quit(),
	}
}

// ShortHelp implements help.KeyMap.
func (k queueKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Claim, k.Next, k.Filter, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k queueKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Claim, k.Next}, {k.Filter, k.Reload}, {k.Help, k.Quit}}
}

// tableKeyMap drives the table's own movement; it leaves out `f` and `b`,
// which bubbles/table binds to paging by default, because `f` filters here.
func (k queueKeyMap) tableKeyMap() table.KeyMap {
	return table.KeyMap{
		LineUp: k.Up, LineDown: k.Down, GotoTop: k.Top, GotoBottom: k.Bottom,
		PageUp:   key.NewBinding(key.WithKeys("pgup")),
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
	}
}

// queueModel is the queue screen: pending attempts, oldest first.
type queueModel struct {
	c        *common.Common
	keys     queueKeyMap
	help     help.Model
	helpc    *helpCache // the help line, drawn again only when it changes (frame.go)
	table    table.Model
	filter   string // rubric id, or "" for all credentials
	creds    []review.Rubric
	titles   map[string]string // rubric id → title
	items    []review.QueueItem
	loaded   bool
	loadedAt time.Time // when the last full load arrived (live.go)
	opening  bool      // a Claim or Next is in flight: ignore enter and n
	status   string
	isErr    bool
	width    int
	height   int
}

func newQueue(c *common.Common, filter string) queueModel {
	k := newQueueKeyMap()
	h := help.New()
	h.Styles = c.Styles.Help
	t := table.New(table.WithFocused(true), table.WithKeyMap(k.tableKeyMap()), table.WithStyles(c.Styles.Table))
	m := queueModel{c: c, keys: k, help: h, helpc: &helpCache{}, table: t, filter: filter, titles: map[string]string{}}
	return m.setSize(80, 24)
}

// Init loads the credentials and the queue.
func (m queueModel) Init() tea.Cmd { return loadQueueCmd(m.c, m.filter, true) }

// reload fetches the queue again and shows status meanwhile.
func (m queueModel) reload(status string) (queueModel, tea.Cmd) {
	m.status, m.isErr, m.opening = status, false, false
	return m, loadQueueCmd(m.c, m.filter, m.creds == nil)
}

// Update handles the queue's keys and the results of its commands.
func (m queueModel) Update(msg tea.Msg) (queueModel, tea.Cmd) {
	switch msg := msg.(type) {
	case queueLoadedMsg:
		if msg.filter != m.filter {
			return m, nil // an older filter's answer arrived late
		}
		if msg.err != nil {
			m.status, m.isErr = "Could not load the queue: "+msg.err.Error()+" (r to retry)", true
			return m, nil
		}
		if msg.creds != nil {
			m.creds = msg.creds
			for _, r := range msg.creds {
				m.titles[r.ID] = review.Sanitize(r.Title)
			}
		}
		m.setItems(msg.items)
		m.loaded, m.loadedAt = true, m.c.Now()
		return m, nil
	case common.QueueChangedMsg:
		return m.liveUpdate(msg) // live.go
	case claimFailedMsg:
		m.status, m.isErr, m.opening = claimError(msg), true, false
		return m, loadQueueCmd(m.c, m.filter, m.creds == nil)
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Quit):
			return m, tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			return m.setSize(m.width, m.height), nil
		case key.Matches(msg, m.keys.Filter):
			m.filter = m.nextFilter()
			m.status, m.isErr = "", false
			return m, loadQueueCmd(m.c, m.filter, m.creds == nil)
		case key.Matches(msg, m.keys.Reload):
			return m.reload("")
		case key.Matches(msg, m.keys.Next):
			if m.opening {
				return m, nil // one lease at a time
			}
			m.status, m.isErr, m.opening = "Finding the next attempt…", false, true
			return m, nextCmd(m.c, m.filter, "")
		case key.Matches(msg, m.keys.Claim):
			if i := m.table.Cursor(); !m.opening && i >= 0 && i < len(m.items) {
				m.status, m.isErr, m.opening = "Opening "+review.Sanitize(m.items[i].Handle())+"…", false, true
				return m, claimCmd(m.c, m.items[i])
			}
			return m, nil
		}
	}
	var cmd tea.Cmd
	m.table, cmd = m.table.Update(msg)
	return m, cmd
}

// claimError says in one line why an attempt did not open.
func claimError(msg claimFailedMsg) string {
	h := review.Sanitize(msg.handle)
	switch {
	case errors.Is(msg.err, review.ErrClaimed):
		return h + " is being reviewed by someone else"
	case errors.Is(msg.err, review.ErrNotPending):
		return h + " is no longer pending (already decided)"
	case h == "":
		return "Could not open the next attempt: " + msg.err.Error()
	}
	return "Could not open " + h + ": " + msg.err.Error()
}

// nextFilter cycles all → each credential in order → all.
func (m queueModel) nextFilter() string {
	if m.filter == "" {
		if len(m.creds) > 0 {
			return m.creds[0].ID
		}
		return ""
	}
	for i, r := range m.creds {
		if r.ID == m.filter && i+1 < len(m.creds) {
			return m.creds[i+1].ID
		}
	}
	return ""
}

func (m queueModel) credTitle(id string) string {
	if t, ok := m.titles[id]; ok && t != "" {
		return t
	}
	return review.Sanitize(id)
}

// rows turns queue items into table rows. The internal application id is
// never put in a row: only the pseudonym handle.
func (m queueModel) rows() []table.Row {
	now := m.c.Now()
	rows := make([]table.Row, len(m.items))
	for i, it := range m.items {
		flags, status := "", ""
		if it.Flags > 0 {
			flags = fmt.Sprintf("⚑ %d", it.Flags)
		}
		if it.Claimed {
			status = "in review"
		}
		rows[i] = table.Row{
			review.Sanitize(it.Handle()), m.credTitle(it.Credential), strconv.Itoa(it.Attempt),
			common.DaysWaiting(it.SubmittedAt, now), flags, status,
		}
	}
	return rows
}

// setSize lays the screen out for a w×h terminal.
func (m queueModel) setSize(w, h int) queueModel {
	m.width, m.height = w, h
	m.help.Width = w
	// Fixed columns, then the credential title takes what is left. Each
	// cell has one cell of padding on both sides.
	fixed := []int{11, 3, 12, 5, 9}
	used := 0
	for _, f := range fixed {
		used += f + 2
	}
	credW := max(w-used-2, 10)
	m.table.SetColumns([]table.Column{
		{Title: "Attempt", Width: fixed[0]},
		{Title: "Credential", Width: credW},
		{Title: "#", Width: fixed[1]},
		{Title: "Days waiting", Width: fixed[2]},
		{Title: "Flags", Width: fixed[3]},
		{Title: "Status", Width: fixed[4]},
	})
	m.table.SetWidth(w)
	helpH := lipgloss.Height(m.helpc.view(m.help, m.keys))
	m.table.SetHeight(max(h-2-helpH, 3)) // header line and status line
	return m
}

// View draws the header, the table (or a friendly empty message), the
// status line and the help.
func (m queueModel) View() string {
	st := m.c.Styles
	filter := "all credentials"
	if m.filter != "" {
		filter = m.credTitle(m.filter)
	}
	pending := strconv.Itoa(len(m.items))
	if len(m.items) >= queueLimit {
		pending += "+"
	}
	title := "assessor"
	if m.c.Mode != "" {
		title += " " + m.c.Mode
	}
	left := st.AppTitle.Render(title) + " · reviewer " + review.Sanitize(m.c.Reviewer) + " · " + pending + " pending"
	header := common.Spread(left, "filter: "+filter, m.width)

	var body string
	switch {
	case !m.loaded:
		body = st.Empty.Render("Loading the queue…")
	case len(m.items) == 0:
		msg := "Nothing is waiting for review right now. Press r to reload"
		if m.filter != "" {
			msg += " or f to change the filter"
		}
		body = st.Empty.Render(msg + ".")
	default:
		body = m.table.View()
	}
	helpLine := m.helpc.view(m.help, m.keys)
	bodyH := max(m.height-2-lipgloss.Height(helpLine), 1)
	// The body padded to bodyH lines, as a lipgloss Height would, then
	// laid out by stack: each line measured once, not by a Height render,
	// JoinVertical and Fit in turn (live updates redraw this screen).
	body = common.Fit(strings.ReplaceAll(body, "\t", "    "), m.width, bodyH)
	if n := strings.Count(body, "\n") + 1; n < bodyH {
		body += strings.Repeat("\n", bodyH-n)
	}

	status := st.Status.Render(m.status)
	if m.isErr {
		status = st.ErrStatus.Render(m.status)
	}
	return stack(m.width, m.height, header, body, -1, common.OneLine(status, m.width), helpLine)
}
