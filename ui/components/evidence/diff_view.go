package evidence

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/reflow/wordwrap"
	"github.com/sergi/go-diff/diffmatchpatch"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// writeDiff writes the parts of a resubmission as a diff against prev: a
// header with the total words inserted and deleted, then each part with
// what happened to it. Unchanged parts are collapsed to their first line so
// the reviewer's eye goes to what changed. The parts draw MaxDiffWords
// words between them; a part past them says how many of its words are not
// drawn, as drawing a word costs hundreds of bytes and evidence may be a
// million words.
func writeDiff(e *Builder, a review.Assignment, prev review.PriorAttempt, st *styles.Styles) {
	ds := NewDiffStyles(st)
	parts := diffParts(a.Attempt.Parts, prev.Attempt.Parts)
	ins, del := 0, 0
	for _, p := range parts {
		ins, del = ins+p.ins, del+p.del
	}
	n, was := a.Attempt.Number, prev.Attempt.Number
	e.Line("")
	e.Para(fmt.Sprintf("diff vs attempt %d · +%s −%s", was, review.Count(ins, "word", "words"), review.Count(del, "word", "words")), 0, st.Lines.Section.Render)
	if ds.markers {
		e.Para(insOpen+"inserted"+insClose+" "+delOpen+"deleted"+delClose, 0, st.Lines.Faint.Render)
	}
	left := MaxDiffWords // words still to draw
	for _, p := range parts {
		e.Line("")
		title := p.title
		if p.oldTitle != "" {
			title += " (was “" + p.oldTitle + "”)"
		}
		e.Para(title, 0, st.Lines.Section.Render)
		switch p.change {
		case partUnchanged:
			e.Para(fmt.Sprintf("unchanged since attempt %d", was), 0, st.Lines.Faint.Render)
			if l := firstLine(p.text, e.Width); l != "" {
				e.Line(l)
			}
			continue
		case partAdded:
			e.Para(fmt.Sprintf("new in attempt %d · +%s", n, review.Count(p.ins, "word", "words")), 0, st.Lines.Label.Render)
		case partRemoved:
			e.Para(fmt.Sprintf("removed in attempt %d · −%s", n, review.Count(p.del, "word", "words")), 0, st.Lines.Label.Render)
		default:
			writeCount(e, a.Rubric, p.title, p.text, fmt.Sprintf(" · +%d −%d", p.ins, p.del), st)
		}
		switch {
		case p.filesDiffs || p.change == partRemoved:
			e.Diff(ds, filesDiff(p.oldFiles, p.files, p.changed))
		case len(p.files) > 0:
			e.Para("Files: "+strings.Join(p.files, ", "), 0, nil)
		}
		e.Line("")
		diffs, more, changed, drawn := cutDiff(p.diffs, left)
		left -= drawn
		e.Diff(ds, diffs)
		if more > 0 || p.uncompared > 0 {
			e.Para(MoreWordsNote(more, changed, p.uncompared), 0, st.Warn.Render)
		}
	}
}

// filesDiff is a part's file list as a diff: kept files plain, new ones
// inserted, dropped ones deleted and those whose bytes changed inserted,
// each labelled in words, "(added)", "(removed)" or "(changed)", so the
// list reads the same without colour (`a` then `d` shows a text file's
// diff).
func filesDiff(old, cur, changed []string) []diffmatchpatch.Diff {
	if len(old) == 0 && len(cur) == 0 {
		return nil
	}
	d := []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffEqual, Text: "Files: "}}
	add := func(op diffmatchpatch.Operation, f string) {
		d = append(d, diffmatchpatch.Diff{Type: op, Text: f + " "})
	}
	for _, f := range cur {
		switch {
		case slices.Contains(changed, f):
			add(diffmatchpatch.DiffInsert, f+" (changed)")
		case slices.Contains(old, f):
			add(diffmatchpatch.DiffEqual, f)
		default:
			add(diffmatchpatch.DiffInsert, f+" (added)")
		}
	}
	for _, f := range old {
		if !slices.Contains(cur, f) {
			add(diffmatchpatch.DiffDelete, f+" (removed)")
		}
	}
	return d
}

// Breaks before a word of a rendered diff.
const (
	sepNone  = iota // first word
	sepSpace        // same line
	sepLine         // new line
	sepPara         // blank line
)

// diffWord is one word of a rendered diff, with the marker it carries in
// marker mode and the break before it.
type diffWord struct {
	text string
	op   diffmatchpatch.Operation
	sep  int
}

// Render draws diffs wrapped to width. Each word is styled on its own and
// the spaces between words are left plain, so a wrap (which only happens at
// a space) never falls inside a styled span: a span left open at the end of
// a line would colour the pane border, and one opened on the line above
// would be lost when the viewport scrolls it away.
func (ds DiffStyles) Render(diffs []diffmatchpatch.Diff, width int) string {
	lines, _ := ds.render(diffs, width)
	return strings.Join(lines, "\n")
}

// Diff writes diffs as Render draws them, noting the breaks its wrapping
// put in, so a search reads a phrase across them.
func (e *Builder) Diff(ds DiffStyles, diffs []diffmatchpatch.Diff) {
	lines, wraps := ds.render(diffs, e.Width)
	if len(lines) == 1 && lines[0] == "" {
		return // no words, no line
	}
	for _, w := range wraps {
		w.line += int32(e.lines)
		e.wraps = append(e.wraps, w)
	}
	for _, l := range lines {
		e.Line(l)
	}
}

// render is Render's lines and the breaks its wrapping put in. Each of
// the diff's own lines is wrapped alone, which wraps it as wrapping the
// whole diff does.
func (ds DiffStyles) render(diffs []diffmatchpatch.Diff, width int) (lines []string, wraps []Wrap) {
	width = max(width, 4)
	words := splitDiffWords(diffs)
	if ds.markers {
		markRuns(words)
	}
	var b strings.Builder
	flush := func() {
		ww := wordwrap.NewWriter(width)
		ww.Breakpoints = nil // not even at hyphens: "not-yet" and "[-" stay whole
		_, _ = ww.Write([]byte(b.String()))
		_ = ww.Close()
		out := strings.Split(ww.String(), "\n")
		wraps = appendWraps(wraps, b.String(), out, len(lines), 0)
		lines = append(lines, out...)
		b.Reset()
	}
	for _, w := range words {
		switch w.sep {
		case sepSpace:
			b.WriteString(" ")
		case sepLine, sepPara:
			flush()
			if w.sep == sepPara {
				lines = append(lines, "")
			}
		}
		// reflow only moves a word to the next line when it is narrower
		// than the limit, so longer ones are cut to width-1 first.
		for i, chunk := range strings.Split(ansi.Hardwrap(w.text, width-1, false), "\n") {
			if i > 0 {
				b.WriteString("\n")
			}
			b.WriteString(ds.style(w.op, chunk))
		}
	}
	flush()
	return lines, wraps
}

// splitDiffWords turns diffs into words and the breaks between them. Line
// breaks come from the current text: a deleted newline is only a space.
func splitDiffWords(diffs []diffmatchpatch.Diff) []diffWord {
	var words []diffWord
	pending := sepNone
	for _, d := range diffs {
		for _, tok := range tokenize(common.Drawable(d.Text)) {
			if strings.TrimSpace(tok) == "" {
				sep := sepSpace
				if nl := strings.Count(tok, "\n"); d.Type != diffmatchpatch.DiffDelete && nl > 0 {
					sep = min(sepLine+nl-1, sepPara)
				}
				pending = max(pending, sep)
				continue
			}
			sep := max(pending, sepSpace)
			if len(words) == 0 {
				sep = sepNone
			}
			words = append(words, diffWord{text: tok, op: d.Type, sep: sep})
			pending = sepNone
		}
	}
	return words
}

// markRuns wraps each run of inserted or deleted words on one line in
// [+ … +] or [- … -], so the diff reads without colour.
func markRuns(words []diffWord) {
	for i := range words {
		w := &words[i]
		if w.op == diffmatchpatch.DiffEqual {
			continue
		}
		open, closing := insOpen, insClose
		if w.op == diffmatchpatch.DiffDelete {
			open, closing = delOpen, delClose
		}
		first := i == 0 || words[i-1].op != w.op || w.sep >= sepLine
		last := i == len(words)-1 || words[i+1].op != w.op || words[i+1].sep >= sepLine
		if first {
			w.text = open + w.text
		}
		if last {
			w.text += closing
		}
	}
}

// raw writes text that is already wrapped and styled, line by line.
func (e *Builder) Raw(text string) {
	if text == "" {
		return
	}
	for _, l := range strings.Split(text, "\n") {
		e.Line(l)
	}
}
