package styles

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/lipgloss"
)

// Line draws one line of plain text in a style, byte for byte as the
// style's Render does, from what the style writes around a text, worked
// out once. lipgloss works all of it out again on every call (a few
// microseconds: the style's properties, termenv's sequences, margins and
// alignment measured), and a new review screen styled some thirty short
// lines that way, nearly half of opening it.
//
// A style whose drawing depends on the text's width (a width, a maximum)
// or on the text (a transform), one whose reading disagrees with Render on
// the probes, and any text that is not one plain line (tabs, line breaks,
// escapes) go to Render itself.
type Line struct {
	style       lipgloss.Style
	open, close string // written around a run of text
	sOpen       string // written around each space instead, when spaces are styled apart
	sClose      string
	mode        lineMode
}

type lineMode uint8

const (
	lineRender  lineMode = iota // Render does it all
	lineWhole                   // open, the text, close
	lineByRunes                 // each rune alone, spaces in their own style (underline)
)

// NewLine works out how st writes a line, checking its reading on a few
// lines against Render.
func NewLine(st lipgloss.Style) Line {
	l := Line{style: st}
	if st.GetWidth() > 0 || st.GetMaxWidth() > 0 || st.GetHeight() > 0 || st.GetMaxHeight() > 0 || st.GetTransform() != nil {
		return l // what it writes depends on the text's width, or on the text
	}
	var ok bool
	if l.open, l.close, ok = around(st.Render("x"), "x"); !ok {
		return l
	}
	l.mode = lineWhole
	if !l.agrees() {
		l.mode = lineByRunes
		if l.sOpen, l.sClose, ok = around(st.Render(" "), " "); !ok || !l.agrees() {
			l.mode = lineRender
		}
	}
	return l
}

// around splits out into what comes before and after the one text in it.
func around(out, text string) (before, after string, ok bool) {
	i := strings.Index(out, text)
	if i < 0 || strings.Count(out, text) != 1 {
		return "", "", false
	}
	return out[:i], out[i+len(text):], true
}

// agrees reports whether l draws as Render on lines unlike the probes.
func (l Line) agrees() bool {
	for _, s := range []string{"a b", "  two  spaces ", "é—…漢字 ⚑", "x\u00a0y\u3000z"} {
		if l.draw(s) != l.style.Render(s) {
			return false
		}
	}
	return true
}

// Render draws strs, joined by spaces as lipgloss joins them, in the style.
func (l Line) Render(strs ...string) string {
	s := strings.Join(strs, " ")
	if l.mode == lineRender || s == "" || strings.ContainsAny(s, "\t\r\n\x1b") {
		return l.style.Render(strs...)
	}
	return l.draw(s)
}

func (l Line) draw(s string) string {
	if l.mode != lineByRunes {
		return l.open + s + l.close
	}
	var b strings.Builder
	b.Grow(len(s) * (1 + len(l.open) + len(l.close)))
	for _, r := range s {
		if unicode.IsSpace(r) {
			b.WriteString(l.sOpen)
			b.WriteRune(r)
			b.WriteString(l.sClose)
			continue
		}
		b.WriteString(l.open)
		b.WriteRune(r)
		b.WriteString(l.close)
	}
	return b.String()
}

// Lines are the styles of Styles that draw short lines, as Lines, for
// what draws many of them on every frame or screen (the evidence pane, the
// scoring panel, the review screen's header and status).
type Lines struct {
	Header, Faint, Status, ErrStatus, PaneTitle, Section, Label, Warn, NotYet, Meets, Outcome Line
}

// lines builds s.Lines from s's styles.
func (s *Styles) lines() Lines {
	return Lines{
		Header: NewLine(s.Header), Faint: NewLine(s.Faint), Status: NewLine(s.Status), ErrStatus: NewLine(s.ErrStatus),
		PaneTitle: NewLine(s.PaneTitle), Section: NewLine(s.Section), Label: NewLine(s.Label), Warn: NewLine(s.Warn),
		NotYet: NewLine(s.NotYet), Meets: NewLine(s.Meets), Outcome: NewLine(s.Outcome),
	}
}

// LevelLine is Level's style as a Line.
func (s *Styles) LevelLine(name, passing string) Line {
	return byLevel(name, passing, s.Lines.Faint, s.Lines.Meets, s.Lines.NotYet)
}
