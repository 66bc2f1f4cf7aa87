package review

import (
	"reflect"
	"strings"
	"testing"
)

// TestShiftLeaks: once a name is replaced by its marker, the flags after
// it still mark what they marked, one overlapping it is gone, and flags in
// another place do not move.
func TestShiftLeaks(t *testing.T) {
	text := "By Dana Ruiz, see k@x.org and Ruiz Hall."
	span := func(s, kind string) Leak {
		i := strings.Index(text, s)
		return Leak{Part: 0, Start: i, End: i + len(s), Kind: kind}
	}
	replaced := []Leak{span("Dana Ruiz", LeakCandidateName), {Part: 1, Start: 0, End: 4, Kind: LeakCandidateName}}
	before, email, hall := span("By", LeakListedName), span("k@x.org", LeakEmail), span("Ruiz Hall", LeakListedName)
	overlap := span("Ruiz,", LeakCandidateName)
	title := Leak{Part: 0, Title: true, Start: 20, End: 24, Kind: LeakEmail}
	got := ShiftLeaks([]Leak{before, email, overlap, hall, title}, replaced)
	after := ReplaceSpans(text, replaced[:1])
	if len(got) != 4 || got[0] != before || after[got[1].Start:got[1].End] != "k@x.org" ||
		after[got[2].Start:got[2].End] != "Ruiz Hall" || !reflect.DeepEqual(got[3], title) {
		t.Errorf("shifted %+v in %q", got, after)
	}

	more := []Leak{span("Ruiz", LeakCandidateName), span("Ruiz Hall", LeakCandidateName), {Part: 0, Title: true, Start: 3, End: 7}}
	if added := AddSpans(replaced, more); !reflect.DeepEqual(added, append(replaced[:2:2], more[1:]...)) {
		t.Errorf("AddSpans = %+v", added)
	}
	// A later match over an earlier one, and past it, takes its place.
	wider := Leak{Part: 0, Start: replaced[0].Start, End: replaced[0].End + len(", see"), Kind: LeakCandidateName}
	if added := AddSpans(replaced, []Leak{wider}); !reflect.DeepEqual(added, []Leak{replaced[1], wider}) {
		t.Errorf("AddSpans, wider = %+v", added)
	}
}
