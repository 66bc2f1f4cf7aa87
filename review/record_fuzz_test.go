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
		if !reflect.DeepEqual(rec.Canonical(), again.Canonical()) {
			t.Fatalf("round trip changed the record:\n in: %+v\nout: %+v", rec, again)
		}
	})
}
