package review

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkParseLine: one submission line as imports read them, with a
// candidate and four parts naming files; every import parses each line
// twice (checked, then stored).
func BenchmarkParseLine(b *testing.B) {
	var parts []string
	for i := range 4 {
		parts = append(parts, fmt.Sprintf(`{"title":"Part %d: Evidence","text":%q,"files":["plan-%d.pdf","notes/week%d.docx"]}`,
			i+1, strings.Repeat("My students set goals each week and I give feedback on them. ", 20), i, i))
	}
	line := []byte(`{"type":"submission","application":"A-1001","credential":"descriptive-feedback","attempt":1,` +
		`"started_at":"2024-01-10T09:00:00Z","submitted_at":"2024-02-01T10:00:00Z","parts":[` + strings.Join(parts, ",") + `],` +
		`"candidate":{"name":"Dana Ruiz","email":"dana.ruiz@example.org","district":"Hilo Complex Area","state":"HI","phone":"808-555-0199"}}`)
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseLine(1, line); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDecisionLine is ParseLine on a decision line of a
// five-criterion rubric, with feedback on two criteria and overall.
func BenchmarkParseDecisionLine(b *testing.B) {
	fb := strings.Repeat("The target is named but the comments do not use it. ", 6)
	line := []byte(`{"type":"decision","application":"A-1001","attempt":1,"reviewer":"rev-07","decided_at":"2024-02-05T10:00:00Z","outcome":"resubmit",` +
		`"levels":{"C1":"meets","C2":"not-yet","C3":"meets","C4":"not-yet","C5":"meets"},` +
		`"feedback":{"C2":"` + fb + `","C4":"` + fb + `","overall":"` + fb + `"}}`)
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseLine(1, line); err != nil {
			b.Fatal(err)
		}
	}
}
