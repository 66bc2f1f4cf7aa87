package review

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseLineSubmission(t *testing.T) {
	line := `{"type":"submission","application":"A-1001","credential":"descriptive-feedback","attempt":1,
	 "started_at":"2024-01-10T00:00:00Z","submitted_at":"2024-02-01T10:00:00Z",
	 "candidate":{"name":"Dana Ruiz","email":"dana@example.org","district":"Hilo","state":"HI","school":"Hilo High"},
	 "parts":[{"title":"Part 1: Overview questions","text":"Hi\u001b]0;pwned\u0007 there"},
	          {"title":"Part 2: Artifacts","text":"...","files":["lesson-plan.pdf"]}],
	 "note":"What I changed"}`
	rec, err := ParseLine(3, []byte(strings.ReplaceAll(line, "\n", "")))
	if err != nil {
		t.Fatal(err)
	}
	s := rec.Submission
	if rec.Line != 3 || s == nil || s.Application != "A-1001" || s.Attempt != 1 || s.Credential != "descriptive-feedback" {
		t.Fatalf("got %+v", rec)
	}
	if s.SubmittedAt.Format("2006-01-02T15") != "2024-02-01T10" || s.StartedAt.IsZero() {
		t.Fatalf("times %v %v", s.SubmittedAt, s.StartedAt)
	}
	if s.Candidate.Name != "Dana Ruiz" || s.Candidate.State != "HI" || s.Candidate.Extra["school"] != "Hilo High" {
		t.Fatalf("candidate %+v", s.Candidate)
	}
	if s.Parts[0].Text != "Hi there" {
		t.Fatalf("evidence not sanitized: %q", s.Parts[0].Text)
	}
	if s.Parts[1].Files[0] != "lesson-plan.pdf" {
		t.Fatalf("files %v", s.Parts[1].Files)
	}
}

// TestParseLineEscapes: a surrogate pair is one character, and a \\ before
// a u escapes the backslash, so no \u escape follows it.
func TestParseLineEscapes(t *testing.T) {
	line := `{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z",` +
		`"parts":[{"title":"P","text":"\ud83d\ude00 C:\\udc80 \u00e9\\"}]}`
	rec, err := ParseLine(1, []byte(line))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rec.Submission.Parts[0].Text, "\U0001F600 C:\\udc80 é\\"; got != want {
		t.Fatalf("text %q, want %q", got, want)
	}
}

func TestParseLineErrors(t *testing.T) {
	sub := `"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","parts":[{"title":"Part 1","text":"x"}]`
	dec := `"type":"decision","application":"A-1","attempt":1,"reviewer":"rev-1","decided_at":"2024-02-02T10:00:00Z","outcome":"pass","levels":{"C1":"meets"}`
	tests := []struct {
		name, line, want string
		err              error
	}{
		{"bad json", `{"type":`, "7: bad JSON", nil},
		{"latin-1 in a part's text", `{` + strings.Replace(sub, `"text":"x"`, "\"text\":\"caf\xe9\"", 1) + `}`, "7: parts[0].text: not valid UTF-8: save the file as UTF-8", ErrNotUTF8},
		{"latin-1 in a candidate's name", "{\"type\":\"submission\",\"candidate\":{\"email\":\"a@b.c\",\"name\":\"Ren\xe9e\"},\"parts\":[{\"text\":\"x\"},{\"text\":\"y\"}]}", "7: candidate.name: not valid UTF-8", ErrNotUTF8},
		{"latin-1 in a second part", "{\"type\":\"submission\",\"parts\":[{\"text\":\"x\"},{\"title\":\"P\",\"files\":[\"a.pdf\",\"\xff.pdf\"]}]}", "7: parts[1].files[1]: not valid UTF-8", ErrNotUTF8},
		{"a lone low surrogate", `{` + strings.Replace(sub, `"text":"x"`, `"text":"a\udc80b"`, 1) + `}`, `7: parts[0].text: holds a \u escape of half a UTF-16 pair, which is no character`, ErrLoneSurrogate},
		{"a high surrogate without its low half", `{` + strings.Replace(sub, `"text":"x"`, `"text":"\ud83d x"`, 1) + `}`, "7: parts[0].text: holds a", ErrLoneSurrogate},
		{"a high surrogate before another high", `{` + strings.Replace(sub, `"text":"x"`, `"text":"\ud83d\ud83d"`, 1) + `}`, "7: parts[0].text: holds a", ErrLoneSurrogate},
		{"latin-1 in feedback", `{` + dec + `,"feedback":{"C1":"ok","overall":"tr` + "\xe8" + `s bien"}}`, "7: feedback.overall: not valid UTF-8", ErrNotUTF8},
		{"two values", `{"type":"submission"} {}`, "7: bad JSON: more than one value", nil},
		{"a stray brace after", `{` + sub + `}}`, "7: bad JSON: more than one value", nil},
		{"a stray bracket after", `{` + sub + `} ]`, "7: bad JSON: more than one value", nil},
		{"started in year 1", `{` + strings.Replace(sub, `"attempt":1,`, `"attempt":1,"started_at":"0001-01-01T00:00:00Z",`, 1) + `}`, `7: started_at: "0001-01-01T00:00:00Z" is before 1970`, ErrBefore1970},
		{"started in 1969", `{` + strings.Replace(sub, `"attempt":1,`, `"attempt":1,"started_at":"1969-12-31T23:59:59Z",`, 1) + `}`, `7: started_at: "1969-12-31T23:59:59Z" is before 1970`, ErrBefore1970},
		{"no type", `{"application":"A-1"}`, "7: type: required field missing", ErrMissing},
		{"unknown type", `{"type":"badge"}`, `7: type: unknown type (want submission or decision): "badge"`, ErrUnknownType},
		{"missing application", `{` + strings.Replace(sub, `"application":"A-1",`, "", 1) + `}`, "7: application: required field missing", ErrMissing},
		{"bad id", `{` + strings.Replace(sub, `"A-1"`, `"A 1"`, 1) + `}`, `7: application: "A 1" must be 1-64 characters`, ErrBadID},
		{"attempt zero", `{` + strings.Replace(sub, `"attempt":1`, `"attempt":0`, 1) + `}`, "7: attempt: must be 1 or more", nil},
		{"attempt past the bound", `{` + strings.Replace(sub, `"attempt":1`, `"attempt":1001`, 1) + `}`, "7: attempt: 1001 is over 1000, the limit of attempts per application", nil},
		{"attempt that wraps a 4-byte key", `{"type":"decision","application":"A-1","attempt":4294967297}`, "7: attempt: 4294967297 is over 1000", nil},
		{"attempt string", `{` + strings.Replace(sub, `"attempt":1`, `"attempt":"1"`, 1) + `}`, "7: attempt: must be a whole number, not text", nil},
		{"parts a string", `{` + strings.Replace(sub, `"parts":[`, `"parts":"x","p":[`, 1) + `}`, "7: parts: must be a list, not text", nil},
		{"a level a number", `{"type":"decision","application":"A-1","attempt":1,"levels":{"C1":2}}`, "7: levels: each value must be text, not a number", nil},
		{"a list, not an object", `[1,2]`, "7: bad JSON: a line must be one object, not a list", nil},
		{"bad time", `{` + strings.Replace(sub, `2024-02-01T10:00:00Z`, `2024-02-01`, 1) + `}`, `7: submitted_at: "2024-02-01" must be an RFC 3339 time`, ErrBadTime},
		{"year before 1 in UTC", `{` + strings.Replace(sub, `2024-02-01T10:00:00Z`, `0000-01-01T00:00:00+01:00`, 1) + `}`, `7: submitted_at: "0000-01-01T00:00:00+01:00" must be an RFC 3339 time`, ErrBadTime},
		{"no parts", `{` + strings.Replace(sub, `"parts":[{"title":"Part 1","text":"x"}]`, `"parts":[]`, 1) + `}`, "7: parts: at least one part", nil},
		{"part without title", `{` + strings.Replace(sub, `"title":"Part 1",`, "", 1) + `}`, "7: parts[0].title: required field missing", ErrMissing},
		{"title of control characters only", `{` + strings.Replace(sub, `"title":"Part 1"`, `"title":"\u0001\u001b[2J "`, 1) + `}`, "7: parts[0].title: required field missing", ErrMissing},
		{"file name with a bidi override", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["a.txt","bidi\u202egpj.txt"]`, 1) + `}`,
			`7: parts[0].files[1]: "bidi\u202egpj.txt": holds control or invisible characters`, ErrFileNameChars},
		{"file name with a line break", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["c\nd.txt"]`, 1) + `}`,
			`7: parts[0].files[0]: "c\nd.txt": holds control or invisible characters`, ErrFileNameChars},
		{"file name with a tab", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["a\tb.txt"]`, 1) + `}`,
			`7: parts[0].files[0]: "a\tb.txt": holds control or invisible characters`, ErrFileNameChars},
		{"file name with an escape", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["esc\u001b[31mred.txt"]`, 1) + `}`,
			`7: parts[0].files[0]: "esc\x1b[31mred.txt": holds control or invisible characters`, ErrFileNameChars},
		// Names that could reach outside the files folder, refused
		// whether the files are read or not (--no-files).
		{"file name null", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["a.txt",null]`, 1) + `}`,
			`7: parts[0].files[1]: "": must be a file name or a relative path inside the files folder`, ErrFileName},
		{"file name empty", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":[""]`, 1) + `}`, `7: parts[0].files[0]: "": must be a file name`, ErrFileName},
		{"file name up a folder", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["unit/../../etc/passwd"]`, 1) + `}`,
			`7: parts[0].files[0]: "unit/../../etc/passwd": must be a file name`, ErrFileName},
		{"file name absolute", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["/etc/passwd"]`, 1) + `}`, `7: parts[0].files[0]: "/etc/passwd": must be a file name`, ErrFileName},
		{"file name with a backslash", `{` + strings.Replace(sub, `"text":"x"`, `"text":"x","files":["..\\a.txt"]`, 1) + `}`, `7: parts[0].files[0]: "..\\a.txt": must be a file name`, ErrFileName},
		{"candidate not string", `{` + sub + `,"candidate":{"name":3}}`, "7: candidate: name: must be a string", nil},
		{"candidate name too long", `{` + sub + `,"candidate":{"name":"` + strings.Repeat("a", MaxCandidateValue+1) + `"}}`, "7: candidate: name: over 1000 bytes, the limit of a candidate's field and its value", nil},
		{"candidate field name too long", `{` + sub + `,"candidate":{"` + strings.Repeat("k", MaxCandidateValue+1) + `":"x"}}`, "7: candidate: " + strings.Repeat("k", 40) + "…: over 1000 bytes", nil},
		{"candidate with too many fields", `{` + sub + `,"candidate":{` + manyFields(MaxCandidateFields+1) + `}}`, "7: candidate: 51 fields, over the limit of 50", nil},
		{"bad outcome", `{` + strings.Replace(dec, `"pass"`, `"maybe"`, 1) + `}`, `7: outcome: "maybe" is not pass or resubmit`, nil},
		{"missing levels", `{` + strings.Replace(dec, `,"levels":{"C1":"meets"}`, "", 1) + `}`, "7: levels: required field missing", ErrMissing},
		{"missing reviewer", `{` + strings.Replace(dec, `"reviewer":"rev-1",`, "", 1) + `}`, "7: reviewer: required field missing", ErrMissing},
		// A key given twice would keep only its last value, and JSON's
		// field names match in any case.
		{"application twice", `{` + sub + `,"application":"A-9"}`, "7: application: given twice", ErrRepeatedKey},
		{"application in another case", `{` + sub + `,"Application":"A-9"}`, "7: Application: given twice", ErrRepeatedKey},
		{"candidate name twice", `{` + sub + `,"candidate":{"name":"Alice Brown","name":"Carl Dunn"}}`, "7: candidate.name: given twice", ErrRepeatedKey},
		{"escaped key twice", `{` + sub + `,"candidate":{"email":"a@b.org","\u0065mail":"c@d.org"}}`, "7: candidate.email: given twice", ErrRepeatedKey},
		{"second part's title twice", `{` + strings.Replace(sub, `"text":"x"}]`, `"text":"x"},{"title":"P2","text":"y","title":"P3"}]`, 1) + `}`,
			"7: parts[1].title: given twice", ErrRepeatedKey},
		{"a level twice", `{` + strings.Replace(dec, `{"C1":"meets"}`, `{"C1":"meets","C2":"meets","C1":"not-yet"}`, 1) + `}`, "7: levels.C1: given twice", ErrRepeatedKey},
		// A field of the other type of line would be dropped.
		{"submission with levels", `{` + sub + `,"levels":{"C1":"meets"}}`, "7: levels: not a field of this type of line", ErrOtherTypeField},
		{"submission with a reviewer", `{` + sub + `,"reviewer":"rev-1","outcome":"pass"}`, "7: reviewer: not a field of this type of line", ErrOtherTypeField},
		{"decision with a credential", `{` + dec + `,"credential":"other"}`, "7: credential: not a field of this type of line", ErrOtherTypeField},
		{"decision with a note", `{` + dec + `,"note":""}`, "7: note: not a field of this type of line", ErrOtherTypeField},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLine(7, []byte(tt.line))
			if err == nil {
				t.Fatal("want an error")
			}
			le := &LineError{}
			if !errors.As(err, &le) {
				t.Fatalf("%v is not a *LineError", err)
			}
			le.File = "in.jsonl"
			if got := le.Error(); !strings.HasPrefix(got, "in.jsonl:"+tt.want) {
				t.Fatalf("got %q, want prefix %q", got, "in.jsonl:"+tt.want)
			}
			if tt.err != nil && !errors.Is(err, tt.err) {
				t.Fatalf("%v does not wrap %v", err, tt.err)
			}
		})
	}
}

func TestCandidateEqual(t *testing.T) {
	a := Candidate{Name: "Dana Ruiz", Email: "dana@example.org", State: "HI"}
	b := Candidate{Name: " dana ruiz", Email: "DANA@example.org", State: "HI"}
	if !a.Equal(b) {
		t.Fatal("case and space should not matter")
	}
	b.State = "CA"
	if a.Equal(b) {
		t.Fatal("different state must differ")
	}
}

// TestParseLineEmptyCandidate: a candidate without values is no candidate,
// and empty fields are dropped, as the encoder writes them.
func TestParseLineEmptyCandidate(t *testing.T) {
	base := `{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","parts":[{"title":"Part 1","text":"x"}]`
	rec, err := ParseLine(1, []byte(base+`,"candidate":{"name":"","school":""}}`))
	if err != nil || rec.Submission.Candidate != nil {
		t.Fatalf("empty candidate: %+v, %v", rec.Submission.Candidate, err)
	}
	rec, err = ParseLine(1, []byte(base+`,"candidate":{"name":"Dana Ruiz","school":""}}`))
	if err != nil || rec.Submission.Candidate.Name != "Dana Ruiz" || rec.Submission.Candidate.Extra != nil {
		t.Fatalf("empty extra kept: %+v, %v", rec.Submission.Candidate, err)
	}
}

// TestEvidenceTextBounded: an attempt's evidence text is bounded as its
// files are: the titles, texts and note together, the parts' count and a
// title's length, each refusal naming its field.
func TestEvidenceTextBounded(t *testing.T) {
	line := func(parts, note string) []byte {
		return []byte(`{"type":"submission","application":"A-1","credential":"c","attempt":1,"submitted_at":"2026-11-01T00:00:00Z","parts":[` + parts + `],"note":"` + note + `"}`)
	}
	part := func(title string, text int) string {
		return `{"title":"` + title + `","text":"` + strings.Repeat("a", text) + `"}`
	}
	half := MaxEvidenceText / 2
	many := strings.TrimSuffix(strings.Repeat(part("P", 1)+",", MaxParts+1), ",")
	for _, c := range []struct {
		name string
		data []byte
		want string // "" when it parses; the caller adds the file
	}{
		{"at the limit", line(part("P", half-1)+","+part("Q", half-1), ""), ""},
		{"texts over", line(part("P", half)+","+part("Q", half), ""), ":1: parts[1].text: the attempt's titles, texts, file names and note come to over 4 MiB, the limit per attempt"},
		{"note over", line(part("P", 1), strings.Repeat("n", MaxEvidenceText+1)), ":1: note: the attempt's titles, texts, file names and note come to over 4 MiB, the limit per attempt"},
		{"too many parts", line(many, ""), ":1: parts: 101 parts, over the limit of 100"},
		{"long title", line(part(strings.Repeat("t", MaxPartTitle+1), 1), ""), ":1: parts[0].title: 1001 bytes, over the limit of 1000"},
	} {
		_, err := ParseLine(1, c.data)
		if got := fmt.Sprint(err); c.want == "" && err != nil || c.want != "" && got != c.want {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// TestFileNamesBounded: a part's file names are laid out on the review
// screen as its text is, so they count toward the attempt's 4 MiB, and one
// name is at most MaxFileName bytes, with --no-files too (ParseLine does
// not read files): 100 names of 60,000 bytes were accepted.
func TestFileNamesBounded(t *testing.T) {
	line := func(text int, files ...string) []byte {
		names, _ := json.Marshal(files)
		return []byte(`{"type":"submission","application":"A-1","credential":"c","attempt":1,"submitted_at":"2026-11-01T00:00:00Z",` +
			`"parts":[{"title":"P","text":"` + strings.Repeat("a", text) + `"},{"title":"Q","text":"b","files":` + string(names) + `}]}`)
	}
	name := func(n int) string { return strings.Repeat("f", n-4) + ".pdf" }
	long := make([]string, 100)
	for i := range long {
		long[i] = fmt.Sprintf("%03d", i) + name(60_000)
	}
	room := MaxEvidenceText - len("P") - len("Q") - len("b")
	for _, c := range []struct {
		name string
		data []byte
		want string // "" when it parses
	}{
		{"a name at its limit", line(1, name(MaxFileName)), ""},
		{"a name over its limit", line(1, "a.pdf", name(MaxFileName+1)), ":1: parts[1].files[1]: 4097 bytes, over the limit of 4096 for a file name"},
		{"names of 60 KB", line(1, long...), ":1: parts[1].files[0]: 60003 bytes, over the limit of 4096 for a file name"},
		{"text and names at the attempt's limit", line(room-10, name(10)), ""},
		{"text and names over it", line(room-10, name(5), name(6)), ":1: parts[1].files[1]: the attempt's titles, texts, file names and note come to over 4 MiB, the limit per attempt"},
	} {
		_, err := ParseLine(1, c.data)
		if got := fmt.Sprint(err); c.want == "" && err != nil || c.want != "" && got != c.want {
			t.Errorf("%s: %.200v, want %q", c.name, err, c.want)
		}
	}
}

// TestParseLineUnknownField: a field the format does not have is refused,
// named: a misspelt "candidate" would drop the identity to be vaulted and
// redacted, a misspelt "feedback" the reviewer's words.
func TestParseLineUnknownField(t *testing.T) {
	for _, c := range []struct{ line, field string }{
		{`{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","candidat":{"name":"Dana Ruiz"},"parts":[{"title":"P","text":"I am Dana Ruiz"}]}`, "candidat"},
		{`{"type":"decision","application":"A-1","attempt":1,"reviewer":"r","decided_at":"2024-02-02T10:00:00Z","outcome":"pass","levels":{"C1":"meets"},"feedbak":{"overall":"good"}}`, "feedbak"},
		{`{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","parts":[{"titel":"P","text":"x"}]}`, "titel"},
	} {
		_, err := ParseLine(7, []byte(c.line))
		var le *LineError
		if !errors.As(err, &le) || le.Field != c.field || !errors.Is(err, ErrUnknownField) {
			t.Errorf("%s: %v; want %s: %v", c.field, err, c.field, ErrUnknownField)
		}
	}
}

// TestParseLineCandidateKeysAnyCase: the candidate's known fields are read
// whatever their case, so "Name" is vaulted and redacted as "name" is; the
// same field given twice is refused.
func TestParseLineCandidateKeysAnyCase(t *testing.T) {
	line := `{"type":"submission","application":"U-4","credential":"df","attempt":1,"submitted_at":"2026-10-01T00:00:00Z",` +
		`"parts":[{"title":"P","text":"x"}],"candidate":{"Name":"Vera Lumen","EMAIL":"vera.l@mail.com"," District ":"Kona","school":"Hilo High"}}`
	rec, err := ParseLine(1, []byte(line))
	if err != nil {
		t.Fatal(err)
	}
	c := rec.Submission.Candidate
	if c == nil || c.Name != "Vera Lumen" || c.Email != "vera.l@mail.com" || c.District != "Kona" || c.Extra["school"] != "Hilo High" || len(c.Extra) != 1 {
		t.Errorf("candidate %+v", c)
	}
	twice := strings.Replace(line, `"school"`, `"name"`, 1)
	if _, err := ParseLine(1, []byte(twice)); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("name twice: %v", err)
	}
}

// manyFields is n JSON members "f0":"v", "f1":"v", ….
func manyFields(n int) string {
	f := make([]string, n)
	for i := range f {
		f[i] = fmt.Sprintf(`"f%d":"v"`, i)
	}
	return strings.Join(f, ",")
}

// TestIDLengthBound: ids are 1–64 characters (docs/formats.md): 64 is
// taken, 65 refused as ErrBadID.
func TestIDLengthBound(t *testing.T) {
	if id := strings.Repeat("a", 64); !ValidID(id) {
		t.Errorf("a 64-character id is refused")
	}
	if id := strings.Repeat("a", 65); ValidID(id) {
		t.Errorf("a 65-character id is taken")
	}
	line := `{"type":"submission","application":"` + strings.Repeat("A", 65) + `","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","parts":[{"title":"Part 1","text":"x"}]}`
	if _, err := ParseLine(7, []byte(line)); !errors.Is(err, ErrBadID) {
		t.Errorf("ParseLine with a 65-character application = %v, want %v", err, ErrBadID)
	}
}

// TestParseLineSanitizesFeedbackAndNote: an imported decision's feedback
// and a submission's note are sanitized as parts' texts are: a terminal
// escape in them must not reach `assessor export feedback` (stdout) or a
// reviewer's screen.
func TestParseLineSanitizesFeedbackAndNote(t *testing.T) {
	dec := `{"type":"decision","application":"A-1","attempt":1,"reviewer":"rev-1","decided_at":"2024-02-02T10:00:00Z","outcome":"resubmit","levels":{"C1":"not-yet"},"feedback":{"C1":"Name the target \u001b]0;pwned\u0007 in each \u001b[2Jcomment."}}`
	rec, err := ParseLine(7, []byte(dec))
	if err != nil {
		t.Fatal(err)
	}
	if fb := rec.Decision.Feedback["C1"]; fb != "Name the target  in each comment." {
		t.Errorf("feedback %q, want it sanitized", fb)
	}
	sub := `{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00Z","parts":[{"title":"Part 1","text":"x"}],"note":"I changed \u001b[2Jit."}`
	if rec, err = ParseLine(7, []byte(sub)); err != nil {
		t.Fatal(err)
	}
	if n := rec.Submission.Note; n != "I changed it." {
		t.Errorf("note %q, want it sanitized", n)
	}
}
