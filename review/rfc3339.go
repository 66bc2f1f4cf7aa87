package review

import (
	"errors"
	"regexp"
	"strings"
	"time"
)

// ErrLeapSecond is an RFC 3339 time at second 60: the store keeps times
// as Go does, which has no leap seconds, and reading one as another
// instant would move it silently.
var ErrLeapSecond = errors.New("is a leap second (:60), which assessor cannot keep: write :59")

// rfc3339 is RFC 3339's date-time (§5.6) as written: time.Parse with
// time.RFC3339 also takes a one-digit hour, a comma before the fraction
// and offsets of 24 hours or 60 minutes (go.dev/issue/54580), and such
// an offset moves an instant, and its report month, without a word.
var rfc3339 = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(?:[Zz]|[+-]([01][0-9]|2[0-3]):([0-5][0-9]))$`)

// ParseTime reads an RFC 3339 date-time, in any offset, as UTC. It fails
// with ErrBadTime for anything else, and ErrLeapSecond for second 60.
func ParseTime(s string) (time.Time, error) {
	m := rfc3339.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, ErrBadTime
	}
	if m[3] == "60" {
		return time.Time{}, ErrLeapSecond
	}
	// §5.6 allows "t" and "z", which Go's layout does not.
	t, err := time.Parse(time.RFC3339, strings.ToUpper(s))
	// Times are kept in UTC, which must still be a four-digit RFC 3339 year:
	// "0000-01-01T00:00:00+01:00" parses but is year −1 in UTC.
	if err != nil || t.UTC().Year() < 1 {
		return time.Time{}, ErrBadTime
	}
	return t.UTC(), nil
}
