package cli

import "testing"

// TestBadFlagValues: a flag given a value of the wrong kind is refused in
// one line that names the flag and what it wants, not Go's parser's words.
func TestBadFlagValues(t *testing.T) {
	db := storeWithKnownRubrics(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"rubrics", "show", "df", "--version", "x"}, `--version "x": want a whole number`},
		{[]string{"rubrics", "show", "df", "--version", "99999999999999999999"}, `--version "99999999999999999999": out of range`},
		{[]string{"config", "consistency", "--floor", "abc"}, `--floor "abc": want a duration such as 45m, 2h or 1h30m`},
	} {
		_, err := run(t, "", append(tc.args, "--db", db)...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.want)
		}
	}
}
