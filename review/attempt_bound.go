package review

import (
	"errors"
	"fmt"
)

// MaxAttempt bounds an attempt's number. The store keys an attempt by a
// 4-byte number, so a larger one would wrap onto another attempt (2^32+1
// onto 1); and each attempt after the first needs the one before decided
// resubmit inside a six-month window, so a thousand is past any real
// application.
const MaxAttempt = 1000

// CheckAttempt refuses an attempt number outside 1 to MaxAttempt, where
// one enters from outside (an import line, a record handed to the store).
func CheckAttempt(n int) error {
	switch {
	case n < 1:
		return errors.New("must be 1 or more")
	case n > MaxAttempt:
		return fmt.Errorf("%d is over %d, the limit of attempts per application", n, MaxAttempt)
	}
	return nil
}
