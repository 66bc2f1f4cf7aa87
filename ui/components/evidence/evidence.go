// Package evidence draws an attempt's evidence for the review screen's
// left pane: its header, leak flags, what attempt n−1 was told, and the
// parts in full or as a word diff against attempt n−1. Every string from
// a candidate passes through review.Sanitize first.
package evidence

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// evidenceText builds the left pane for an assignment, wrapped to width
// cells: the attempt's header, for a resubmission the previous attempt's
// feedback and the candidate's note, then the parts, in full or (when diff
// is set and there is an attempt before) as a diff against attempt n−1.
// A zero now leaves out the days waiting. partsAt is the line where the
// parts (or the diff) begin, so toggling the mode can scroll straight to
// them.
//
// Every string that came from the candidate (or from an earlier decision)
// passes through review.Sanitize first: evidence is untrusted and may carry
// escape sequences that retitle the window or clear the screen.
func evidenceText(a review.Assignment, now time.Time, width int, st *styles.Styles, diff bool) (text string, partsAt int) {
	text, _, partsAt = evidenceTextFor(a, now, width, st, diff, true)
	return text, partsAt
}

// evidenceTextFor is evidenceText for a screen that has a files view
// (`a` opens it) or, when filesView is false, none: its file lists then
// promise no key. wraps are the line breaks its wrapping put in.
func evidenceTextFor(a review.Assignment, now time.Time, width int, st *styles.Styles, diff, filesView bool) (text string, wraps []Wrap, partsAt int) {
	e := &Builder{Width: max(width, 10)}
	at := a.Attempt
	e.Para(review.Sanitize(at.Handle()), 0, st.Lines.Header.Render)
	e.Para(review.Sanitize(a.Rubric.Title), 0, nil)
	facts := fmt.Sprintf("Attempt %d · submitted %s", at.Number, at.SubmittedAt.Format("2006-01-02"))
	if !now.IsZero() {
		// A zero now is a calibration example: no one is waiting on it.
		facts += " · " + common.DaysWaiting(at.SubmittedAt, now) + " days waiting"
	}
	e.Para(facts, 0, st.Lines.Faint.Render)
	writeLeakFlags(e, at, st)

	prev, hasPrev := PreviousAttempt(a)
	if hasPrev {
		writePreviousFeedback(e, a, prev, st)
	}
	partsAt = e.lines
	if diff && hasPrev {
		writeDiff(e, diffLeakMarkers(a), leakMarkedPrior(prev), st)
	} else {
		writeParts(e, a, st, filesView)
	}
	return e.String(), e.Wraps(), partsAt
}

// PreviousAttempt finds attempt n−1 among the assignment's earlier
// attempts (the latest one if n−1 itself is missing). There is none for a
// first attempt.
func PreviousAttempt(a review.Assignment) (review.PriorAttempt, bool) {
	if a.Attempt.Number <= 1 || len(a.Previous) == 0 {
		return review.PriorAttempt{}, false
	}
	for _, p := range a.Previous {
		if p.Attempt.Number == a.Attempt.Number-1 {
			return p, true
		}
	}
	return a.Previous[len(a.Previous)-1], true
}

// writePreviousFeedback writes what attempt n−1 was told: its level and
// feedback per criterion, the overall feedback, and the candidate's note
// on what they changed.
func writePreviousFeedback(e *Builder, a review.Assignment, prev review.PriorAttempt, st *styles.Styles) {
	e.Line("")
	e.Para(fmt.Sprintf("Attempt %d feedback (%s)", prev.Attempt.Number, review.Sanitize(string(prev.Decision.Outcome))), 0, st.Lines.Section.Render)
	// Its criteria as the rubric named them when it was scored.
	r := prev.ScoredAgainst(a.Rubric)
	if r.Version != a.Rubric.Version {
		e.Para(fmt.Sprintf("Scored against version %d of the rubric; this attempt is scored against version %d.", r.Version, a.Rubric.Version), 0, st.Lines.Faint.Render)
	}
	passing := r.PassingLevel()
	for _, c := range r.Criteria {
		lvl, ok := prev.Decision.Levels[c.ID]
		if !ok {
			continue
		}
		lvl = review.Sanitize(lvl)
		// One line per criterion: its descriptors are in the rubric pane.
		head := common.OneLine(fmt.Sprintf("%s %s · %s", c.ID, lvl, common.Name(c.Name)), e.Width-2)
		if lvl != passing {
			// Not-yet criteria are what attempt n must fix: make them stand out.
			e.Line(st.Lines.NotYet.Render("▸ " + head))
		} else {
			e.Line(st.Lines.Meets.Render("  " + head))
		}
		if fb := strings.TrimSpace(review.Sanitize(prev.Decision.Feedback[c.ID])); fb != "" {
			e.Para(fb, 4, nil)
		}
	}
	if fb := strings.TrimSpace(review.Sanitize(prev.Decision.Feedback[review.OverallKey])); fb != "" {
		e.Para("Overall:", 0, st.Lines.Label.Render)
		e.Para(fb, 4, nil)
	}
	e.Line("")
	e.Para("Candidate's resubmission note", 0, st.Lines.Section.Render)
	if note := strings.TrimSpace(review.Sanitize(MarkLeaks(a.Attempt.Note, a.Attempt.Leaks, -1, 0))); note != "" {
		e.Marked(note, st)
	} else {
		// Say so: a missing note is itself worth knowing.
		e.Para("(no note given)", 0, st.Lines.Faint.Render)
	}
}

// writeParts writes every part in full, with its word count; filesView
// says whether `a` opens the files listed. The parts' texts show
// MaxTextLines lines between them, a part past them a line counting the
// rest: a line laid out costs over a hundred bytes, and evidence may be
// 4 MB of short lines, the server's memory under `assessor serve`.
func writeParts(e *Builder, a review.Assignment, st *styles.Styles, filesView bool) {
	left := MaxTextLines // lines of text still to show
	for i, p := range a.Attempt.Parts {
		title := review.Sanitize(p.Title)
		text := review.Sanitize(p.Text)
		e.Line("")
		if marked := MarkTitleLeaks(p.Title, a.Attempt.Leaks, i); marked != p.Title {
			e.Marked(review.Sanitize(marked), st) // a flag in the title, marked as in a text
		} else {
			e.Para(title, 0, st.Lines.Section.Render)
		}
		writeCount(e, a.Rubric, title, text, "", st)
		switch {
		case len(p.Attachments) > 0 && len(p.Attachments) == len(p.Files):
			writeFiles(e, a.Attempt, i, st, filesView)
		case len(p.Files) > 0:
			files := make([]string, len(p.Files))
			for j, f := range p.Files {
				files[j] = review.Sanitize(MarkLeaks(f, a.Attempt.Leaks, i, j+1))
			}
			e.Marked("Files: "+strings.Join(files, ", "), st)
		}
		e.Line("")
		body := text // sanitized already, and most texts have nothing to mark
		if marked := MarkLeaks(p.Text, a.Attempt.Leaks, i, 0); marked != p.Text {
			body = review.Sanitize(marked)
		}
		body, more := CutLines(body, left)
		left -= min(left, strings.Count(body, "\n")+1)
		if body != "" || more == 0 {
			e.Marked(body, st)
		}
		if more > 0 {
			e.Para(fmt.Sprintf("… %d more %s not shown", more, review.Plural(more, "line", "lines")), 0, st.Lines.Warn.Render)
		}
	}
}

// writeFiles lists a part's stored files, one a line: name (with any leak
// in it marked), type and size, and ⚑ when the file's text holds a likely
// identifying detail. `a` opens them where filesView is set; where it is
// not (the lead's adjudication screen has no files view), the list
// promises no key.
func writeFiles(e *Builder, at review.Attempt, part int, st *styles.Styles, filesView bool) {
	label := "Files:"
	if filesView {
		label = "Files (a to view):"
	}
	e.Para(label, 0, st.Lines.Label.Render)
	for j, f := range at.Parts[part].Attachments {
		line := "  " + review.Sanitize(MarkLeaks(at.Parts[part].Files[j], at.Leaks, part, j+1)) +
			" · " + TypeLabel(f) + " · " + review.FormatSize(f.Size)
		for _, l := range at.Leaks {
			if l.Attachment && l.Part == part && l.File == j+1 {
				line += " · ⚑"
				break
			}
		}
		e.Marked(line, st)
	}
}

// writeCount writes a part's word count against the rubric's limit, warning
// when over it, followed by extra (e.g. the diff's word changes).
func writeCount(e *Builder, r review.Rubric, title, text, extra string, st *styles.Styles) {
	n := review.EvidenceWordCount(text)
	if limit := r.PartLimit(title); limit > 0 {
		count := fmt.Sprintf("%d / %s", n, review.Count(limit, "word", "words"))
		if n > limit {
			e.Para(count+" — over the limit"+extra, 0, st.Lines.Warn.Render)
		} else {
			e.Para(count+extra, 0, st.Lines.Faint.Render)
		}
		return
	}
	e.Para(review.Count(n, "word", "words")+extra, 0, st.Lines.Faint.Render)
}

// Builder accumulates a pane's lines at a fixed width: the evidence, and
// the text the history and files overlays show.
type Builder struct {
	b     strings.Builder
	Width int // cells per line
	lines int
	wraps []Wrap
}

// String is what was written, without the last line's newline.
func (e *Builder) String() string { return strings.TrimRight(e.b.String(), "\n") }

// Line writes one finished line.
func (e *Builder) Line(s string) {
	e.b.WriteString(s + "\n")
	e.lines++
}

// Para wraps clean text and styles each line, so styling never spans a
// wrap point (where it would bleed into the pane border).
func (e *Builder) Para(text string, indent int, style func(...string) string) {
	pad := strings.Repeat(" ", indent)
	for _, l := range e.wrap(common.Drawable(text), e.Width-indent, indent) {
		if style != nil && l != "" {
			l = style(l)
		}
		e.Line(pad + l)
	}
}

// Leak highlighting (docs/workflow.md, "Anonymity"): the import-time scan
// stored the byte spans of likely identifying details on the attempt
// (review.Leak). The pane says where they are, in a flag line under the
// header, and highlights each span where it stands: reversed in the warn
// colour, or between ⟦ and ⟧ where colour does not show (NO_COLOR, or a
// terminal without colour). The diff view marks spans with ⟦ ⟧ always,
// since its words are styled by insert and delete.

// Private-use runes mark a span's ends while the text is sanitized and
// wrapped; they become a style or ⟦ ⟧ line by line, so no style spans a
// wrap point. Evidence cannot smuggle them in: MarkLeaks replaces any it
// already holds.
const (
	leakOpen, leakClose   = "\ue000", "\ue001"
	leakMarkOpen, leakEnd = "⟦", "⟧"
)

// writeLeakFlags writes one "⚑ possible identifying detail in part 2
// (email)" line per place that holds a leak; never the matched text.
func writeLeakFlags(e *Builder, at review.Attempt, st *styles.Styles) {
	for _, n := range review.LeakNotes(at.Parts, at.Leaks) {
		e.Para("⚑ "+n, 0, st.Lines.Warn.Render)
	}
}

// MarkLeaks puts span markers around the leaks of one text: the note (part
// −1), a part's text (file 0) or its file-th file name. Spans that do not
// fit the text (it changed since the scan) are skipped.
func MarkLeaks(text string, leaks []review.Leak, part, file int) string {
	return markSpans(text, leaks, review.Leak{Part: part, File: file}, leakOpen, leakClose)
}

// MarkTitleLeaks is MarkLeaks for part's title.
func MarkTitleLeaks(title string, leaks []review.Leak, part int) string {
	return markSpans(title, leaks, review.Leak{Part: part, Title: true}, leakOpen, leakClose)
}

// markSpans marks in text the leaks in the place of at (its part, file and
// whether it is a title).
func markSpans(text string, leaks []review.Leak, at review.Leak, open, closing string) string {
	hasMarkers := strings.Contains(text, leakOpen) || strings.Contains(text, leakClose)
	if !hasMarkers && !slices.ContainsFunc(leaks, func(l review.Leak) bool { return review.SamePlace(l, at) }) {
		return text // most texts: no span to mark, no marker to take out
	}
	if hasMarkers {
		text = unmarked.Replace(text) // same byte length
	}
	var b strings.Builder
	from := 0
	for _, l := range leaks {
		// A leak in a file's text (Attachment) has spans in that text,
		// not in the file's name; one in a title, in the title.
		if !review.SamePlace(l, at) || l.Start < from || l.End > len(text) || l.Start >= l.End ||
			!utf8.RuneStart(text[l.Start]) || (l.End < len(text) && !utf8.RuneStart(text[l.End])) {
			continue
		}
		b.WriteString(text[from:l.Start] + open + text[l.Start:l.End] + closing)
		from = l.End
	}
	b.WriteString(text[from:])
	return b.String()
}

// diffLeakMarkers and leakMarkedPrior return copies with ⟦ ⟧ around the
// leaks of the attempt's texts and file names, for the diff view to show as
// text. Both sides are marked, so an unchanged leak diffs as unchanged.
func diffLeakMarkers(a review.Assignment) review.Assignment {
	a.Attempt = leakMarkedAttempt(a.Attempt)
	return a
}

func leakMarkedPrior(p review.PriorAttempt) review.PriorAttempt {
	p.Attempt = leakMarkedAttempt(p.Attempt)
	return p
}

func leakMarkedAttempt(at review.Attempt) review.Attempt {
	parts := make([]review.EvidencePart, len(at.Parts))
	for i, p := range at.Parts {
		p.Text = markSpans(p.Text, at.Leaks, review.Leak{Part: i}, leakMarkOpen, leakEnd)
		if len(p.Files) > 0 {
			files := make([]string, len(p.Files))
			for j, f := range p.Files {
				files[j] = markSpans(f, at.Leaks, review.Leak{Part: i, File: j + 1}, leakMarkOpen, leakEnd)
			}
			p.Files = files
		}
		parts[i] = p
	}
	at.Parts = parts
	return at
}

// unmarked takes out the span markers a text already holds.
var unmarked = strings.NewReplacer(leakOpen, "\ufffd", leakClose, "\ufffd")

// leakMarks turns span markers into ⟦ ⟧.
var leakMarks = strings.NewReplacer(leakOpen, leakMarkOpen, leakClose, leakEnd)

// Marked writes sanitized text holding span markers, wrapped like para,
// turning the markers into the leak style (or ⟦ ⟧) on each line.
func (e *Builder) Marked(text string, st *styles.Styles) {
	text = common.Drawable(text)
	lines := e.wrap(text, e.Width, 0)
	if !strings.Contains(text, leakOpen) && !strings.Contains(text, leakClose) {
		for _, l := range lines {
			e.Line(l) // most evidence marks nothing: no line to take apart
		}
		return
	}
	style := st.Warn.Reverse(true)
	markers := st.NoColor || style.Render("x") == "x"
	in := false
	for _, l := range lines {
		if markers {
			e.Line(leakMarks.Replace(l))
			continue
		}
		var b strings.Builder
		for l != "" {
			i := strings.IndexAny(l, leakOpen+leakClose)
			seg := l
			if i >= 0 {
				seg = l[:i]
			}
			if in && seg != "" {
				seg = style.Render(seg)
			}
			b.WriteString(seg)
			if i < 0 {
				break
			}
			in = strings.HasPrefix(l[i:], leakOpen)
			l = l[i+len(leakOpen):] // both markers are three bytes
		}
		e.Line(b.String())
	}
}

// TypeLabel names a file's type in a few letters.
func TypeLabel(a review.Attachment) string {
	if a.Redacted {
		return "redacted text"
	}
	switch a.Type {
	case review.TypeText:
		return "text"
	case review.TypeMarkdown:
		return "Markdown"
	case review.TypeCSV:
		return "CSV"
	case review.TypeTSV:
		return "TSV"
	case review.TypePDF:
		return "PDF"
	}
	if ext := strings.TrimPrefix(path.Ext(a.Name), "."); ext != "" && len(ext) <= 5 {
		return strings.ToUpper(review.Sanitize(ext))
	}
	return "file"
}

// MaxTextLines is how many lines of a file's text are shown: a long
// report's every line, and a bounded cost for a file of a million short
// lines (2 MB, inside the import's limit), each line shown costing over a
// hundred bytes, hundreds of MB in all.
const MaxTextLines = 50000

// MaxTextBytes is the most of a text shown however few its lines: one
// line of 4 MB of words (inside the import's limit) laid out cost over 20
// times its size.
const MaxTextBytes = 1 << 20

// CutLines is text's first maxLines lines (none for 0), and no more than
// MaxTextBytes of them, and how many lines follow, counted, not split: a
// line cut at MaxTextBytes counts its rest as one.
func CutLines(text string, maxLines int) (kept string, more int) {
	kept, more = cutLines(text, maxLines)
	if len(kept) <= MaxTextBytes {
		return kept, more
	}
	cut := MaxTextBytes
	if nl := strings.LastIndexByte(kept[:cut], '\n'); nl >= 0 {
		cut = nl // at a line's end where there is one
	} else {
		for !utf8.RuneStart(kept[cut]) {
			cut--
		}
	}
	return text[:cut], linesIn(strings.TrimPrefix(text[cut:], "\n"))
}

// cutLines is text's first maxLines lines and how many follow.
func cutLines(text string, maxLines int) (kept string, more int) {
	end := 0
	for range maxLines {
		i := strings.IndexByte(text[end:], '\n')
		if i < 0 {
			return text, 0
		}
		end += i + 1
	}
	rest := text[end:]
	if rest == "" {
		return text, 0
	}
	more = linesIn(rest)
	if end == 0 {
		return "", more // maxLines is 0: every line is counted
	}
	return text[:end-1], more
}

// linesIn is how many lines rest holds, the last one ended or not.
func linesIn(rest string) int {
	n := strings.Count(rest, "\n")
	if !strings.HasSuffix(rest, "\n") {
		n++
	}
	return n
}
