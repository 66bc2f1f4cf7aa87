package review

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestImportRefusesTimesThatAreNotRFC3339: docs/formats.md reads times as
// RFC 3339. Go's own parser also takes a one-digit hour, a comma before
// the fraction and offsets of 24 hours or 60 minutes, the last silently
// moving an instant (a "+23:60" offset put a 1 March submission on 29
// February, in another report month); each is refused naming its field.
func TestImportRefusesTimesThatAreNotRFC3339(t *testing.T) {
	sub := `{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"TIME","parts":[{"title":"Part 1","text":"x"}]}`
	for _, bad := range []string{
		"2024-02-01T1:00:00Z",       // time-hour is 2DIGIT
		"2024-02-01T10:00:00,5Z",    // time-secfrac is "." 1*DIGIT
		"2024-02-01T10:00:00+24:00", // time-numoffset hour is 00-23
		"2024-03-01T00:30:00+23:60", // time-numoffset minute is 00-59
		"2024-02-01T10:00:00.Z",     // a fraction has a digit
		"2024-02-01 10:00:00Z",      // a space is RFC 3339's note, not its grammar
		"2024-02-01T10:00:00",       // no offset
		"2024-02-30T10:00:00Z",      // no such day
		"0000-01-01T00:00:00+01:00", // year −1 in UTC
	} {
		_, err := ParseLine(3, []byte(strings.Replace(sub, "TIME", bad, 1)))
		if !errors.Is(err, ErrBadTime) || !strings.HasPrefix(err.Error(), ":3: submitted_at: ") {
			t.Errorf("submitted_at %q: err = %v, want ErrBadTime naming submitted_at", bad, err)
		}
	}
	_, err := ParseLine(3, []byte(strings.Replace(sub, "TIME", "2016-12-31T23:59:60Z", 1)))
	if want := `:3: submitted_at: "2016-12-31T23:59:60Z" is a leap second (:60), which assessor cannot keep: write :59`; err == nil || err.Error() != want {
		t.Errorf("a leap second: %v; want %q", err, want)
	}
}

// TestImportTakesEveryRFC3339Form: RFC 3339 §5.6 lets "T" and "Z" be
// lower case; offsets and fractions of any length read as the instant.
func TestImportTakesEveryRFC3339Form(t *testing.T) {
	sub := `{"type":"submission","application":"A-1","credential":"df","attempt":1,"submitted_at":"TIME","parts":[{"title":"Part 1","text":"x"}]}`
	for s, want := range map[string]time.Time{
		"2024-02-01t10:00:00z":                time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC),
		"2024-02-01t10:00:00+01:00":           time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC),
		"2024-03-01T00:30:00+23:59":           time.Date(2024, 2, 29, 0, 31, 0, 0, time.UTC),
		"2024-02-01T10:00:00-00:00":           time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC),
		"2024-02-01T10:00:00.123456789+00:00": time.Date(2024, 2, 1, 10, 0, 0, 123456789, time.UTC),
	} {
		rec, err := ParseLine(3, []byte(strings.Replace(sub, "TIME", s, 1)))
		if err != nil {
			t.Errorf("submitted_at %q (RFC 3339): %v", s, err)
			continue
		}
		if got := rec.Submission.SubmittedAt; !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("submitted_at %q read as %v, want %v", s, got, want)
		}
	}
}
