package scoring

import (
	"slices"
	"strconv"
	"strings"

	"assessor/review"
)

// drawn keeps the panel's drawn parts between frames, each with the inputs
// it was drawn from: most keys change none of them (a letter typed into the
// feedback changes neither the criteria nor the descriptors), yet Update
// (textHeight, on every message) and View each needed all of them, several
// times over: a sixth of serve's CPU at 200 sessions. One drawn is shared
// by the copies of a panel; the inputs decide, so a copy never sees
// another state's lines.
type drawn struct {
	top, warn, prev keptLines        // the criteria and notices, the warnings, the feedback previews
	descKey         string           // what descParts were drawn for
	descParts       descriptors      // drawn for descKey
	desc            map[int][]string // descParts fitted, by room
	descN           int              // descriptors drawn, for the tests
}

// keptLines are lines drawn for a key and kept until another is asked.
type keptLines struct {
	key   string
	lines []string // nil: never drawn
	n     int      // drawings made, for the tests
}

// get returns the lines for k: the kept ones, or draw's, kept in their
// place when they were drawn for another key.
func (kl *keptLines) get(k string, draw func() []string) []string {
	if kl.lines == nil || kl.key != k {
		kl.key, kl.lines = k, slices.Clip(draw())
		if kl.lines == nil {
			kl.lines = []string{}
		}
		kl.n++
	}
	return kl.lines
}

// memoKey joins parts, each length-prefixed, so no two inputs give one key.
func memoKey(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(strconv.Itoa(len(p)))
		b.WriteByte(':')
		b.WriteString(p)
	}
	return b.String()
}

// levelsKey is the levels in rubric order.
func (s Model) levelsKey() string {
	ls := make([]string, len(s.sheet.Rubric.Criteria))
	for i, c := range s.sheet.Rubric.Criteria {
		ls[i] = s.sheet.Levels[c.ID]
	}
	return memoKey(ls...)
}

// topLines are drawTop's lines, drawn again only when what they show
// changed: the size, the cursor, the levels, the criteria lacking
// feedback, the notice or the info.
func (s Model) topLines() []string {
	if s.memo == nil {
		return s.drawTop()
	}
	k := memoKey(strconv.Itoa(s.width), strconv.Itoa(s.height), strconv.Itoa(s.sheet.Cursor()),
		s.levelsKey(), strings.Join(s.sheet.MissingFeedback(), ","), s.notice, s.info)
	return s.memo.top.get(k, s.drawTop)
}

// descriptorLines are drawDescriptors' lines fitted to room, drawn again
// only when the size, the selected criterion or its level changed; the
// fitted lines are kept for each room asked (textHeight asks for two,
// View for a third).
func (s Model) descriptorLines(room int) []string {
	if s.memo == nil {
		return s.drawDescriptors().fit(room)
	}
	row := s.sheet.Row()
	k := memoKey(strconv.Itoa(s.width), strconv.FormatBool(s.compact()), row, s.sheet.Levels[row])
	if s.memo.descKey != k || s.memo.desc == nil {
		s.memo.descN++
		s.memo.descKey, s.memo.descParts, s.memo.desc = k, s.drawDescriptors(), map[int][]string{}
	}
	lines, ok := s.memo.desc[room]
	if !ok {
		lines = slices.Clip(s.memo.descParts.fit(room))
		s.memo.desc[room] = lines
	}
	return lines
}

// previewLines are drawPreviews' lines, drawn again only when the size,
// the selected criterion or either feedback shown changed: every message
// that leaves them alone (a draft saved, a lease renewed, a level on the
// last criterion) wrapped both again.
func (s Model) previewLines() []string {
	if s.memo == nil {
		return s.drawPreviews()
	}
	row := s.sheet.Row()
	k := memoKey(strconv.Itoa(s.width), strconv.FormatBool(s.compact()), row, s.sheet.Feedback[row], s.sheet.Feedback[review.OverallKey])
	return s.memo.prev.get(k, s.drawPreviews)
}

// warningLines are drawWarnings' lines, drawn again only when the width
// or the warnings (review.FeedbackWarnings, cheap to work out) changed.
func (s Model) warningLines() []string {
	ws := review.FeedbackWarnings(s.sheet.Rubric, s.sheet.Levels, s.sheet.Feedback)
	if s.memo == nil {
		return s.drawWarnings(ws)
	}
	parts := []string{strconv.Itoa(s.width)}
	for _, w := range ws {
		parts = append(parts, w.Criterion, w.Message)
	}
	k := memoKey(parts...)
	return s.memo.warn.get(k, func() []string { return s.drawWarnings(ws) })
}
