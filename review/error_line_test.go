package review

import (
	"errors"
	"fmt"
	"testing"
)

// TestErrorLine: only an error that is a whole positioned error prints
// bare; wrapped in more words, or any other error, it reads "assessor: …".
// Either way it holds no control sequence and no line break.
func TestErrorLine(t *testing.T) {
	le := &LineError{File: "in.jsonl", Line: 3, Field: "attempt", Err: errors.New("must be 1 or more")}
	for _, c := range []struct {
		err  error
		want string
	}{
		{le, "in.jsonl:3: attempt: must be 1 or more"},
		{fmt.Errorf("%w", le), "in.jsonl:3: attempt: must be 1 or more"},
		{fmt.Errorf("import: %w", le), "assessor: import: in.jsonl:3: attempt: must be 1 or more"},
		{errors.New("no store"), "assessor: no store"},
		// What a message quotes is drawn safe, on one line.
		{fmt.Errorf("holds two .jsonl files, %s and %s", "a\x1b]0;PWNED\a\x1b[31m.jsonl", "b\x1b[2J\u202e.jsonl"), "assessor: holds two .jsonl files, a.jsonl and b.jsonl"},
		{errors.New("got 2: one\ntwo\tthree"), "assessor: got 2: one two three"},
	} {
		if got := ErrorLine(c.err); got != c.want {
			t.Errorf("ErrorLine(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
