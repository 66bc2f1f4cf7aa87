package review

import "slices"

// SamePlace reports whether a and b are spans of one text: the same part,
// and the same title, text, file name or file text of it.
func SamePlace(a, b Leak) bool {
	return a.Part == b.Part && a.File == b.File && a.Title == b.Title && a.Attachment == b.Attachment
}

// ShiftLeaks returns leaks (flags on texts) as they fall once the spans
// replaced in those texts became their markers (ReplaceSpans): a flag
// after a replaced span moves by the difference in length, a flag that
// overlaps one is gone with the text it marked.
func ShiftLeaks(leaks, replaced []Leak) []Leak {
	var out []Leak
	for _, l := range leaks {
		delta, gone := 0, false
		for _, r := range replaced {
			switch {
			case !SamePlace(l, r) || r.Start >= l.End:
			case r.End <= l.Start:
				delta += len(RedactionMark(r.Kind)) - (r.End - r.Start)
			default:
				gone = true
			}
		}
		if !gone {
			l.Start, l.End = l.Start+delta, l.End+delta
			out = append(out, l)
		}
	}
	return out
}

// AddSpans returns spans with each of more added: one inside a span
// already there adds nothing; one that overlaps others takes their place,
// widened to cover them ("Dana" then "Dana Halvor-\nsen", when a later
// release reads the name broken at a line's end).
func AddSpans(spans, more []Leak) []Leak {
	out := slices.Clone(spans)
	for _, m := range more {
		inside := false
		kept := out[:0]
		for _, s := range out {
			switch {
			case !SamePlace(s, m) || m.Start >= s.End || s.Start >= m.End:
				kept = append(kept, s)
			case s.Start <= m.Start && m.End <= s.End:
				inside = true
				kept = append(kept, s)
			default:
				m.Start, m.End = min(m.Start, s.Start), max(m.End, s.End)
			}
		}
		out = kept
		if !inside {
			out = append(out, m)
		}
	}
	return out
}
