package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"assessor/review"
)

// checkReason refuses a --reason before the store is opened, so a mistake
// costs no lock: blank with missing, the command's own line, and one over
// review.MaxReason characters naming the flag.
func checkReason(reason string, missing error) error {
	_, err := review.Reason(reason)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, review.ErrNoReason):
		return missing
	default:
		return fmt.Errorf("--reason: %w", err)
	}
}

// errNeedsReason is the one-line refusal of cmd without a reason, for the
// commands whose reason goes only to the audit log.
func errNeedsReason(cmd *cobra.Command) error {
	return fmt.Errorf("%s needs --reason: say why; it goes to the audit log", commandName(cmd))
}
