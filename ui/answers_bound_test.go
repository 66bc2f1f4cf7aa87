package ui_test

import (
	"slices"
	"testing"

	"assessor/ui"
)

// TestAnswerFramingIsUnbound: the keys a late terminal answer leaves
// behind once its body is dropped (answers.go) do nothing on any screen.
func TestAnswerFramingIsUnbound(t *testing.T) {
	bound := boundKeyNames(t)
	for _, k := range ui.AnswerFraming {
		if slices.Contains(bound, k) {
			t.Errorf("%q is bound to a command: a late terminal answer would run it", k)
		}
	}
}
