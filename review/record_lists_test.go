package review

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// TestParseLineRefusesLongListsEarly: a line past a bound of a list or map
// (a candidate's fields and their values, the parts, a part's files) is
// refused for what a reader of the line costs, not for the Go values of
// every item: decoded whole first, a 60 MB line of empty objects took 3 GB
// to refuse, some 50 bytes for each 3 of the line.
func TestParseLineRefusesLongListsEarly(t *testing.T) {
	const size = 4 << 20
	sub := `{"type":"submission","application":"A-1","credential":"c","attempt":1,"submitted_at":"2024-02-01T10:00:00Z",`
	part := `"parts":[{"title":"Part 1","text":"x"}],`
	tests := []struct {
		name, head, item, tail, want string
	}{
		{"a candidate's value of empty objects", sub + part + `"candidate":{"x":[`, `{},`, `{}]}}`, "candidate: x: must be a string"},
		{"a candidate of many fields", sub + part + `"candidate":{`, `"k%":"",`, `"k":""}}`, "fields, over the limit of 50"},
		{"a candidate of many nulls", sub + part + `"candidate":{`, `"k%":null,`, `"k":null}}`, "fields, over the limit of 50"},
		{"empty parts", sub + `"parts":[`, `{},`, `{}]}`, "parts, over the limit of 100"},
		{"null parts", sub + `"parts":[`, `null,`, `null]}`, "parts, over the limit of 100"},
		{"files of empty objects", sub + `"parts":[{"title":"Part 1","text":"x","files":[`, `{},`, `{}]}]}`, "parts.files: each value must be text, not an object"},
		{"files of empty names", sub + `"parts":[{"title":"Part 1","text":"x","files":[`, `"",`, `""]}]}`, `parts[0].files[0]: "": must be a file name`},
		{"files of hidden characters", sub + `"parts":[{"title":"Part 1","text":"x","files":[`, `"\u001b",`, `"a"]}]}`, `parts[0].files[0]: "\x1b": holds control`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(tt.head)
			for i := 0; b.Len() < size; i++ {
				// A key of its own for each field: one given twice is refused
				// for that, after the line decodes.
				b.WriteString(strings.Replace(tt.item, "%", strconv.Itoa(i), 1))
			}
			b.WriteString(tt.tail)
			line := []byte(b.String())
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := ParseLine(1, line)
			runtime.ReadMemStats(&after)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			// Reading the line takes a few times its size (a Decoder's
			// buffer); building its items took 25 to 110 times.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10*uint64(len(line)) {
				t.Errorf("refusing a %d KiB line allocated %d KiB, %.0f times the line", len(line)>>10, alloc>>10, float64(alloc)/float64(len(line)))
			}
		})
	}
}
