package cli

import (
	"strings"
	"testing"
)

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

// TestWholeNumberFlagsAreDecimal: a number flag reads what a lead types in
// base 10, so a leading zero is no octal and 0x is no number at all.
func TestWholeNumberFlagsAreDecimal(t *testing.T) {
	db := storeWithKnownRubrics(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"rubrics", "show", "df", "--version", "010"}, `rubric df version 10: not found`},
		{[]string{"rubrics", "show", "df", "--version", "0x1"}, `--version "0x1": want a whole number`},
		{[]string{"gen", "--applications", "0b11", "--db", t.TempDir() + "/g.db"}, `--applications "0b11": want a whole number`},
		{[]string{"config", "fairness", "--min-group", "1_0"}, `--min-group "1_0": want a whole number`},
	} {
		_, err := run(t, "", append(tc.args, "--db", db)...)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.want)
		}
	}
	out, err := run(t, "", "rubrics", "show", "df", "--version", "01", "--db", db)
	if err != nil || !strings.Contains(out, "version 1") {
		t.Errorf("--version 01: %v\n%s", err, out)
	}
}
