package review

import (
	"fmt"
	"slices"
	"strings"
)

// LeakNotes turns an attempt's leaks into the lines a reviewer sees, one per
// place, e.g. "possible identifying detail in part 2 (email, phone)". They
// say where and what kind, never the matched text. Parts are numbered from
// their titles ("Part 2: …"), or by position when a title has no number.
func LeakNotes(parts []EvidencePart, leaks []Leak) []string {
	type place struct {
		part, file    int
		inFile, title bool
	}
	var order []place
	kinds := map[place][]string{}
	for _, l := range leaks {
		p := place{l.Part, l.File, l.Attachment, l.Title}
		if _, ok := kinds[p]; !ok {
			order = append(order, p)
		}
		k := LeakKindLabel(l.Kind)
		if !slices.Contains(kinds[p], k) {
			kinds[p] = append(kinds[p], k)
		}
	}
	out := make([]string, 0, len(order))
	for _, p := range order {
		where := LeakPlaceOf(parts, Leak{Part: p.part, File: p.file, Attachment: p.inFile, Title: p.title}, leaks)
		out = append(out, fmt.Sprintf("possible identifying detail in %s (%s)", where, strings.Join(kinds[p], ", ")))
	}
	return out
}

// LeakPlace names where a leak is: "part 2", "a file name of part 2" or
// "the resubmission note".
func LeakPlace(parts []EvidencePart, part, file int) string {
	if part < 0 {
		return "the resubmission note"
	}
	n := part + 1
	if part < len(parts) {
		if pn := PartNumber(parts[part].Title); pn > 0 {
			n = pn
		}
	}
	if file > 0 {
		return fmt.Sprintf("a file name of part %d", n)
	}
	return fmt.Sprintf("part %d", n)
}

// LeakPlaceOf names where l is, as LeakPlace does, a title as "the title
// of part 2", and for a leak inside a file's text names the file: "part 2,
// file lesson-plan.pdf". A file whose name itself holds a leak (one of
// all) is named by position instead, "part 2, file 1", so the note never
// repeats an identifying name.
func LeakPlaceOf(parts []EvidencePart, l Leak, all []Leak) string {
	if l.Title && l.Part >= 0 {
		return "the title of " + LeakPlace(parts, l.Part, 0)
	}
	if !l.Attachment || l.Part < 0 {
		return LeakPlace(parts, l.Part, l.File)
	}
	where := LeakPlace(parts, l.Part, 0)
	name := ""
	if l.Part < len(parts) && l.File >= 1 && l.File <= len(parts[l.Part].Files) {
		name = Sanitize(parts[l.Part].Files[l.File-1])
	}
	for _, o := range all {
		if o.Part == l.Part && o.File == l.File && !o.Attachment {
			name = ""
		}
	}
	if name == "" || strings.ContainsAny(name, "\n\t") {
		return fmt.Sprintf("%s, file %d", where, l.File)
	}
	return where + ", file " + name
}

// LeakKindLabel is a kind in words: "email", "phone", "name", "school or
// district name", "identity detail".
func LeakKindLabel(kind string) string {
	switch kind {
	case LeakCandidateEmail, LeakEmail:
		return "email"
	case LeakPhone:
		return "phone"
	case LeakCandidateName:
		return "name"
	case LeakListedName:
		return "school or district name"
	case LeakCandidateDetail:
		return "identity detail"
	}
	return kind
}

// LeakParts counts the distinct places (parts, the note) that hold a leak:
// the queue's flag count.
func LeakParts(leaks []Leak) int {
	seen := map[int]bool{}
	for _, l := range leaks {
		seen[l.Part] = true
	}
	return len(seen)
}
