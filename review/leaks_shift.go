package review

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

// AddSpans returns spans with each of more that overlaps none of them in
// the same place added.
func AddSpans(spans, more []Leak) []Leak {
	out := spans
	for _, m := range more {
		overlaps := false
		for _, s := range spans {
			if SamePlace(s, m) && m.Start < s.End && s.Start < m.End {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, m)
		}
	}
	return out
}
