package common

import (
	"time"

	"github.com/charmbracelet/lipgloss"
)

// DefaultDraftDelay is how long typing must pause before a draft is saved.
const DefaultDraftDelay = 400 * time.Millisecond

// Options tune the programs: NoColor and Renderer apply to every one, Now
// to the reviewer program and the dashboard, the rest to the reviewer
// program alone. The zero value is usable.
type Options struct {
	// Now is the clock for days-waiting figures and draft times (time.Now).
	Now Clock
	// NoColor drops every colour (main sets it from NO_COLOR).
	NoColor bool
	// Credential is the initial queue filter: a rubric id, or "" for all.
	Credential string
	// DraftDelay is the pause after an edit before the draft is saved
	// (default 400ms).
	DraftDelay time.Duration
	// Renderer is the lipgloss renderer to style with. Over SSH each
	// session passes its own (wish's bubbletea.MakeRenderer) so colours
	// match that client's terminal; nil means lipgloss.DefaultRenderer().
	Renderer *lipgloss.Renderer
	// NoExternalEditor hides the scoring panel's `E`/`O` ($EDITOR) keys.
	// Over SSH it must be set: the editor would run on the server, not on
	// the reviewer's machine, and could give them a shell there. It also
	// turns off the files overlay's opener ($ASSESSOR_OPENER, xdg-open),
	// for the same reason.
	NoExternalEditor bool
	// Mode names a queue that is not the live one, e.g. "calibration",
	// so a reviewer always knows their decisions there are not of record.
	Mode string
	// Ended, when set, is closed once the program has ended (serve closes
	// it when a session's program returns): see Common.Tick.
	Ended <-chan struct{}
	// Reword, when set, names the command an error says mends it
	// (review.Mend: "calibrate first: assessor calibrate") as the user
	// runs it: locally, with the --db and --as they gave.
	Reword func(error) error
}

// ModeCalibration is Options.Mode for `assessor calibrate`: examples
// scored blind, compared with their reference levels, never decisions.
const ModeCalibration = "calibration"
