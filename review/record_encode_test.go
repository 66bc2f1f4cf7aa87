package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// The two example lines of docs/formats.md §2, joined onto one line each.
const (
	exampleSubmission = `{"type":"submission","application":"A-1001","credential":"descriptive-feedback","attempt":1,` +
		`"started_at":"2024-01-10T00:00:00Z","submitted_at":"2024-02-01T10:00:00Z",` +
		`"candidate":{"name":"Dana Ruiz","email":"dana@example.org","district":"Hilo","state":"HI"},` +
		`"parts":[{"title":"Part 1: Overview questions","text":"..."},` +
		`{"title":"Part 2: Artifacts","text":"...","files":["lesson-plan.pdf"]}],` +
		`"note":"What I changed since attempt 1 ..."}`
	exampleDecision = `{"type":"decision","application":"A-1001","attempt":1,"reviewer":"rev-07",` +
		`"decided_at":"2024-02-12T09:00:00Z","outcome":"resubmit",` +
		`"levels":{"C1":"meets","C2":"not-yet","C3":"meets"},` +
		`"feedback":{"C2":"Your artifact shows ...","overall":"..."}}`
)

func TestMarshalJSONLFormatsExample(t *testing.T) {
	for _, line := range []string{exampleSubmission, exampleDecision} {
		rec, err := ParseLine(1, []byte(line))
		if err != nil {
			t.Fatalf("ParseLine: %v", err)
		}
		got, err := rec.MarshalJSONL()
		if err != nil {
			t.Fatalf("MarshalJSONL: %v", err)
		}
		// The encoder keeps the contract's field order, so the line comes
		// back byte for byte.
		if string(got) != line {
			t.Errorf("re-encoded line differs\n got: %s\nwant: %s", got, line)
		}
		var a, b any
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(line), &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("re-encoded JSON not equivalent\n got: %v\nwant: %v", a, b)
		}
	}
}

func TestMarshalJSONLRoundTrip(t *testing.T) {
	start := time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)
	recs := []Record{
		{Line: 1, Submission: &Submission{
			Application: "A-1", Credential: "cred", Attempt: 2,
			StartedAt: start, SubmittedAt: start.Add(36*time.Hour + 500*time.Millisecond),
			Candidate: &Candidate{Name: "Kai <Li> & co", Email: "kai@example.org", Extra: map[string]string{"educator_id": "ED-1", "zone": "b"}},
			Parts:     []EvidencePart{{Title: "Part 1: X", Text: "line one\n\n\"quoted\" \u00e9 <b>"}, {Title: "Part 2: Y", Text: "", Files: []string{"a.pdf", "b.pdf"}}},
			Note:      "What I changed",
		}},
		{Line: 2, Submission: &Submission{Application: "A-2", Credential: "cred", Attempt: 1, SubmittedAt: start, Parts: []EvidencePart{{Title: "Part 1", Text: "t"}}}},
		{Line: 3, Decision: &Decision{Application: "A-2", Attempt: 1, Reviewer: "rev-01", DecidedAt: start.Add(time.Hour), Outcome: Pass, Levels: map[string]string{"C1": "meets", "C10": "meets", "C2": "meets"}}},
	}
	for _, want := range recs {
		line, err := want.MarshalJSONL()
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(line, []byte("\n")) {
			t.Errorf("line %d contains a newline: %s", want.Line, line)
		}
		got, err := ParseLine(want.Line, line)
		if err != nil {
			t.Fatalf("ParseLine(%s): %v", line, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("round trip of line %d\n got: %+v\nwant: %+v\nline: %s", want.Line, got, want, line)
		}
	}
	line, _ := recs[0].MarshalJSONL()
	if !bytes.Contains(line, []byte(`"candidate":{"name":"Kai <Li> & co","email":"kai@example.org","educator_id":"ED-1","zone":"b"}`)) {
		t.Errorf("candidate not flat, ordered and unescaped: %s", line)
	}
	if !bytes.Contains(line, []byte(`"submitted_at":"2024-01-11T12:00:00.5Z"`)) {
		t.Errorf("fractional time lost: %s", line)
	}
}

func TestMarshalJSONLOmitsEmpty(t *testing.T) {
	r := Record{Submission: &Submission{Application: "A-2", Credential: "c", Attempt: 1,
		SubmittedAt: time.Date(2024, 2, 1, 10, 0, 0, 0, time.FixedZone("HST", -10*3600)),
		Parts:       []EvidencePart{{Title: "Part 1", Text: ""}}}}
	line, err := r.MarshalJSONL()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"submission","application":"A-2","credential":"c","attempt":1,"submitted_at":"2024-02-01T20:00:00Z","parts":[{"title":"Part 1","text":""}]}`
	if string(line) != want {
		t.Errorf("got  %s\nwant %s", line, want)
	}
}

func TestMarshalJSONLEmptyRecord(t *testing.T) {
	for _, r := range []Record{{}, {Submission: &Submission{}, Decision: &Decision{}}} {
		if _, err := r.MarshalJSONL(); !errors.Is(err, ErrEmptyRecord) {
			t.Errorf("got %v, want ErrEmptyRecord", err)
		}
	}
	var b bytes.Buffer
	if err := WriteJSONL(&b, []Record{{}}); !errors.Is(err, ErrEmptyRecord) {
		t.Errorf("WriteJSONL: got %v, want ErrEmptyRecord", err)
	}
}

func TestWriteJSONL(t *testing.T) {
	var recs []Record
	for i, line := range []string{exampleSubmission, exampleDecision} {
		r, err := ParseLine(i+1, []byte(line))
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	var b bytes.Buffer
	if err := WriteJSONL(&b, recs); err != nil {
		t.Fatal(err)
	}
	if want := exampleSubmission + "\n" + exampleDecision + "\n"; b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if strings.Count(b.String(), "\n") != 2 {
		t.Errorf("want 2 lines")
	}
}
