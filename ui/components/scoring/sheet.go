package scoring

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/feedback"
	"assessor/ui/styles"
)

// Sheet is one scoring in the making: a level and a feedback text per
// criterion and the overall feedback, the selected row, and the textarea
// while one feedback is being written. The reviewer's scoring panel and
// the lead's adjudication both keep their scoring in a Sheet, so choosing
// levels and writing feedback work the same in both; each draws it and
// binds keys to it its own way.
//
// Levels and Feedback are edited in place; a Sheet copied by value shares
// them, as the models holding it expect.
type Sheet struct {
	Rubric   review.Rubric
	Levels   map[string]string // criterion id → level
	Feedback map[string]string // criterion id or review.OverallKey → text
	rows     []string          // the ids the cursor moves over
	cursor   int
	editing  string  // the id being written; "" when not writing
	ed       *editor // the textarea, shared by copies as Levels and Feedback are
}

// editor is the textarea and the size SetTextSize gave it, held by
// pointer: a textarea is 11 KB, and each message's Update passes the
// screens holding a Sheet through several calls by value, each a copy
// (and a deeper stack, which the runtime grows by copying).
//
// The textarea is made when first needed (area): bubbles' New allocates
// 240 KB (room for 10,000 lines), which every new review screen paid
// whether or not any feedback was written on it.
//
// view is the textarea's last drawing, kept until the textarea changes:
// bubbles redraws every line and its padding on each View (1 ms a frame
// at 160×48), and a screen draws after every message, most of which (a
// draft saved, a lease renewed, another pane's key) leave the textarea as
// it was. Every change to ta goes through the Sheet's methods below, and
// each clears fresh.
//
// draw draws ta instead of its View, which redrew every line through
// lipgloss on every key (feedback.Drawer); the changes that can scroll ta
// go through it.
type editor struct {
	st    *styles.Styles
	ta    *textarea.Model // nil until area
	draw  feedback.Drawer
	w, h  int
	view  string
	fresh bool // view is ta's drawing as it is now
	cut   bool // the last change of text was cut to review.MaxFeedback
}

// area is the textarea, made and sized on first use.
func (e *editor) area() *textarea.Model {
	if e.ta == nil {
		ta := feedback.New(e.st)
		if e.w != 0 || e.h != 0 { // SetTextSize came first
			ta.SetWidth(e.w)
			ta.SetHeight(e.h)
		}
		e.ta = &ta
	}
	return e.ta
}

// NewSheet starts a sheet on r whose cursor moves over rows, empty unless
// levels and feedback are given (they are copied, feedback as SetFeedback
// keeps it).
func NewSheet(st *styles.Styles, r review.Rubric, rows []string, levels, fb map[string]string) Sheet {
	s := Sheet{Rubric: r, Levels: map[string]string{}, Feedback: map[string]string{}, rows: rows, ed: &editor{st: st}}
	for k, v := range levels {
		s.Levels[k] = v
	}
	for k, v := range fb {
		s.SetFeedback(k, v)
	}
	return s
}

// SetFeedback makes text the feedback on id ("" deletes it) and reports
// whether that changed it; text past review.MaxFeedback characters is
// not kept (Cut). The text is kept as a terminal draws it, with its tabs
// as wide as the textarea makes them (tabAsTyped): it comes from drafts,
// snippets, an outside editor and other reviews, any of which may hold an
// escape sequence, and the sheet draws it on every key; text the textarea
// widened past the limit would lose its end at the next key. Emoji that
// only some terminals join are set apart, as typed ones are
// (common.FieldText): a snippet's or an outside editor's 👩‍🏫, kept joined,
// ran the panel's lines past its edge on tmux and xterm. Nothing else of
// it changes (a � the text holds stays).
func (s Sheet) SetFeedback(id, text string) bool {
	text, s.ed.cut = review.CutFeedback(common.FieldText(review.Sanitize(text))) // FieldText's tab is tabAsTyped
	if text == s.Feedback[id] {
		return false
	}
	if text == "" {
		delete(s.Feedback, id)
	} else {
		s.Feedback[id] = text
	}
	return true
}

// CriterionRows are the ids of r's criteria, in order.
func CriterionRows(r review.Rubric) []string {
	ids := make([]string, len(r.Criteria))
	for i, c := range r.Criteria {
		ids[i] = c.ID
	}
	return ids
}

// Rows are the ids the cursor moves over.
func (s Sheet) Rows() []string { return s.rows }

// Cursor is the index of the selected row.
func (s Sheet) Cursor() int { return s.cursor }

// Row is the selected row's id, or "" when there are no rows.
func (s Sheet) Row() string {
	if s.cursor >= len(s.rows) {
		return ""
	}
	return s.rows[s.cursor]
}

// Move moves the cursor by delta rows, stopping at the first and last.
func (s *Sheet) Move(delta int) {
	s.cursor = max(min(s.cursor+delta, len(s.rows)-1), 0)
}

// SetLevel gives the selected criterion level l and reports whether that
// changed anything. The overall row has no level.
func (s *Sheet) SetLevel(l string) bool {
	id := s.Row()
	if _, ok := s.Rubric.Criterion(id); !ok || s.Levels[id] == l {
		return false
	}
	s.Levels[id] = l
	return true
}

// NextUnscored moves the cursor to the next criterion without a level,
// after the selected one and then from the top, as Gradescope moves on
// once a question is graded; it stays when every criterion has one.
func (s *Sheet) NextUnscored() {
	for i := 1; i < len(s.rows); i++ {
		id := s.rows[(s.cursor+i)%len(s.rows)]
		if _, isCrit := s.Rubric.Criterion(id); !isCrit {
			continue
		}
		if _, scored := s.Levels[id]; !scored {
			s.cursor = (s.cursor + i) % len(s.rows)
			return
		}
	}
}

// Editing reports whether the textarea has the keyboard.
func (s Sheet) Editing() bool { return s.editing != "" }

// EditingID is the id whose feedback is being written, or "".
func (s Sheet) EditingID() string { return s.editing }

// StartEditing puts id's feedback in the textarea and focuses it.
func (s *Sheet) StartEditing(id string) tea.Cmd {
	s.editing = id
	s.ed.fresh = false
	ta := s.ed.area()
	s.ed.draw.SetValue(ta, s.Feedback[id]) // no text on a textarea just made: left as it is
	return ta.Focus()
}

// StopEditing leaves the textarea; the feedback already holds its text.
func (s *Sheet) StopEditing() {
	s.ed.fresh = false
	if s.ed.ta != nil {
		s.ed.ta.Blur()
	}
	s.editing = ""
}

// UpdateText passes msg to the textarea while writing and copies its text
// into the feedback on every change, so what is saved is always what is on
// screen; changed reports such a change. Text past review.MaxFeedback
// characters is not kept (Cut): a paste is cut to the room left before
// the textarea sees it, so a huge one costs no more than the room.
func (s *Sheet) UpdateText(msg tea.Msg) (cmd tea.Cmd, changed bool) {
	if !s.Editing() {
		return nil, false
	}
	s.ed.fresh = false // a key may move the cursor or scroll without changing the text
	ta := s.ed.area()
	msg, s.ed.cut = fitRoom(msg, s.Feedback[s.editing])
	if msg != nil {
		cmd = s.ed.draw.Update(ta, msg)
	}
	v := s.ed.draw.Value(ta)
	if fit, cut := review.CutFeedback(v); cut { // ctrl+v's paste of the clipboard
		s.ed.draw.SetValue(ta, fit)
		v, s.ed.cut = fit, true
	}
	if v != s.Feedback[s.editing] {
		s.Feedback[s.editing] = v
		changed = true
	}
	return cmd, changed
}

// Cut reports whether the last change of text (UpdateText, SetFeedback)
// left out what went past review.MaxFeedback characters.
func (s Sheet) Cut() bool { return s.ed.cut }

// fitRoom is msg with no more characters to insert than text leaves room
// for (review.MaxFeedback), and whether it was cut: a typed or pasted
// key's runes, counted as the textarea inserts them (asTyped: a tab is
// four spaces), are cut to the room, and a new line where there is none
// left is dropped (nil); a pasted \r\n is one new line. Alt keys move,
// not type. The text's characters
// are counted only when its bytes (never fewer) leave too little room
// for four characters a rune, the most one is inserted as.
func fitRoom(msg tea.Msg, text string) (tea.Msg, bool) {
	k, ok := msg.(tea.KeyMsg)
	if ok && k.Type == tea.KeyRunes && slices.Contains(k.Runes, '\r') {
		// A pasted \r\n is one new line; the textarea would make two.
		k.Runes = []rune(strings.ReplaceAll(string(k.Runes), "\r\n", "\n"))
		msg = k
	}
	inserts := ok && !k.Alt && (k.Type == tea.KeyRunes || k.Type == tea.KeySpace || k.Type == tea.KeyEnter)
	if !inserts || len(text)+4*max(len(k.Runes), 1) <= review.MaxFeedback {
		return msg, false
	}
	room := review.MaxFeedback - utf8.RuneCountInString(text)
	if k.Type == tea.KeyEnter {
		if room < 1 {
			return nil, true
		}
		return msg, false
	}
	if len(k.Runes) <= room/4 { // fits however it is widened
		return msg, false
	}
	typed := asTyped(k.Runes)
	switch {
	case len(typed) <= room:
		return msg, false
	case room < 1:
		return nil, true
	}
	k.Runes = []rune(review.CutCharacters(string(typed), room))
	return k, true
}

// Text is the textarea's current text.
func (s Sheet) Text() string {
	if s.ed.ta == nil {
		return ""
	}
	return s.ed.draw.Value(s.ed.ta)
}

// TextView draws the textarea, or returns its drawing from before when it
// has not changed since.
func (s Sheet) TextView() string {
	if !s.ed.fresh {
		s.ed.view, s.ed.fresh = s.ed.draw.View(s.ed.area()), true
	}
	return s.ed.view
}

// TextCursorRow is the line of TextView the cursor is on, from 0: a pane
// short of room shows the textarea's lines round it.
func (s Sheet) TextCursorRow() int {
	if s.ed.ta == nil {
		return 0
	}
	return min(max(s.ed.draw.CursorRow(s.ed.ta), 0), s.ed.ta.Height()-1)
}

// SetTextSize sizes the textarea. When its text fits the new size it is
// shown from its first line: textarea keeps the scroll of a smaller size
// otherwise, hiding the first lines of text that would all fit.
func (s *Sheet) SetTextSize(w, h int) {
	// Compared with the size asked for last: the textarea's Width is w
	// less its prompt, so comparing with it never matched, and every
	// message reset the text (a 240 KB allocation in bubbles' Reset).
	if w == s.ed.w && h == s.ed.h {
		return
	}
	s.ed.w, s.ed.h, s.ed.fresh = w, h, false
	ta := s.ed.ta
	if ta == nil {
		return // area sizes it when it is made
	}
	ta.SetWidth(w)
	ta.SetHeight(h)
	if !s.Editing() || wrappedLines(ta.Value(), ta.Width()) > ta.Height() {
		return // not writing: StartEditing sets the text afresh, from the top
	}
	// SetValue scrolls to the top and puts the cursor at the end; put it
	// back on its line and column.
	row, col := ta.Line(), ta.LineInfo().StartColumn+ta.LineInfo().ColumnOffset
	s.ed.draw.SetValue(ta, ta.Value())
	for i := ta.LineCount() * max(w, 1); ta.Line() > row && i > 0; i-- {
		ta.CursorUp()
	}
	ta.SetCursor(col)
}

// wrappedLines counts the screen lines text takes at width w, counting a
// line that fills w as two, as the textarea does (its cursor needs a
// cell); wrapping at words may take more, which the cursor's own scroll
// then covers.
func wrappedLines(text string, w int) int {
	w = max(w, 1)
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += ansi.StringWidth(l)/w + 1
	}
	return n
}

// Outcome is the outcome of the levels so far (review.ComputeOutcome).
func (s Sheet) Outcome() (review.Outcome, error) { return review.ComputeOutcome(s.Rubric, s.Levels) }

// Unscored lists the criteria without a level, in rubric order.
func (s Sheet) Unscored() []string {
	var ids []string
	for _, c := range s.Rubric.Criteria {
		if _, ok := s.Levels[c.ID]; !ok {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// MissingFeedback lists the criteria below passing without feedback: rule
// 2's hard half.
func (s Sheet) MissingFeedback() []string {
	return review.MissingFeedback(s.Rubric, s.Levels, s.Feedback)
}
