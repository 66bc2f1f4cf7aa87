package review

import (
	"errors"
	"fmt"
	"testing"
)

// TestErrorLine: only an error that is a whole positioned error prints
// bare; wrapped in more words, or any other error, it reads "assessor: …".
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
	} {
		if got := ErrorLine(c.err); got != c.want {
			t.Errorf("ErrorLine(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}
