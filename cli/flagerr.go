package cli

import (
	"errors"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// pflag says a flag's bad value as Go's parser does (`invalid argument "x"
// for "--version" flag: strconv.ParseInt: parsing "x": invalid syntax`);
// flagValueError says what the flag wants instead, as the command's own
// checks do (`--version "x": want a whole number`).
var badFlagValue = regexp.MustCompile(`^invalid argument (".*") for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)

// flagValueError rewrites a bad flag value's error; others pass as they are.
func flagValueError(_ *cobra.Command, err error) error {
	m := badFlagValue.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	value, flag, why := m[1], m[2], m[3]
	switch {
	case strings.Contains(why, "value out of range"):
		why = "out of range"
	case strings.Contains(why, "strconv.ParseInt"), strings.Contains(why, "strconv.ParseUint"):
		why = "want a whole number"
	case strings.Contains(why, "strconv.ParseFloat"):
		why = "want a number"
	case strings.Contains(why, "strconv.ParseBool"):
		why = "want true or false"
	case strings.HasPrefix(why, "time: "):
		why = "want a duration such as 45m, 2h or 1h30m"
	}
	return errors.New(flag + " " + value + ": " + why)
}

// refuseEmpty refuses a filter flag given empty (--since "$SINCE" with
// SINCE unset): read as not given, it silently filtered nothing, and a
// script got every month's figures as one month's.
func refuseEmpty(cmd *cobra.Command, flags ...string) error {
	for _, name := range flags {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed && strings.TrimSpace(f.Value.String()) == "" {
			return errors.New("--" + name + " is empty: give a value, or leave --" + name + " out")
		}
	}
	return nil
}
