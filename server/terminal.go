package server

import (
	"bytes"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/x/ansi"
	"github.com/lucasb-eyer/go-colorful"
	"github.com/muesli/termenv"

	"assessor/ui"
)

// Before a screen starts, the server asks the reviewer's terminal for its
// background colour, so the styles suit a light or a dark one, as wish's
// bubbletea.MakeRenderer does. wish reads the answer through a reader it
// cannot stop: a terminal that answers nothing left the session blank
// until the reviewer pressed a key, and that key, like every key typed in
// the first second, was read as part of the answer and lost. Here one
// goroutine reads the session's input for the session's whole life
// (sessionInput); the question only looks at what arrives in its first
// moments, takes the answers out, and leaves the rest for the screen.
const (
	// answerWait is how long a session waits for the answer before its
	// screen starts as on a dark terminal (wish waits as long).
	answerWait = time.Second
	// answerRoom bounds what is read while waiting, answers or not: a
	// terminal's answers are tens of bytes, and a client that sends more
	// (answers over and over, say) only ends the wait sooner.
	answerRoom = 4 << 10
	// inputChunk is the most one read of the session takes.
	inputChunk = 4 << 10
)

// terminalQuery asks for the background colour, then for the primary
// device attributes, which nearly every terminal answers: that answer ends
// the wait, whether or not the colour came before it.
const terminalQuery = ansi.RequestBackgroundColor + ansi.RequestPrimaryDeviceAttributes

// sessionInput is a session's input as its program reads it: a goroutine
// reads the session and hands each read over, so waiting for the
// terminal's answer can end at a deadline without a read left behind.
type sessionInput struct {
	chunks chan []byte
	stop   chan struct{} // closed by close: the program has ended
	once   sync.Once
	rest   []byte // read but not yet given to the program
	err    error  // the session's read error, once chunks is closed
}

// newSessionInput starts reading r, each paste cut to ui.MaxPaste bytes:
// Bubble Tea holds a paste whole, and a client may send gigabytes.
func newSessionInput(r io.Reader) *sessionInput {
	in := &sessionInput{chunks: make(chan []byte), stop: make(chan struct{})}
	go in.pump(ui.CapPastes(r, ui.MaxPaste))
	return in
}

// pump hands what r gives over, read by read, until r fails or the
// program has ended.
func (in *sessionInput) pump(r io.Reader) {
	defer close(in.chunks)
	buf := make([]byte, inputChunk)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			select {
			case in.chunks <- bytes.Clone(buf[:n]):
			case <-in.stop:
				return
			}
		}
		if err != nil {
			in.err = err // read after chunks is closed
			return
		}
	}
}

// Read gives the program what the session sent, in order, each read
// ending on a whole character (ui.RuneCut): the start of one cut by the
// end of a read waits for its rest.
func (in *sessionInput) Read(p []byte) (int, error) {
	for len(in.rest) == 0 || ui.RuneCut(in.rest) == 0 {
		select {
		case c, ok := <-in.chunks:
			if !ok {
				if len(in.rest) > 0 {
					return in.give(p, len(in.rest)), nil // a character never finished
				}
				if in.err == nil {
					return 0, io.EOF
				}
				return 0, in.err
			}
			in.rest = append(in.rest, c...)
		case <-in.stop:
			return 0, io.EOF
		}
	}
	n := min(len(p), len(in.rest))
	if cut := ui.RuneCut(in.rest[:n]); cut > 0 {
		n = cut
	}
	return in.give(p, n), nil
}

// give copies the first n bytes of rest to p and drops them from rest.
func (in *sessionInput) give(p []byte, n int) int {
	n = copy(p, in.rest[:n])
	in.rest = in.rest[n:]
	return n
}

// close ends the reading once the program has ended.
func (in *sessionInput) close() { in.once.Do(func() { close(in.stop) }) }

// askBackground writes the query to out and reads the answers from in for
// up to wait. It reports whether the terminal is dark (true when it did
// not say). Whatever else arrived meanwhile (keys typed at once) is left
// in in for the program, in order.
func askBackground(in *sessionInput, out io.Writer, wait time.Duration) (dark bool) {
	if _, err := io.WriteString(out, terminalQuery); err != nil {
		return true
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	var got []byte
reading:
	for {
		select {
		case c, ok := <-in.chunks:
			if !ok {
				break reading // the session's input ended
			}
			got = append(got, c...)
			if _, _, done := readAnswers(got); done || len(got) > answerRoom {
				break reading
			}
		case <-deadline.C:
			break reading // no device attributes: the colour still counts if it came
		}
	}
	bg, kept, _ := readAnswers(got)
	in.rest = kept
	return isDark(bg)
}

// readAnswers takes the terminal's answers out of b: the background colour
// (OSC 11, ended by ST or BEL) and the device attributes (CSI ? … c), which
// end the wait (done). kept is b without them.
func readAnswers(b []byte) (bg string, kept []byte, done bool) {
	kept = make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, ansi.ESC)
		if i < 0 {
			kept = append(kept, b...)
			break
		}
		kept, b = append(kept, b[:i]...), b[i:]
		if body, n, ok := oscAnswer(b); ok {
			bg, b = body, b[n:]
			continue
		}
		if n, ok := da1Answer(b); ok {
			return bg, append(kept, b[n:]...), true
		}
		kept, b = append(kept, b[0]), b[1:]
	}
	return bg, kept, false
}

// oscAnswer is the colour in an answer "ESC ] 11 ; spec ST" at b's start,
// and the answer's length.
func oscAnswer(b []byte) (spec string, n int, ok bool) {
	const open = "\x1b]11;"
	if !bytes.HasPrefix(b, []byte(open)) {
		return "", 0, false
	}
	// The body runs to the first BEL or ESC; an ESC must start the ST, or
	// this is no answer (and the keys after it are not taken into one).
	body := b[len(open):]
	i := bytes.IndexAny(body, "\a\x1b")
	switch {
	case i < 0:
		return "", 0, false
	case body[i] == ansi.BEL:
		return string(body[:i]), len(open) + i + 1, true
	case i+1 < len(body) && body[i+1] == '\\':
		return string(body[:i]), len(open) + i + 2, true
	}
	return "", 0, false
}

// da1Answer is the length of a device attributes answer "CSI ? … c" at b's
// start.
func da1Answer(b []byte) (n int, ok bool) {
	if !bytes.HasPrefix(b, []byte("\x1b[?")) {
		return 0, false
	}
	for i := 3; i < len(b); i++ {
		switch c := b[i]; {
		case c == 'c':
			return i + 1, true
		case c != ';' && (c < '0' || c > '9'):
			return 0, false
		}
	}
	return 0, false
}

// isDark reads a colour spec ("rgb:1e1e/1e1e/1e1e") as wish does: dark
// below half lightness, and dark when there is none.
func isDark(spec string) bool {
	x := ansi.XParseColor(spec)
	if x == nil {
		return true
	}
	c, ok := colorful.MakeColor(x)
	if !ok {
		return true
	}
	_, _, l := c.Hsl()
	return l < 0.5
}

// sessionRenderer is the lipgloss renderer for the session's terminal:
// colours as its TERM and environment allow (none for a dumb terminal),
// and dark or light as it answered. attrsOnly is true for a terminal
// without colour that draws bold and reverse video (TERM=screen): it is
// drawn as under NO_COLOR, so a text field's cursor still shows.
func sessionRenderer(sess ssh.Session, dark bool) (r *lipgloss.Renderer, attrsOnly bool) {
	pty, _, _ := sess.Pty()
	if pty.Term == "" || pty.Term == "dumb" {
		return lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii)), false
	}
	r = lipgloss.NewRenderer(sess, termenv.WithEnvironment(sessionEnv(append(sess.Environ(), "TERM="+pty.Term))),
		termenv.WithUnsafe(), termenv.WithColorCache(true))
	r.SetHasDarkBackground(dark)
	if r.ColorProfile() == termenv.Ascii {
		r.SetColorProfile(termenv.ANSI) // the NoColor styles carry no colour: only attributes
		attrsOnly = true
	}
	return r, attrsOnly
}

// sessionEnv is the session's environment as termenv reads it.
type sessionEnv []string

func (e sessionEnv) Environ() []string { return e }

func (e sessionEnv) Getenv(k string) string {
	if k == "NO_COLOR" {
		// termenv reads NO_COLOR as plain text; the NoColor styles carry
		// no colour, but bold and reverse video show the selection, as on
		// a local terminal (ui/common's noColorRenderer).
		return ""
	}
	for i := len(e) - 1; i >= 0; i-- { // the last one set wins, as TERM above
		if v, ok := strings.CutPrefix(e[i], k+"="); ok {
			return v
		}
	}
	return ""
}
