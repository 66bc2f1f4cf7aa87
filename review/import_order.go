package review

import "sort"

// ImportOrder returns recs in the order an import applies them: file order,
// except that each application's records are sorted by attempt, a
// submission before its decision. So an export grouped by kind (every
// submission, then every decision) or sorted by date imports as one written
// attempt by attempt does. An application's records move only among the
// places its records held in the file, so a file already in that order
// comes back unchanged (the same slice) and each application is still met
// first where the file first names it. Records keep their Line for errors.
func ImportOrder(recs []Record) []Record {
	last := map[string]recordRank{}
	ordered := true
	for _, r := range recs {
		app, rank := r.rank()
		if prev, ok := last[app]; ok && rank.before(prev) {
			ordered = false
			break
		}
		last[app] = rank
	}
	if ordered {
		return recs
	}
	places := map[string][]int{}
	for i, r := range recs {
		app, _ := r.rank()
		places[app] = append(places[app], i)
	}
	out := make([]Record, len(recs))
	for _, at := range places {
		group := make([]Record, len(at))
		for j, i := range at {
			group[j] = recs[i]
		}
		sort.SliceStable(group, func(a, b int) bool {
			_, ra := group[a].rank()
			_, rb := group[b].rank()
			return ra.before(rb)
		})
		for j, i := range at {
			out[i] = group[j]
		}
	}
	return out
}

// recordRank orders the records of one application.
type recordRank struct {
	attempt  int
	decision bool
}

func (r recordRank) before(o recordRank) bool {
	if r.attempt != o.attempt {
		return r.attempt < o.attempt
	}
	return !r.decision && o.decision
}

// rank is the record's application and its place among that application's
// records; a record with neither kind set ranks first under "".
func (r Record) rank() (string, recordRank) {
	switch {
	case r.Submission != nil:
		return r.Submission.Application, recordRank{attempt: r.Submission.Attempt}
	case r.Decision != nil:
		return r.Decision.Application, recordRank{attempt: r.Decision.Attempt, decision: true}
	}
	return "", recordRank{}
}
