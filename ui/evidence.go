package ui

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/styles"
)

// evidenceText builds the left pane for an assignment, wrapped to width
// cells: the attempt's header, for a resubmission the previous attempt's
// feedback and the candidate's note, then the parts, in full or (when diff
// is set and there is an attempt before) as a diff against attempt n−1.
// partsAt is the line where the parts (or the diff) begin, so toggling the
// mode can scroll straight to them.
//
// Every string that came from the candidate (or from an earlier decision)
// passes through review.Sanitize first: evidence is untrusted and may carry
// escape sequences that retitle the window or clear the screen.
func evidenceText(a review.Assignment, now time.Time, width int, st *styles.Styles, diff bool) (text string, partsAt int) {
	e := &evBuilder{width: max(width, 10)}
	at := a.Attempt
	e.para(review.Sanitize(at.Handle()), 0, st.Header.Render)
	e.para(review.Sanitize(a.Rubric.Title), 0, nil)
	e.para(fmt.Sprintf("Attempt %d · submitted %s · %s days waiting",
		at.Number, at.SubmittedAt.Format("2006-01-02"), common.DaysWaiting(at.SubmittedAt, now)), 0, st.Faint.Render)
	writeLeakFlags(e, at, st)

	prev, hasPrev := previousAttempt(a)
	if hasPrev {
		writePreviousFeedback(e, a, prev, st)
	}
	partsAt = e.lines
	if diff && hasPrev {
		writeDiff(e, diffLeakMarkers(a), leakMarkedPrior(prev), st)
	} else {
		writeParts(e, a, st)
	}
	return strings.TrimRight(e.b.String(), "\n"), partsAt
}

// previousAttempt finds attempt n−1 among the assignment's earlier
// attempts (the latest one if n−1 itself is missing). There is none for a
// first attempt.
func previousAttempt(a review.Assignment) (review.PriorAttempt, bool) {
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
func writePreviousFeedback(e *evBuilder, a review.Assignment, prev review.PriorAttempt, st *styles.Styles) {
	e.line("")
	e.para(fmt.Sprintf("Attempt %d feedback (%s)", prev.Attempt.Number, review.Sanitize(string(prev.Decision.Outcome))), 0, st.Section.Render)
	passing := a.Rubric.PassingLevel()
	for _, c := range a.Rubric.Criteria {
		lvl, ok := prev.Decision.Levels[c.ID]
		if !ok {
			continue
		}
		lvl = review.Sanitize(lvl)
		// One line per criterion: the name is in the rubric pane anyway.
		head := common.OneLine(fmt.Sprintf("%s %s · %s", c.ID, lvl, review.Sanitize(c.Name)), e.width-2)
		if lvl != passing {
			// Not-yet criteria are what attempt n must fix: make them stand out.
			e.line(st.NotYet.Render("▸ " + head))
		} else {
			e.line(st.Meets.Render("  " + head))
		}
		if fb := strings.TrimSpace(review.Sanitize(prev.Decision.Feedback[c.ID])); fb != "" {
			e.para(fb, 4, nil)
		}
	}
	if fb := strings.TrimSpace(review.Sanitize(prev.Decision.Feedback[review.OverallKey])); fb != "" {
		e.para("Overall:", 0, st.Label.Render)
		e.para(fb, 4, nil)
	}
	e.line("")
	e.para("Candidate's resubmission note", 0, st.Section.Render)
	if note := strings.TrimSpace(review.Sanitize(markLeaks(a.Attempt.Note, a.Attempt.Leaks, -1, 0))); note != "" {
		e.marked(note, st)
	} else {
		// Say so: a missing note is itself worth knowing.
		e.para("(no note given)", 0, st.Faint.Render)
	}
}

// writeParts writes every part in full, with its word count.
func writeParts(e *evBuilder, a review.Assignment, st *styles.Styles) {
	for i, p := range a.Attempt.Parts {
		title := review.Sanitize(p.Title)
		text := review.Sanitize(p.Text)
		e.line("")
		e.para(title, 0, st.Section.Render)
		writeCount(e, a.Rubric, title, text, "", st)
		switch {
		case len(p.Attachments) > 0 && len(p.Attachments) == len(p.Files):
			writeFiles(e, a.Attempt, i, st)
		case len(p.Files) > 0:
			files := make([]string, len(p.Files))
			for j, f := range p.Files {
				files[j] = review.Sanitize(markLeaks(f, a.Attempt.Leaks, i, j+1))
			}
			e.marked("Files: "+strings.Join(files, ", "), st)
		}
		e.line("")
		e.marked(review.Sanitize(markLeaks(p.Text, a.Attempt.Leaks, i, 0)), st)
	}
}

// writeFiles lists a part's stored files, one a line: name (with any leak
// in it marked), type and size, and ⚑ when the file's text holds a likely
// identifying detail. `a` opens them.
func writeFiles(e *evBuilder, at review.Attempt, part int, st *styles.Styles) {
	e.para("Files (a to view):", 0, st.Label.Render)
	for j, f := range at.Parts[part].Attachments {
		line := "  " + review.Sanitize(markLeaks(at.Parts[part].Files[j], at.Leaks, part, j+1)) +
			" · " + typeLabel(f) + " · " + review.FormatSize(f.Size)
		for _, l := range at.Leaks {
			if l.Attachment && l.Part == part && l.File == j+1 {
				line += " · ⚑"
				break
			}
		}
		e.marked(line, st)
	}
}

// writeCount writes a part's word count against the rubric's limit, warning
// when over it, followed by extra (e.g. the diff's word changes).
func writeCount(e *evBuilder, r review.Rubric, title, text, extra string, st *styles.Styles) {
	n := review.WordCount(text)
	if limit := r.PartLimit(title); limit > 0 {
		count := fmt.Sprintf("%d / %d words", n, limit)
		if n > limit {
			e.para(count+" — over the limit"+extra, 0, st.Warn.Render)
		} else {
			e.para(count+extra, 0, st.Faint.Render)
		}
		return
	}
	e.para(fmt.Sprintf("%d words", n)+extra, 0, st.Faint.Render)
}

// evBuilder accumulates the pane's lines at a fixed width.
type evBuilder struct {
	b     strings.Builder
	width int
	lines int
}

// line writes one finished line.
func (e *evBuilder) line(s string) {
	e.b.WriteString(s + "\n")
	e.lines++
}

// para wraps clean text and styles each line, so styling never spans a
// wrap point (where it would bleed into the pane border).
func (e *evBuilder) para(text string, indent int, style func(...string) string) {
	pad := strings.Repeat(" ", indent)
	for _, l := range strings.Split(ansi.Wrap(common.Untabify(text), e.width-indent, ""), "\n") {
		if style != nil && l != "" {
			l = style(l)
		}
		e.line(pad + l)
	}
}

// Leak highlighting (design.md, "Anonymity model"): the import-time scan
// stored the byte spans of likely identifying details on the attempt
// (review.Leak). The pane says where they are, in a flag line under the
// header, and highlights each span where it stands: reversed in the warn
// colour, or between ⟦ and ⟧ where colour does not show (NO_COLOR, or a
// terminal without colour). The diff view marks spans with ⟦ ⟧ always,
// since its words are styled by insert and delete.

// Private-use runes mark a span's ends while the text is sanitized and
// wrapped; they become a style or ⟦ ⟧ line by line, so no style spans a
// wrap point. Evidence cannot smuggle them in: markLeaks replaces any it
// already holds.
const (
	leakOpen, leakClose   = "\ue000", "\ue001"
	leakMarkOpen, leakEnd = "⟦", "⟧"
)

// writeLeakFlags writes one "⚑ possible identifying detail in part 2
// (email)" line per place that holds a leak; never the matched text.
func writeLeakFlags(e *evBuilder, at review.Attempt, st *styles.Styles) {
	for _, n := range review.LeakNotes(at.Parts, at.Leaks) {
		e.para("⚑ "+n, 0, st.Warn.Render)
	}
}

// markLeaks puts span markers around the leaks of one text: the note (part
// −1), a part's text (file 0) or its file-th file name. Spans that do not
// fit the text (it changed since the scan) are skipped.
func markLeaks(text string, leaks []review.Leak, part, file int) string {
	return markSpans(text, leaks, part, file, leakOpen, leakClose)
}

func markSpans(text string, leaks []review.Leak, part, file int, open, closing string) string {
	text = strings.NewReplacer(leakOpen, "\ufffd", leakClose, "\ufffd").Replace(text) // same byte length
	var b strings.Builder
	at := 0
	for _, l := range leaks {
		// A leak in a file's text (Attachment) has spans in that text,
		// not in the file's name.
		if l.Attachment || l.Part != part || l.File != file || l.Start < at || l.End > len(text) || l.Start >= l.End ||
			!utf8.RuneStart(text[l.Start]) || (l.End < len(text) && !utf8.RuneStart(text[l.End])) {
			continue
		}
		b.WriteString(text[at:l.Start] + open + text[l.Start:l.End] + closing)
		at = l.End
	}
	b.WriteString(text[at:])
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
		p.Text = markSpans(p.Text, at.Leaks, i, 0, leakMarkOpen, leakEnd)
		if len(p.Files) > 0 {
			files := make([]string, len(p.Files))
			for j, f := range p.Files {
				files[j] = markSpans(f, at.Leaks, i, j+1, leakMarkOpen, leakEnd)
			}
			p.Files = files
		}
		parts[i] = p
	}
	at.Parts = parts
	return at
}

// marked writes sanitized text holding span markers, wrapped like para,
// turning the markers into the leak style (or ⟦ ⟧) on each line.
func (e *evBuilder) marked(text string, st *styles.Styles) {
	style := st.Warn.Reverse(true)
	markers := st.NoColor || style.Render("x") == "x"
	in := false
	for _, l := range strings.Split(ansi.Wrap(common.Untabify(text), e.width, ""), "\n") {
		if markers {
			e.line(strings.NewReplacer(leakOpen, leakMarkOpen, leakClose, leakEnd).Replace(l))
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
		e.line(b.String())
	}
}
