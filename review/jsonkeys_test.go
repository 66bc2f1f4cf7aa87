package review

import (
	"fmt"
	"strings"
	"testing"
)

// TestRepeatedKey: keys are told from values, whatever the strings hold,
// at any depth, in lists, and past the keys an object checks one by one.
func TestRepeatedKey(t *testing.T) {
	var many, manyTwice strings.Builder
	for i := range 40 {
		fmt.Fprintf(&many, `"k%d":%d,`, i, i)
	}
	manyTwice.WriteString(many.String() + `"K7":0,`)
	for _, tt := range []struct{ json, want string }{
		{`{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}`, ""},
		{`{"a":"}\"a\":{","b":"[\\"}`, ""},
		{`{"a":[1,[2,{"x":1}],{"x":2,"y":{"x":3}}],"b":{"c":{"d":1,"e":2,"d":3}}}`, "b.c.d"},
		{`{"p":[{"t":1},{"t":2},{"t":1,"T":2}]}`, "p[2].T"},
		{`{"a\"b":1,"a\u0022b":2}`, `a"b`},
		{`{` + many.String() + `"end":1}`, ""},
		{`{` + manyTwice.String() + `"end":1}`, "K7"},
		{`[{"a":1},{"a":1}]`, ""},
		{`{"a":1}}]`, ""}, // past the value: not read (and no panic)
	} {
		if got := repeatedKey([]byte(tt.json)); got != tt.want {
			t.Errorf("repeatedKey(%.60s…) = %q, want %q", tt.json, got, tt.want)
		}
	}
}
