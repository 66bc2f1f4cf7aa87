package reviewer

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/components/overlay"
	"assessor/ui/keymap"
)

// `a` on the review screen opens the attempt's evidence files: a list, and
// for the selected file its text inline (plain text, Markdown through
// glamour, CSV and TSV as a table, a PDF's extracted text), a word diff
// against the same file in attempt n−1 when it changed, or, for other types,
// the reviewer's own opener (opener.go). Bytes come from the store in a
// tea.Cmd (Backend.Attachment), never in Update or View, and every text
// shown passes through review.Sanitize: a file is as untrusted as the
// evidence text. Names and part titles are drawn as evidence is
// (common.Name): with 👩‍🏫 kept joined, a row ran past the screen on a
// terminal that draws the two emoji apart.

// filesKeyMap is the files overlay's bindings.
type filesKeyMap struct {
	keymap.Scroll
	View, Open, Diff, Back key.Binding
	Row                    key.Binding // a table's row, each cell whole
	Help, Quit             key.Binding

	Search, NextMatch, PrevMatch key.Binding
	showing                      bool // a file is shown: help lists its keys, not the list's
}

func newFilesKeyMap(canOpen bool) filesKeyMap {
	k := filesKeyMap{
		Scroll: keymap.NewScroll(),
		View:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "view")),
		Row:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "whole row")),
		Open:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open with your viewer")),
		Diff:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "diff vs previous attempt")),
		Back:   key.NewBinding(key.WithKeys("esc", "a"), key.WithHelp("esc", "back")),
		Help:   keymap.Help(),
		Quit:   keymap.Quit(),

		Search: keymap.Search(), NextMatch: keymap.NextMatch(), PrevMatch: keymap.PrevMatch(),
	}
	// Over SSH the opener would run on the server (Options.NoExternalEditor).
	k.Open.SetEnabled(canOpen)
	return k
}

// ShortHelp implements help.KeyMap: the most used first, so the line
// still reads when cut at 80 columns.
func (k filesKeyMap) ShortHelp() []key.Binding {
	if k.showing {
		return []key.Binding{k.Row, k.Diff, k.Search, k.PageDown, k.Top, k.Back, k.Open, k.Help, k.Quit}
	}
	return []key.Binding{k.View, k.Diff, k.Up, k.Down, k.Back, k.Open, k.Help, k.Quit}
}

// FullHelp implements help.KeyMap.
func (k filesKeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom}, {k.View, k.Row, k.Open, k.Diff, k.Back},
		{k.Search, k.NextMatch, k.PrevMatch, k.Help, k.Quit}}
}

// fileEntry is one stored file of the attempt under review.
type fileEntry struct {
	part, file int // index into Parts; 1-based index into its Files
	partTitle  string
	att        review.Attachment
	prev       *review.Attachment // the same name in attempt n−1, when its bytes differ
	added      bool               // attempt n−1 had no file of this name
	flagged    bool               // the import's leak scan found something in its text
}

// filesModel is the files overlay: a list, then one file's view.
type filesModel struct {
	c       *common.Common
	keys    filesKeyMap
	key     review.AttemptKey
	prevKey review.AttemptKey
	leaks   []review.Leak
	entries []fileEntry
	cursor  int

	done    bool   // the reviewer left the overlay
	showing bool   // a file (or a note about it) is shown instead of the list
	loading bool   // its bytes are on their way
	title   string // what is shown
	content shownFile
	vp      viewport.Model
	tbl     *table.Model      // CSV and TSV
	csv     evidence.CSVTable // the table's cells, its header first
	rowOpen bool              // the selected row is shown whole, in vp
	text    string            // what vp holds, for search
	wraps   []evidence.Wrap   // the line breaks text's wrapping put in
	search  evidence.Search
	width   int
	height  int
}

// shownFile is what arrived for the shown file, kept to redraw on resize.
type shownFile struct {
	entry   fileEntry
	text    string // extracted text; "" with note set when there is none
	oldText string // attempt n−1's text, for a diff
	diff    bool
	note    string // shown instead of text
}

// attachmentEntries lists the stored files of the assignment's attempt,
// pairing each with the same-named file of attempt n−1 when it changed.
func attachmentEntries(a review.Assignment) (entries []fileEntry, prevKey review.AttemptKey) {
	prev, hasPrev := evidence.PreviousAttempt(a)
	old := map[string]review.Attachment{}
	if hasPrev {
		prevKey = prev.Attempt.Key()
		for _, p := range prev.Attempt.Parts {
			for _, at := range p.Attachments {
				old[at.Name] = at
			}
		}
	}
	for i, p := range a.Attempt.Parts {
		if len(p.Attachments) != len(p.Files) {
			continue // names only: nothing stored to show
		}
		for j, at := range p.Attachments {
			e := fileEntry{part: i, file: j + 1, partTitle: common.Name(p.Title), att: at}
			o, ok := old[at.Name]
			if ok && o.Hash != at.Hash {
				e.prev = &o
			}
			e.added = hasPrev && !ok
			for _, l := range a.Attempt.Leaks {
				if l.Attachment && l.Part == i && l.File == j+1 {
					e.flagged = true
				}
			}
			entries = append(entries, e)
		}
	}
	return entries, prevKey
}

func newFiles(c *common.Common, a review.Assignment, w, h int) filesModel {
	m := filesModel{c: c, keys: newFilesKeyMap(!c.NoExternalEditor), key: a.Attempt.Key(), leaks: a.Attempt.Leaks, vp: keymap.NewViewport()}
	m.entries, m.prevKey = attachmentEntries(a)
	m.syncKeys()
	return m.setSize(w, h)
}

// syncKeys offers only what the selected file allows; `d` on a shown
// file switches between it and its diff.
func (m *filesModel) syncKeys() {
	e, ok := m.selected()
	m.keys.showing = m.showing
	m.keys.View.SetEnabled(ok && !m.showing)
	m.keys.Row.SetEnabled(m.showing && m.tbl != nil && !m.rowOpen && !m.loading)
	m.keys.Diff.SetEnabled(ok && e.prev != nil && review.TextLike(e.att.Type) && review.TextLike(e.prev.Type))
	m.keys.Diff.SetHelp("d", "diff vs previous attempt")
	if m.showing && m.content.diff {
		m.keys.Diff.SetHelp("d", "full file")
	}
	// A redacted file is read inline only, until a lead clears it.
	m.keys.Open.SetEnabled(ok && !m.c.NoExternalEditor && !e.att.Redacted)
	canFind := m.CanFind()
	m.keys.Search.SetEnabled(canFind)
	m.keys.NextMatch.SetEnabled(canFind)
	m.keys.PrevMatch.SetEnabled(canFind)
}

// CanFind implements finder: a file's text or diff can be searched, its
// list and a CSV table cannot.
func (m filesModel) CanFind() bool { return m.showing && !m.loading && m.tbl == nil }

// FindStatus implements finder.
func (m filesModel) FindStatus() string { return m.search.Status() }

func (m filesModel) selected() (fileEntry, bool) {
	if m.cursor < 0 || m.cursor >= len(m.entries) {
		return fileEntry{}, false
	}
	return m.entries[m.cursor], true
}

// setSize sets the inner size of the pane the overlay is drawn in.
func (m filesModel) setSize(w, h int) filesModel {
	m.width, m.height = max(w, 10), max(h, 2)
	m.vp.Width, m.vp.Height = m.width, m.height
	if m.showing && !m.loading {
		m = m.render()
	}
	return m
}

// attachmentLoadedMsg carries a file's text (or why there is none), loaded
// by loadAttachment.
type attachmentLoadedMsg struct {
	key   review.AttemptKey // the attempt under review, so a late reply is dropped
	hash  string
	shown shownFile
	err   error
}

// Title is the pane title.
func (m filesModel) Title() string {
	if m.showing {
		return "Files · " + m.title
	}
	return fmt.Sprintf("Files · %d stored", len(m.entries))
}

// Update handles a key or a loaded file; esc on the list closes the
// overlay.
func (m filesModel) Update(msg tea.Msg) (overlay.Model, tea.Cmd) {
	m, cmd, closed := m.update(msg)
	m.done = closed
	return m, cmd
}

// Closed implements overlay.Model.
func (m filesModel) Closed() bool { return m.done }

// Help implements overlay.Model.
func (m filesModel) Help() help.KeyMap { return m.keys }

// SetSize implements overlay.Model.
func (m filesModel) SetSize(w, h int) overlay.Model { return m.setSize(w, h) }

// update is Update with closed reporting that the reviewer left the
// overlay.
func (m filesModel) update(msg tea.Msg) (_ filesModel, cmd tea.Cmd, closed bool) {
	switch msg := msg.(type) {
	case attachmentLoadedMsg:
		e, ok := m.selected()
		if msg.key != m.key || !ok || e.att.Hash != msg.hash || !m.showing {
			return m, nil, false
		}
		m.loading = false
		m.content = msg.shown
		if msg.err != nil {
			m.content = shownFile{entry: e, note: "could not load this file: " + review.Sanitize(msg.err.Error())}
		}
		m = m.render()
		m.syncKeys()
		return m, nil, false
	case findMsg:
		if m.CanFind() {
			m.search.Find(&m.vp, m.text, m.wraps, msg.query, msg.dir)
			m.vp.SetContent(m.search.Marked(m.text, m.c.Styles))
		}
		return m, nil, false
	case attachmentBytesMsg:
		return m, openWith(msg), false
	case tea.KeyMsg:
		return m.updateKey(msg)
	}
	return m, nil, false
}

func (m filesModel) updateKey(k tea.KeyMsg) (_ filesModel, cmd tea.Cmd, closed bool) {
	e, ok := m.selected()
	switch {
	case m.rowOpen && key.Matches(k, m.keys.Back):
		m.rowOpen = false // back to the table
	case key.Matches(k, m.keys.Back):
		if !m.showing {
			return m, nil, true
		}
		m.showing, m.loading, m.tbl = false, false, nil
	case key.Matches(k, m.keys.Open):
		if ok {
			return m, m.openCmd(e), false
		}
	case m.showing && key.Matches(k, m.keys.Diff) && !m.loading:
		// As its help says: the diff, or back to the file from it.
		return m.show(e, !m.content.diff)
	case m.showing && m.tbl != nil && key.Matches(k, m.keys.Row) && m.keys.Row.Enabled():
		// A cell cut to its column is read whole here: over SSH there is
		// no viewer to open the file with.
		m.rowOpen = true
		m = m.renderRow()
	case m.rowOpen:
		m.keys.Viewport(&m.vp, k)
	case m.showing && m.tbl != nil:
		was := m.tbl.Cursor()
		t, cmd := m.tbl.Update(k)
		markRow(&t, was)
		m.tbl = &t
		return m, cmd, false
	case m.showing:
		m.keys.Viewport(&m.vp, k)
	case key.Matches(k, m.keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.Down):
		m.cursor = min(m.cursor+1, len(m.entries)-1)
	case key.Matches(k, m.keys.Top):
		m.cursor = 0
	case key.Matches(k, m.keys.Bottom):
		m.cursor = max(len(m.entries)-1, 0)
	case key.Matches(k, m.keys.View), key.Matches(k, m.keys.Diff):
		if ok {
			return m.show(e, key.Matches(k, m.keys.Diff))
		}
	}
	m.syncKeys()
	return m, nil, false
}

// show shows e's text, or its diff against attempt n−1, loading it in a
// command; a file with no text to show opens in the reviewer's viewer.
func (m filesModel) show(e fileEntry, diff bool) (_ filesModel, cmd tea.Cmd, closed bool) {
	if !review.TextLike(e.att.Type) && !diff {
		if !m.c.NoExternalEditor {
			return m, m.openCmd(e), false
		}
		m.showing, m.title = true, common.Name(e.att.Name)
		m.content = shownFile{entry: e, note: "this file cannot be shown in the terminal"}
		m = m.render()
		m.syncKeys()
		return m, nil, false
	}
	m.showing, m.loading, m.tbl, m.rowOpen = true, true, nil, false
	m.content = shownFile{entry: e, diff: diff}
	m.title = common.Name(e.att.Name)
	if diff {
		m.title += " · diff vs attempt " + fmt.Sprint(m.prevKey.Attempt)
	}
	m.vp.SetContent("loading…")
	m.vp.GotoTop()
	m.syncKeys()
	return m, loadAttachment(m.c, m.key, m.prevKey, e, diff), false
}

// View draws the list or the shown file in width×height.
func (m filesModel) View() string {
	if m.showing {
		if m.tbl != nil && !m.loading && !m.rowOpen {
			var lines []string
			for _, note := range m.notes() {
				lines = append(lines, m.c.Styles.Warn.Render(common.OneLine(note, m.width)))
			}
			return common.Fit(strings.Join(append(lines, m.tbl.View()), "\n"), m.width, m.height)
		}
		return m.vp.View()
	}
	if len(m.entries) == 0 {
		return common.Fit(m.c.Styles.Faint.Render("No files of this attempt are stored (imported with names only)."), m.width, m.height)
	}
	var lines []string
	top := 0
	for i, e := range m.entries {
		row := fmt.Sprintf("%s · %s · %s", common.Name(e.att.Name), evidence.TypeLabel(e.att), review.FormatSize(e.att.Size))
		switch {
		case e.prev != nil:
			row += " · changed since attempt " + fmt.Sprint(m.prevKey.Attempt)
		case e.added:
			row += " · added since attempt " + fmt.Sprint(m.prevKey.Attempt)
		}
		if e.flagged {
			row += " · ⚑ possible identifying detail"
		}
		if e.att.Redacted {
			row += " · redacted: read it here"
		}
		marker := "  "
		if i == m.cursor {
			marker, top = "▸ ", len(lines)
		}
		row = common.OneLine(marker+row, m.width)
		if i == m.cursor {
			row = m.c.Styles.Selected.Render(row)
		}
		lines = append(lines, row, m.c.Styles.Faint.Render(common.OneLine("    "+e.partTitle, m.width)))
	}
	if start := top + 2 - m.height; start > 0 {
		lines = lines[start:]
	}
	return common.Fit(strings.Join(lines, "\n"), m.width, m.height)
}

// notes say which of the shown table's columns and rows are not shown, a
// line each above it, or are none.
func (m filesModel) notes() []string {
	var out []string
	for _, note := range []string{evidence.ColumnsNote(m.csv.Widest), evidence.RowsNote(m.csv.Total, "shown")} {
		if note != "" {
			out = append(out, note)
		}
	}
	return out
}

// noteLines is how many lines the notes take above the shown table.
func (m filesModel) noteLines() int { return len(m.notes()) }

// render lays the loaded content out at the current width.
func (m filesModel) render() filesModel {
	st, sf := m.c.Styles, m.content
	leaks := fileLeaks(m.leaks, sf.entry)
	cursor := 0
	if m.tbl != nil {
		cursor = m.tbl.Cursor()
	}
	m.tbl = nil
	e := &evidence.Builder{Width: m.width}
	switch {
	case sf.note != "":
		e.Para(sf.note, 0, st.Warn.Render)
		if m.keys.Open.Enabled() {
			e.Para("Press o to open it with your own viewer.", 0, st.Faint.Render)
		}
	case sf.diff:
		e.Para(fmt.Sprintf("%s: attempt %d → %d", review.Sanitize(sf.entry.att.Name), m.prevKey.Attempt, m.key.Attempt), 0, st.Section.Render)
		if t := sf.entry.att.Type; (t == review.TypeCSV || t == review.TypeTSV) && sf.entry.prev != nil && sf.entry.prev.Type == t {
			// A table's change is in its cells: rows side by side.
			old, cur := evidence.ParseCSV(sf.oldText, t == review.TypeTSV), evidence.ParseCSV(sf.text, t == review.TypeTSV)
			for _, note := range []string{evidence.ColumnsNote(max(old.Widest, cur.Widest)), evidence.RowsNote(max(old.Total, cur.Total), "compared")} {
				if note != "" {
					e.Para(note, 0, st.Warn.Render)
				}
			}
			e.Raw(evidence.CSVDiff(old, cur, e.Width, st))
			break
		}
		ds := evidence.NewDiffStyles(st)
		diffs, uncompared := evidence.WordDiff(review.Sanitize(sf.oldText), review.Sanitize(sf.text))
		diffs, more, changed := evidence.CutDiff(diffs, evidence.MaxDiffWords)
		e.Diff(ds, diffs)
		if more > 0 || uncompared > 0 {
			e.Para(evidence.MoreWordsNote(more, changed, uncompared), 0, st.Warn.Render)
		}
	case (sf.entry.att.Type == review.TypeCSV || sf.entry.att.Type == review.TypeTSV) && len(leaks) == 0:
		m.csv = evidence.ParseCSV(sf.text, sf.entry.att.Type == review.TypeTSV)
		t := csvTable(m.csv, m.width, m.height-m.noteLines(), st)
		t.SetCursor(cursor) // a resize, or ? for the help, keeps the row
		markRow(&t, 0)
		m.tbl = &t
		if m.rowOpen {
			return m.renderRow()
		}
		return m
	default: // plain text, Markdown, a PDF's text, and a flagged CSV
		// Markdown is shown as its source, never rendered: rendering
		// joins what the redactor and the leak scan read apart
		// ("**Mari**sol", "Mari<!-- -->sol" draw as Marisol).
		// The import's spans index the file's text: mark them. A CSV
		// table could not show where they are, so a flagged one is
		// shown as its text.
		if (sf.entry.att.Type == review.TypeCSV || sf.entry.att.Type == review.TypeTSV) && len(leaks) > 0 {
			e.Para("Shown as text, so the possible identifying detail can be marked.", 0, st.Faint.Render)
		}
		text, more := evidence.CutLines(review.Sanitize(evidence.MarkLeaks(sf.text, leaks, sf.entry.part, sf.entry.file)), evidence.MaxTextLines)
		e.Marked(text, st)
		if more > 0 {
			e.Para(fmt.Sprintf("… %d more %s not shown", more, review.Plural(more, "line", "lines")), 0, st.Warn.Render)
		}
	}
	m.text, m.wraps = e.String(), e.Wraps()
	m.vp.SetContent(m.text)
	return m
}

// renderRow lays out the table's selected row in vp: each column's
// header, then its cell whole, wrapped.
func (m filesModel) renderRow() filesModel {
	st := m.c.Styles
	i := m.tbl.Cursor() + 1
	if i < 1 || i >= len(m.csv.Rows) {
		m.rowOpen = false
		return m
	}
	e := &evidence.Builder{Width: m.width}
	e.Para(fmt.Sprintf("Row %d of %d · esc back to the table", i, len(m.csv.Rows)-1), 0, st.Faint.Render)
	for _, note := range m.notes() {
		e.Para(note, 0, st.Warn.Render)
	}
	for j := range m.csv.Cols {
		e.Para(m.csv.Cell(0, j), 0, st.Section.Render)
		e.Para(m.csv.Cell(i, j), 2, nil)
	}
	m.text, m.wraps = e.String(), e.Wraps()
	m.vp.SetContent(m.text)
	m.vp.GotoTop()
	return m
}

// fileLeaks are the leaks the import found in one file's text, re-labelled
// as file-name leaks so evidence.MarkLeaks' part/file filter selects them alone.
func fileLeaks(leaks []review.Leak, e fileEntry) []review.Leak {
	var out []review.Leak
	for _, l := range leaks {
		if l.Attachment && l.Part == e.part && l.File == e.file {
			l.Attachment = false
			out = append(out, l)
		}
	}
	return out
}

// hasStoredFiles reports whether any part of at has stored files.
func hasStoredFiles(at review.Attempt) bool {
	for _, p := range at.Parts {
		if len(p.Attachments) > 0 {
			return true
		}
	}
	return false
}
