package common

import (
	"os"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"

	"assessor/ui/components/markdown"
	"assessor/ui/styles"
)

// Common is what every screen of the reviewer program shares: the door to
// the store, who is reviewing, the clock, styles and the rubric rendering
// cache. The program's root model owns it; screens keep a pointer and only
// read it, except MD, which is only written from Update.
type Common struct {
	Backend    Backend         // the door to the store
	Reviewer   string          // who is reviewing
	Now        Clock           // the clock, never nil
	DraftDelay time.Duration   // the pause after an edit before the draft is saved
	Styles     *styles.Styles  // the program's styles, on its renderer
	MD         *markdown.Cache // rubric renderings, written only from Update

	// NoExternalEditor is Options.NoExternalEditor.
	NoExternalEditor bool
	// Mode is Options.Mode.
	Mode string
	// Ended is Options.Ended.
	Ended <-chan struct{}
	// Reword is Options.Reword, never nil.
	Reword func(error) error
}

// New fills in opt's defaults (time.Now, DefaultDraftDelay, the default
// renderer) and returns the shared context for reviewer on b.
func New(b Backend, reviewer string, opt Options) *Common {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.DraftDelay <= 0 {
		opt.DraftDelay = DefaultDraftDelay
	}
	if opt.Reword == nil {
		opt.Reword = func(err error) error { return err }
	}
	st := NewStyles(opt)
	return &Common{
		Backend:          b,
		Reviewer:         reviewer,
		Now:              opt.Now,
		DraftDelay:       opt.DraftDelay,
		Styles:           st,
		MD:               NewMarkdown(opt, st),
		NoExternalEditor: opt.NoExternalEditor,
		Mode:             opt.Mode,
		Ended:            opt.Ended,
		Reword:           opt.Reword,
	}
}

// Tick is tea.Tick of msg, d from now, that gives up when the program
// has ended (Ended). Bubble Tea cannot stop a command: a tick of ten
// minutes (a lease's renewal) kept its goroutine, the ended program and
// its whole screen, evidence and all, in a server's memory until it fired.
func (c *Common) Tick(d time.Duration, msg tea.Msg) tea.Cmd {
	ended := c.Ended // only the channel: the closure must not hold c
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return msg
		case <-ended:
			return nil
		}
	}
}

// Calibrating reports whether the program scores calibration examples
// rather than live attempts.
func (c *Common) Calibrating() bool { return c.Mode == ModeCalibration }

// NewStyles builds the styles opt asks for: its renderer (the default one
// when nil) and its NoColor.
func NewStyles(opt Options) *styles.Styles { return styles.New(renderer(opt), opt.NoColor) }

// NewMarkdown is a rubric rendering cache for opt's terminal, in st's
// glamour style: the review and adjudication screens render alike.
func NewMarkdown(opt Options, st *styles.Styles) *markdown.Cache {
	return markdown.New(st.GlamourStyle, renderer(opt).ColorProfile()).WithDrawable(Drawable)
}

// renderer is opt.Renderer, or one on stdout: lipgloss's default, or with
// NoColor noColorRenderer.
func renderer(opt Options) *lipgloss.Renderer {
	switch {
	case opt.Renderer != nil:
		return opt.Renderer
	case opt.NoColor:
		return noColorRenderer()
	}
	return lipgloss.DefaultRenderer()
}

// noColorRenderer renders on stdout with the terminal's own profile even
// when NO_COLOR is set, which lipgloss's default renderer reads as "plain
// text": NO_COLOR asks for no colour, and the NoColor styles carry none,
// but bold, reverse video and faint are what show the selection then.
var noColorRenderer = sync.OnceValue(func() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(os.Stdout)
	p := termenv.NewOutput(os.Stdout).ColorProfile()
	if p == termenv.Ascii && AttributesOnly() {
		p = termenv.ANSI // the NoColor styles carry no colour: only attributes
	}
	r.SetColorProfile(p)
	return r
})

// AttributesOnly reports whether stdout is a terminal that termenv gives
// no colour (TERM=screen, vt100, tmux: its Ascii profile) but that draws
// bold and reverse video, as every terminal but a dumb one does. Drawn
// without any attribute, a text field's cursor (reverse video) did not
// show there; such a terminal is drawn as under NO_COLOR instead.
func AttributesOnly() bool {
	t := os.Getenv("TERM")
	// EnvColorProfile: CLICOLOR_FORCE asks for colour, as over ssh.
	return t != "" && t != "dumb" && term.IsTerminal(os.Stdout.Fd()) &&
		termenv.NewOutput(os.Stdout).EnvColorProfile() == termenv.Ascii
}
