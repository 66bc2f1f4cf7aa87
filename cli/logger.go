package cli

import (
	"io"

	"github.com/charmbracelet/log"
	"github.com/muesli/termenv"
)

// newLogger is charmbracelet/log's logger on w, in w's colours, made
// without asking the terminal anything. log's own renderer for a terminal
// asks for its foreground and background colours (OSC 10 and 11) as it is
// made, which stalled demo and serve 10 s on a terminal that never
// answers; its styles use fixed colours, so the answers were never needed.
func newLogger(w io.Writer, opts log.Options) *log.Logger {
	l := log.NewWithOptions(struct{ io.Writer }{w}, opts) // not an *os.File: nothing to ask
	l.SetColorProfile(termenv.NewOutput(w).EnvColorProfile())
	return l
}
