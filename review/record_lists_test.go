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
	dec := `{"type":"decision","application":"A-1","attempt":1,"reviewer":"r","decided_at":"2024-02-01T10:00:00Z","outcome":"pass",`
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
		{"many files", sub + `"parts":[{"title":"Part 1","text":"x","files":[`, `"f%.txt",`, `"a"]}]}`, "parts[0].files: the attempt's parts name over 1000 files, the limit per attempt"},
		{"levels of many keys", dec + `"levels":{`, `"k%":"m",`, `"k":"m"}}`, "levels: "},
		{"feedback of many keys", dec + `"levels":{"C1":"meets"},"feedback":{`, `"k%":null,`, `"k":""}}`, "feedback: "},
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
			if strings.HasSuffix(tt.want, ": ") && !strings.Contains(err.Error(), " keys, over the limit of 1000") {
				t.Fatalf("error %v, want it past the limit of keys", err)
			}
			// Reading the line takes a few times its size (a Decoder's
			// buffer); building its items took 25 to 110 times.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10*uint64(len(line)) {
				t.Errorf("refusing a %d KiB line allocated %d KiB, %.0f times the line", len(line)>>10, alloc>>10, float64(alloc)/float64(len(line)))
			}
		})
	}
}

// TestParseLineFilesInAllParts: the limit of files is the attempt's, in
// all its parts: 1,000 are taken, one more in a later part is refused
// naming that part.
func TestParseLineFilesInAllParts(t *testing.T) {
	part := func(n, from int) string {
		names := make([]string, n)
		for i := range names {
			names[i] = strconv.Quote("f" + strconv.Itoa(from+i) + ".txt")
		}
		return `{"title":"Part 1","text":"x","files":[` + strings.Join(names, ",") + `]}`
	}
	line := func(parts ...string) []byte {
		return []byte(`{"type":"submission","application":"A-1","credential":"c","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","parts":[` + strings.Join(parts, ",") + `]}`)
	}
	rec, err := ParseLine(3, line(part(600, 0), part(400, 600)))
	if err != nil {
		t.Fatalf("1000 files: %v", err)
	}
	if n := len(rec.Submission.Parts[0].Files) + len(rec.Submission.Parts[1].Files); n != 1000 {
		t.Errorf("read %d files, want 1000", n)
	}
	_, err = ParseLine(3, line(part(600, 0), part(401, 600)))
	if want := ":3: parts[1].files: the attempt's parts name over 1000 files, the limit per attempt"; err == nil || err.Error() != want {
		t.Errorf("1001 files: %v, want %q", err, want)
	}
}
