package review

import (
	"testing"
	"unicode/utf8"
)

// TestHandlesAreWholeCharacters: the user-name forms of a name whose
// initial has no Latin letter to type it as (李) are made of whole
// characters: the initial "as typed" is its first character, not its
// first byte.
func TestHandlesAreWholeCharacters(t *testing.T) {
	for _, f := range handles("李", "Anderson") {
		if !utf8.ValidString(f) {
			t.Errorf("handle form %q is not valid UTF-8", f)
		}
	}
}
