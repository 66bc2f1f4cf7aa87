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
	perm := ImportPermutation(len(recs), func(i int) (string, Rank) { return recs[i].Rank() })
	if perm == nil {
		return recs
	}
	out := make([]Record, len(recs))
	for i, j := range perm {
		out[i] = recs[j]
	}
	return out
}

// ImportPermutation is ImportOrder for n items known only by their
// application and rank (an import file's index holds no records): the
// item at place i of the import order is perm[i]. It is nil when the
// items are already in that order.
func ImportPermutation(n int, rank func(i int) (string, Rank)) []int {
	last := map[string]Rank{}
	ordered := true
	for i := range n {
		app, r := rank(i)
		if prev, ok := last[app]; ok && r.before(prev) {
			ordered = false
			break
		}
		last[app] = r
	}
	if ordered {
		return nil
	}
	places := map[string][]int{}
	for i := range n {
		app, _ := rank(i)
		places[app] = append(places[app], i)
	}
	perm := make([]int, n)
	for _, at := range places {
		group := append([]int(nil), at...)
		sort.SliceStable(group, func(a, b int) bool {
			_, ra := rank(group[a])
			_, rb := rank(group[b])
			return ra.before(rb)
		})
		for j, i := range at {
			perm[i] = group[j]
		}
	}
	return perm
}

// Rank orders the records of one application.
type Rank struct {
	Attempt  int
	Decision bool
}

func (r Rank) before(o Rank) bool {
	if r.Attempt != o.Attempt {
		return r.Attempt < o.Attempt
	}
	return !r.Decision && o.Decision
}

// Rank is the record's application and its place among that application's
// records; a record with neither kind set ranks first under "".
func (r Record) Rank() (string, Rank) {
	switch {
	case r.Submission != nil:
		return r.Submission.Application, Rank{Attempt: r.Submission.Attempt}
	case r.Decision != nil:
		return r.Decision.Application, Rank{Attempt: r.Decision.Attempt, Decision: true}
	}
	return "", Rank{}
}
