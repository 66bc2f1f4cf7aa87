package reviewer

import (
	"errors"
	"fmt"
	"strconv"
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
	PageUp, PageDown      key.Binding
	Claim, Next, Release  key.Binding
	Filter, PrevFilter    key.Binding
	Find, Reload          key.Binding
	Help, Quit            key.Binding
}

func newQueueKeyMap() queueKeyMap {
	return queueKeyMap{
		Up:       keymap.Up(),
		Down:     keymap.Down(),
		Top:      key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "oldest")),
		Bottom:   key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "newest listed")),
		PageUp:   keymap.PageUp(),
		PageDown: keymap.PageDown(),
		Claim:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "claim & open")),
		Next:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next available")),
		Release:  key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "release my claim")),
		Filter:   key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter credential")),
		// Back through the credentials: with 175 of them, f alone could
		// take 174 presses to reach the one before.
		PrevFilter: key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "previous credential")),
		Find:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "find credential")),
		Reload:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reload")),
		Help:       keymap.Help(),
		Quit:       keymap.Quit(),
	}
}

// ShortHelp implements help.KeyMap. Release is left to the full help (while
// the selected row is the reviewer's own claim, show) and the line under
// the table, which says "x releases it": at 80 columns it would push ? and
// q off the short help.
func (k queueKeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Claim, k.Next, k.Filter, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k queueKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.Claim, k.Next, k.Release}, {k.Filter, k.PrevFilter, k.Find, k.Reload}, {k.Help, k.Quit}}
}

// queueModel is the queue screen: pending attempts, oldest first. The
// screen owns the cursor (an index into items) and the first row shown;
// the table only draws the rows that fit (queue_rows.go), so the selected
// row is on screen whatever the items did under it.
type queueModel struct {
	c      *common.Common
	keys   queueKeyMap
	help   help.Model
	table  table.Model  // its columns, height and, when too narrow for them, its drawing
	drawn  tableDrawing // the rows show drew, when it could (queue_table.go)
	filter string       // rubric id, or "" for all credentials
	creds  []review.Rubric
	titles map[string]string // rubric id → title
	items  []review.QueueItem
	spare  []review.QueueItem // the next ones past queueLimit, unlisted (queueSpare)
	more   bool               // the last load may have left out attempts past spare
	cursor int                // selected item
	offset int                // first item shown
	loaded bool
	// loadErr is the last load's error, until a load succeeds: the
	// program's exit error when it quits so (LoadErr in app.go).
	loadErr error
	// loadedAt is when the last full load arrived (live.go).
	loadedAt time.Time
	opening  bool // a Claim or Next is in flight: ignore enter and n
	status   string
	isErr    bool
	width    int
	height   int
	sized    bool      // the terminal has said its size: until then 80×24 is a guess
	warmedW  int       // the rubric pane width warmRubrics last warmed for
	pick     *credPick // the credential finder, while open (queue_pick.go)

	// refused is the handle whose claim the status says another holds,
	// and refusal that status (live.go, noteFreed).
	refused, refusal string
}

// newQueue is the queue screen. Like reviewModel, its methods take it by
// pointer: it is 12 KB.
func newQueue(c *common.Common, filter string) queueModel {
	k := newQueueKeyMap()
	if c.Calibrating() {
		// An example is opened, never claimed: others score it too.
		k.Claim.SetHelp("enter", "open")
		k.Next.SetHelp("n", "next example")
	}
	h := help.New()
	h.Styles = c.Styles.Help
	// The table gets no keys (Update moves the cursor), so its own
	// scrolling never runs.
	t := table.New(table.WithFocused(true), table.WithStyles(c.Styles.Table))
	m := queueModel{c: c, keys: k, help: h, table: t, filter: filter, titles: map[string]string{}}
	m.setSize(80, 24)
	return m
}

// Init loads the credentials and the queue.
func (m *queueModel) Init() tea.Cmd { return loadQueueCmd(m.c, m.filter, true) }

// reload fetches the queue again and shows status meanwhile.
func (m *queueModel) reload(status string) tea.Cmd {
	m.status, m.isErr, m.opening = status, false, false
	return loadQueueCmd(m.c, m.filter, m.creds == nil)
}

// Update handles the queue's keys and the results of its commands.
func (m *queueModel) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case queueLoadedMsg:
		if msg.filter != m.filter {
			return nil // an older filter's answer arrived late
		}
		m.loadErr = nil
		if msg.err != nil {
			msg.err = m.c.Reword(msg.err)
			m.loadErr = fmt.Errorf("could not load the queue: %w", msg.err)
			m.status, m.isErr = "Could not load the queue: "+msg.err.Error()+" (r to retry)", true
			if errors.Is(msg.err, review.ErrCalibrateFirst) {
				// Not a failure: the program's rule, said in the body.
				m.status, m.isErr = "No live attempts until you are calibrated (r to reload)", false
			}
			return nil
		}
		if msg.creds != nil {
			m.creds = msg.creds
			for _, r := range msg.creds {
				m.titles[r.ID] = common.Name(r.Title)
			}
		}
		m.more = len(msg.items) >= queueLimit+queueSpare
		m.setQueue(msg.items)
		m.loaded, m.loadedAt = true, m.c.Now()
		return m.warmRubrics() // rubric_warm.go
	case common.QueueChangedMsg:
		return m.liveUpdate(msg) // live.go
	case claimFailedMsg:
		m.status, m.isErr, m.opening = m.claimError(msg), true, false
		m.refused, m.refusal = "", ""
		if errors.Is(msg.err, review.ErrClaimed) {
			m.refused, m.refusal = msg.handle, m.status
		}
		return loadQueueCmd(m.c, m.filter, m.creds == nil)
	case claimReleasedMsg:
		if msg.err != nil {
			m.status, m.isErr = "Could not release "+msg.handle+": "+msg.err.Error(), true
			return nil
		}
		return m.reload("Released " + msg.handle + "; others may take it now")
	case tea.KeyMsg:
		if m.pick != nil {
			return m.updatePick(msg)
		}
		if m.move(msg) {
			return nil
		}
		switch {
		case key.Matches(msg, m.keys.Quit):
			return tea.Quit
		case key.Matches(msg, m.keys.Help):
			m.help.ShowAll = !m.help.ShowAll
			m.setSize(m.width, m.height)
			return nil
		case key.Matches(msg, m.keys.Filter, m.keys.PrevFilter):
			return m.setFilter(m.stepFilter(key.Matches(msg, m.keys.Filter)))
		case key.Matches(msg, m.keys.Find) && m.loaded && len(m.creds) == 0:
			m.status, m.isErr = "No credentials to choose from: this store has no rubrics yet", false
			return nil
		case key.Matches(msg, m.keys.Find) && m.creds != nil:
			p := newCredPick(m.c, m.creds, m.filter)
			m.pick = &p
			return nil
		case key.Matches(msg, m.keys.Reload):
			return m.reload("")
		case key.Matches(msg, m.keys.Next):
			if m.opening {
				return nil // one lease at a time
			}
			m.status, m.isErr, m.opening = "Finding the next attempt…", false, true
			return nextCmd(m.c, m.filter, "")
		case key.Matches(msg, m.keys.Claim):
			if it, ok := m.selected(); ok && !m.opening {
				m.status, m.isErr, m.opening = "Opening "+review.Sanitize(it.Handle())+"…", false, true
				return claimCmd(m.c, it)
			}
			return nil
		case key.Matches(msg, m.keys.Release):
			if it, ok := m.selected(); ok && it.Mine {
				m.status, m.isErr = "Releasing "+review.Sanitize(it.Handle())+"…", false
				return releaseCmd(m.c, it)
			}
			return nil
		}
	}
	return nil
}

// setFilter shows the queue of credential id ("" for all), from its
// oldest row.
func (m *queueModel) setFilter(id string) tea.Cmd {
	m.filter = id
	m.status, m.isErr = "", false
	m.cursor, m.offset = 0, 0 // another list: start at its oldest
	return loadQueueCmd(m.c, m.filter, m.creds == nil)
}

// updatePick gives a key to the open credential finder, and filters the
// queue by what it closes with.
func (m *queueModel) updatePick(k tea.KeyMsg) tea.Cmd {
	p, id, chose, done := m.pick.update(k)
	if !done {
		m.pick = &p
		return nil
	}
	m.pick = nil
	m.setSize(m.width, m.height) // the queue's help again
	if !chose || id == m.filter {
		return nil
	}
	return m.setFilter(id)
}

// selected is the item under the cursor, if any.
func (m *queueModel) selected() (review.QueueItem, bool) {
	if m.cursor < 0 || m.cursor >= len(m.items) {
		return review.QueueItem{}, false
	}
	return m.items[m.cursor], true
}

// move handles the cursor keys and reports whether k was one.
func (m *queueModel) move(k tea.KeyMsg) bool {
	page := max(m.table.Height(), 1)
	switch {
	case key.Matches(k, m.keys.Up):
		m.cursor--
	case key.Matches(k, m.keys.Down):
		m.cursor++
	case key.Matches(k, m.keys.PageUp):
		m.cursor -= page
	case key.Matches(k, m.keys.PageDown):
		m.cursor += page
	case key.Matches(k, m.keys.Top):
		m.cursor = 0
	case key.Matches(k, m.keys.Bottom):
		m.cursor = len(m.items) - 1
	default:
		return false
	}
	m.show()
	return true
}

// claimError says in one line why an attempt did not open: when another
// reviewer holds it, whom its row names, as the claim line under it does.
func (m *queueModel) claimError(msg claimFailedMsg) string {
	h := review.Sanitize(msg.handle)
	switch {
	case errors.Is(msg.err, review.ErrClaimed):
		for _, it := range m.items {
			if it.Handle() == msg.handle && it.Claimed {
				return m.heldBy(it)
			}
		}
		return h + " is being reviewed by someone else"
	case errors.Is(msg.err, review.ErrNotPending):
		return h + " is no longer pending (already decided)"
	case h == "":
		return "Could not open the next attempt: " + msg.err.Error()
	}
	return "Could not open " + h + ": " + msg.err.Error()
}

// stepFilter cycles all → each credential in order → all, forward (f) or
// back (F).
func (m *queueModel) stepFilter(forward bool) string {
	// Position 0 is "all credentials", 1… the credentials.
	at := 0
	for i, r := range m.creds {
		if r.ID == m.filter {
			at = i + 1
		}
	}
	n := len(m.creds) + 1
	if forward {
		at = (at + 1) % n
	} else {
		at = (at + n - 1) % n
	}
	if at == 0 {
		return ""
	}
	return m.creds[at-1].ID
}

func (m *queueModel) credTitle(id string) string {
	if t, ok := m.titles[id]; ok && t != "" {
		return t
	}
	return common.Name(id)
}

// setSize lays the screen out for a w×h terminal.
func (m *queueModel) setSize(w, h int) {
	m.width, m.height = w, h
	m.help.Width = w
	m.table.SetColumns(queueColumns(w, m.c.Calibrating()))
	m.table.SetWidth(w)
	m.table.SetHeight(max(h-3-m.helpHeight(), 3)) // header, status and claim lines
	m.show()
}

// View draws the header, the table (or a friendly empty message), the
// status line and the help.
func (m *queueModel) View() string {
	header, body, lines, bodyH := m.parts()
	if m.pick != nil {
		// The claim line speaks of the selected row, which enter does
		// not open while the finder is up.
		return m.stackSlow(header, m.pick.view(m.c, m.width, bodyH), "\n", bodyH)
	}
	if m.drawn.rows != nil && len(m.items) > 0 && m.loaded && m.drawn.height+2 == bodyH && m.drawn.width == m.width {
		// The drawn table is bodyH lines, each the screen's width: only
		// the few lines around it need measuring (pane_cache.go's stack).
		return stack(m.width, m.height, header, blockLines(body), m.width, lines, m.helpView())
	}
	return m.stackSlow(header, body, lines, bodyH)
}

// parts are the screen's pieces: the header line, the body (the table or
// a message) and its height, and the status and claim lines.
func (m *queueModel) parts() (header, body, lines string, bodyH int) {
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
	// Who and how many come first: the filter is cut before them, to
	// "filter: Descr…" at the least (a letter or two tell nothing), and
	// goes when even that does not fit.
	right := "filter: " + filter
	if room := m.width - lipgloss.Width(left) - 1; lipgloss.Width(right) > room {
		right = ""
		if room >= len("filter: ")+6 {
			right = common.OneLine("filter: "+filter, room)
		}
	}
	header = common.Spread(left, right, m.width)

	switch {
	case !m.loaded && m.loadErr != nil:
		// Whole here: the status line cuts it, and a damaged store's
		// advice is at its end.
		why := review.Sanitize(errors.Unwrap(m.loadErr).Error()) // not "could not load the queue" twice
		msg := "The queue did not load: " + why + ". Press r to try again, q to quit."
		if errors.Is(m.loadErr, review.ErrCalibrateFirst) {
			msg = "This program offers live attempts only to calibrated reviewers: " + why + ". Press r to reload, q to quit."
		}
		body = st.Empty.Render(common.Wrap(msg, max(m.width-st.Empty.GetHorizontalFrameSize(), 10)))
	case !m.loaded:
		body = st.Empty.Render("Loading the queue…")
	case len(m.items) == 0:
		msg := "Nothing is waiting for review right now. Press r to reload"
		switch {
		case m.c.Calibrating() && m.filter != "":
			msg = "No calibration examples of this credential for you to score. Press r to reload"
		case m.c.Calibrating():
			// The examples are a lead's to add, and the queue lists only
			// those the reviewer has not scored: one who scored them all
			// and is still short of the number needed must ask for more.
			msg = "No calibration examples left for you to score (none added, or you scored them all; quitting prints how many count and how many are needed): a lead adds them with calibration add HANDLE. Press r to reload"
		}
		if m.filter != "" {
			msg += " or f to change the filter"
		}
		body = st.Empty.Render(common.Wrap(msg+".", max(m.width-st.Empty.GetHorizontalFrameSize(), 10)))
	case m.drawn.rows != nil:
		body = m.drawn.View()
	default:
		body = m.table.View()
	}
	text, claim := m.status, m.claimLine()
	if it, ok := m.selected(); ok && claim != "" && m.refused == it.Handle() && m.status == m.refusal {
		// The refusal is about the selected row: say it once, with who
		// holds it and until when if the row knows more than the refusal.
		if it.Holder != "" || !it.Until.IsZero() {
			text = claim
		}
		claim = ""
	}
	status := st.Status.Render(text)
	if m.isErr {
		status = st.ErrStatus.Render(text)
	}
	lines = common.OneLine(status, m.width) + "\n" + common.OneLine(st.Faint.Render(claim), m.width)
	return header, body, lines, max(m.height-3-m.helpHeight(), 1)
}

// stackSlow lays the queue screen out with lipgloss: for a body of any
// size (the empty queue's message, the table when too narrow to draw).
func (m *queueModel) stackSlow(header, body, lines string, bodyH int) string {
	body = lipgloss.NewStyle().Height(bodyH).Render(common.Fit(body, m.width, bodyH))
	out := lipgloss.JoinVertical(lipgloss.Left, header, body, lines, m.helpView())
	return common.Fit(out, m.width, m.height)
}
