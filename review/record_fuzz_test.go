package review

import (
	"bufio"
	"os"
	"reflect"
	"testing"
)

// FuzzParseLine: no input panics the import parser, and whatever it accepts
// survives an encode/parse round trip unchanged.
func FuzzParseLine(f *testing.F) {
	file, err := os.Open("../testdata/known/history.jsonl")
	if err != nil {
		f.Fatal(err)
	}
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		f.Add(append([]byte(nil), sc.Bytes()...))
	}
	file.Close()
	f.Add([]byte(`{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"2024-02-01T10:00:00.5+02:00","parts":[{"title":"Part 1","text":"a\u001b]0;x\u0007b"}],"candidate":{"name":"N","x":"y"}}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, err := ParseLine(1, line)
		if err != nil {
			return
		}
		out, err := rec.MarshalJSONL()
		if err != nil {
			t.Fatalf("accepted %q but cannot encode it: %v", line, err)
		}
		again, err := ParseLine(1, out)
		if err != nil {
			t.Fatalf("re-encoded line %q does not parse: %v", out, err)
		}
		if !reflect.DeepEqual(normalize(rec), normalize(again)) {
			t.Fatalf("round trip changed the record:\n in: %+v\nout: %+v", rec, again)
		}
	})
}

// normalize clears differences that encoding legitimately erases: empty and
// nil slices and maps, and time zones (times are written in UTC).
func normalize(r Record) Record {
	if s := r.Submission; s != nil {
		c := *s
		c.SubmittedAt, c.StartedAt = c.SubmittedAt.UTC(), c.StartedAt.UTC()
		parts := make([]EvidencePart, len(c.Parts))
		for i, p := range c.Parts {
			if len(p.Files) == 0 {
				p.Files = nil
			}
			parts[i] = p
		}
		c.Parts = parts
		if c.Candidate != nil && len(c.Candidate.Extra) == 0 {
			cc := *c.Candidate
			cc.Extra = nil
			c.Candidate = &cc
		}
		r.Submission = &c
	}
	if d := r.Decision; d != nil {
		c := *d
		c.DecidedAt = c.DecidedAt.UTC()
		if len(c.Feedback) == 0 {
			c.Feedback = nil
		}
		r.Decision = &c
	}
	return r
}
