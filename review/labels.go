package review

import "sort"

// ReviewerLabels maps every reviewer id that decided one of prev to a
// pseudonymous label: "reviewer A" for the first to appear in attempt order,
// "reviewer B" for the next, and so on ("reviewer AA" after "reviewer Z").
//
// Reviewer ids may be real names, and the screens that show an
// application's history must not reveal who scored what, so they show these
// labels instead. Labels are stable within one application only: the same
// person may be "reviewer A" on one application and "reviewer B" on
// another, which keeps a label from identifying anyone across applications.
// An empty reviewer id gets no label. prev is not modified.
func ReviewerLabels(prev []PriorAttempt) map[string]string {
	// Attempt order, not slice order, decides who is first: callers
	// document oldest first, but a label must not change if one does not.
	order := make([]PriorAttempt, len(prev))
	copy(order, prev)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Attempt.Number < order[j].Attempt.Number })

	labels := map[string]string{}
	for _, p := range order {
		id := p.Decision.Reviewer
		if _, seen := labels[id]; seen || id == "" {
			continue
		}
		labels[id] = "reviewer " + labelLetters(len(labels))
	}
	return labels
}

// labelLetters spells i in bijective base 26: 0 → "A", 25 → "Z", 26 → "AA".
func labelLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append([]byte{byte('A' + (i-1)%26)}, b...)
	}
	return string(b)
}
