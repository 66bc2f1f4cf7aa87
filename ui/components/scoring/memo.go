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
	topKey, descKey, warnKey string
	top, warn                []string
	prevKey                  string
	prev                     []string         // the feedback previews
	descParts                descriptors      // drawn for descKey
	descOK                   bool             // the criterion has descriptors
	desc                     map[int][]string // descParts fitted, by room
	descN, prevN             int              // descriptors and previews drawn, for the tests
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
	k := memoKey(strconv.Itoa(s.width), strconv.FormatBool(s.compact()), strconv.Itoa(s.sheet.Cursor()),
		s.levelsKey(), strings.Join(s.sheet.MissingFeedback(), ","), s.notice, s.info)
	if s.memo == nil {
		return s.drawTop()
	}
	if s.memo.top == nil || s.memo.topKey != k {
		s.memo.topKey, s.memo.top = k, slices.Clip(s.drawTop())
	}
	return s.memo.top
}

// descriptorLines are drawDescriptors' lines fitted to room, drawn again
// only when the size, the selected criterion or its level changed; the
// fitted lines are kept for each room asked (textHeight asks for two,
// View for a third).
func (s Model) descriptorLines(room int) []string {
	if s.memo == nil {
		d, ok := s.drawDescriptors()
		if !ok {
			return nil
		}
		return d.fit(room)
	}
	row := s.sheet.Row()
	k := memoKey(strconv.Itoa(s.width), strconv.FormatBool(s.compact()), row, s.sheet.Levels[row])
	if s.memo.descKey != k || s.memo.desc == nil {
		s.memo.descN++
		d, ok := s.drawDescriptors()
		s.memo.descKey, s.memo.descParts, s.memo.descOK, s.memo.desc = k, d, ok, map[int][]string{}
	}
	lines, ok := s.memo.desc[room]
	if !ok {
		if s.memo.descOK {
			lines = slices.Clip(s.memo.descParts.fit(room))
		}
		s.memo.desc[room] = lines
	}
	return lines
}

// previewLines are drawPreviews' lines, drawn again only when the size,
// the selected criterion or either feedback shown changed: every message
// that leaves them alone (a draft saved, a lease renewed, a level on the
// last criterion) wrapped both again.
func (s Model) previewLines() []string {
	row := s.sheet.Row()
	k := memoKey(strconv.Itoa(s.width), strconv.FormatBool(s.compact()), row, s.sheet.Feedback[row], s.sheet.Feedback[review.OverallKey])
	if s.memo == nil {
		return s.drawPreviews()
	}
	if s.memo.prev == nil || s.memo.prevKey != k {
		s.memo.prevN++
		s.memo.prevKey, s.memo.prev = k, slices.Clip(s.drawPreviews())
	}
	return s.memo.prev
}

// warningLines are drawWarnings' lines, drawn again only when the width
// or the warnings (review.FeedbackWarnings, cheap to work out) changed.
func (s Model) warningLines() []string {
	ws := review.FeedbackWarnings(s.sheet.Rubric, s.sheet.Levels, s.sheet.Feedback)
	parts := []string{strconv.Itoa(s.width)}
	for _, w := range ws {
		parts = append(parts, w.Criterion, w.Message)
	}
	k := memoKey(parts...)
	if s.memo == nil {
		return s.drawWarnings(ws)
	}
	if s.memo.warn == nil || s.memo.warnKey != k {
		s.memo.warnKey, s.memo.warn = k, slices.Clip(s.drawWarnings(ws))
		if s.memo.warn == nil {
			s.memo.warn = []string{}
		}
	}
	return s.memo.warn
}
