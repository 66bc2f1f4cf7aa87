package server

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"

	"assessor/review"
)

// TestReadAnswersTakesOutOnlyAnswers: the background colour and the device
// attributes are taken out of what the terminal sent, ended by ST or BEL,
// wherever they are among typed keys; the device attributes end the wait;
// anything else, an unfinished answer included, stays for the screen.
func TestReadAnswersTakesOutOnlyAnswers(t *testing.T) {
	for _, c := range []struct {
		in, bg, kept string
		done         bool
	}{
		{"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c", "rgb:ffff/ffff/ffff", "", true},
		{"j\x1b]11;rgb:1e1e/1e1e/1e1e\x07k\x1b[?1;2cq", "rgb:1e1e/1e1e/1e1e", "jkq", true},
		{"\x1b[?6c", "", "", true}, // no colour: the terminal does not say
		{"\x1b]11;rgb:ffff/ffff/ffff\x1b\\", "rgb:ffff/ffff/ffff", "", false},
		{"\x1b]11;rgb:ff", "", "\x1b]11;rgb:ff", false}, // cut: the rest is yet to come
		{"n\x1b[Ax", "", "n\x1b[Ax", false},             // an arrow key is a key
		{"\x1b[?62;c", "", "", true},
		// An unfinished answer does not swallow the keys after it, up to a
		// later ST.
		{"\x1b]11;rgb\x1b[Aj\x1b\\", "", "\x1b]11;rgb\x1b[Aj\x1b\\", false},
	} {
		bg, kept, done := readAnswers([]byte(c.in))
		if bg != c.bg || string(kept) != c.kept || done != c.done {
			t.Errorf("readAnswers(%q) = %q, %q, %v; want %q, %q, %v", c.in, bg, kept, done, c.bg, c.kept, c.done)
		}
	}
}

// TestIsDark reads colours as wish does; no colour or a bad one is dark.
func TestIsDark(t *testing.T) {
	for spec, want := range map[string]bool{
		"rgb:ffff/ffff/ffff": false, "rgb:fd/f6/e3": false, "rgb:1e1e/1e1e/1e1e": true,
		"rgb:00/2b/36": true, "": true, "nonsense": true,
	} {
		if got := isDark(spec); got != want {
			t.Errorf("isDark(%q) = %v, want %v", spec, got, want)
		}
	}
}

// TestAskBackgroundKeepsTypedKeys: keys that arrive with the answer reach
// the screen, in order, and only they do.
func TestAskBackgroundKeepsTypedKeys(t *testing.T) {
	in := newSessionInput(bytes.NewReader([]byte("j\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22ck")))
	var out bytes.Buffer
	if dark := askBackground(in, &out, time.Minute); dark {
		t.Error("a white background was taken for dark")
	}
	if out.String() != terminalQuery {
		t.Errorf("asked %q, want %q", out.String(), terminalQuery)
	}
	got, err := io.ReadAll(in)
	if err != nil || string(got) != "jk" {
		t.Errorf("the screen read %q (%v), want \"jk\"", got, err)
	}
}

// TestAskBackgroundGivesUp: a terminal that answers nothing holds the
// session for the wait only, and what it sends later reaches the screen
// (wish's reader kept the session blank until a key, and ate that key).
func TestAskBackgroundGivesUp(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	in := newSessionInput(r)
	defer in.close()
	start := time.Now()
	if dark := askBackground(in, io.Discard, 50*time.Millisecond); !dark {
		t.Error("no answer was taken for a light background")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("gave up after %v", d)
	}
	go func() { _, _ = w.Write([]byte("n")) }()
	buf := make([]byte, 8)
	n, err := in.Read(buf)
	if err != nil || string(buf[:n]) != "n" {
		t.Errorf("the screen read %q (%v), want \"n\"", buf[:n], err)
	}
}

// TestAskBackgroundWithoutDeviceAttributes: a terminal that answers the
// colour but not the device attributes gets its colour once the wait
// ends, by the deadline or by the session's input ending, and the keys
// around the answer reach the screen without it.
func TestAskBackgroundWithoutDeviceAttributes(t *testing.T) {
	const sent = "a\x1b]11;rgb:ffff/ffff/ffff\x1b\\b"
	ended := newSessionInput(strings.NewReader(sent))
	r, w := io.Pipe()
	defer w.Close()
	open := newSessionInput(r)
	defer open.close()
	// The deadline leaves the answer time to arrive under the race
	// detector on a busy machine; the wait ends only by it.
	go func() { _, _ = io.WriteString(w, sent) }()
	for name, c := range map[string]struct {
		in   *sessionInput
		wait time.Duration
	}{"input ended": {ended, time.Minute}, "deadline": {open, time.Second}} {
		if dark := askBackground(c.in, io.Discard, c.wait); dark {
			t.Errorf("%s: a light background was taken as dark", name)
		}
		buf := make([]byte, 64)
		n, err := c.in.Read(buf)
		if err != nil || string(buf[:n]) != "ab" {
			t.Errorf("%s: the screen read %q (%v), want \"ab\"", name, buf[:n], err)
		}
	}
}

// TestAskBackgroundBoundsWhatItKeeps: a flood that holds no answer ends the
// wait once it passes answerRoom, and is passed on whole.
func TestAskBackgroundBoundsWhatItKeeps(t *testing.T) {
	flood := bytes.Repeat([]byte("xxxxxxx "), 3*answerRoom/8) // words: runs without a space are cut (ui.CapPastes)
	in := newSessionInput(bytes.NewReader(flood))
	if dark := askBackground(in, io.Discard, time.Minute); !dark {
		t.Error("a flood was taken for a light background")
	}
	got, err := io.ReadAll(in)
	if err != nil || !bytes.Equal(got, flood) {
		t.Errorf("the screen read %d bytes (%v), want the %d sent", len(got), err, len(flood))
	}
}

// TestSessionInputEndsWhenClosed: the program's read returns once the
// session's program has ended, though the session sent nothing more.
func TestSessionInputEndsWhenClosed(t *testing.T) {
	r, w := io.Pipe()
	defer w.Close()
	in := newSessionInput(r)
	done := make(chan error, 1)
	go func() { _, err := in.Read(make([]byte, 8)); done <- err }()
	in.close()
	select {
	case err := <-done:
		if err != io.EOF {
			t.Errorf("read after close: %v, want EOF", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a read outlived the program")
	}
}

// pumps counts the goroutines reading a session's input.
func pumps() int {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return strings.Count(string(buf[:n]), "(*sessionInput).pump")
		}
		buf = make([]byte, 2*len(buf))
	}
}

// TestSessionInputEndsWithTheSession: the goroutine that reads a session's
// input ends with the session, whether the reviewer quits or the
// connection drops. Not parallel: it counts every session's reader.
func TestSessionInputEndsWithTheSession(t *testing.T) {
	st := newDemoStore(t, 40)
	key := addReviewer(t, st, "rev-pump", review.RoleReviewer)
	srv, addr := startServer(t, st, Config{})
	quits, drops := connect(t, addr, key), connect(t, addr, key)
	if n := pumps(); n < 2 {
		t.Fatalf("%d input readers for two open sessions", n)
	}
	if err := quits.press("q"); err != nil {
		t.Fatal(err)
	}
	drops.close()
	waitUntil(t, "the sessions to end", func() bool { return srv.Sessions() == 0 })
	waitUntil(t, "the input readers to end", func() bool { return pumps() == 0 })
}

// repeating is a reader that repeats p for ever, whole copies of it to a
// read.
type repeating struct{ p []byte }

func (e repeating) Read(b []byte) (int, error) {
	n := 0
	for n+len(e.p) <= len(b) {
		n += copy(b[n:], e.p)
	}
	return n, nil
}

// TestAskBackgroundBoundsAnswers: a client that sends colour answers for
// ever, and never the device attributes, ends the wait after answerRoom
// bytes; the wait keeps no more than that.
func TestAskBackgroundBoundsAnswers(t *testing.T) {
	in := newSessionInput(repeating{[]byte("\x1b]11;rgb:ffff/ffff/ffff\x07")})
	defer in.close()
	done := make(chan bool, 1)
	go func() { done <- askBackground(in, io.Discard, time.Minute) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("answers without end held the wait")
	}
	if len(in.rest) > answerRoom+inputChunk {
		t.Errorf("the wait kept %d bytes, more than %d", len(in.rest), answerRoom+inputChunk)
	}
}

// TestSessionInputEndsReadsOnCharacters: however the session's bytes
// arrive (here a few at a time, cutting characters), each read the
// program makes, 256 bytes as Bubble Tea reads, ends on a whole
// character, and together they give every byte in order; a character cut
// by the session's end is given as it is.
func TestSessionInputEndsReadsOnCharacters(t *testing.T) {
	text := strings.Repeat("a", 255) + "é" + strings.Repeat("b", 254) + "漢XYZ" + strings.Repeat("c", 253) + "😀 done\xe6"
	in := newSessionInput(iotest.HalfReader(iotest.OneByteReader(strings.NewReader(text))))
	defer in.close()
	var got bytes.Buffer
	buf := make([]byte, 256)
	for {
		n, err := in.Read(buf)
		if r := buf[:n]; !utf8.Valid(r) && got.Len()+n < len(text) { // but the cut one at the end
			t.Errorf("a read ends inside a character: %q", r[max(0, n-4):])
		}
		got.Write(buf[:n])
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if got.String() != text {
		t.Errorf("read %q, want %q", got.String(), text)
	}
}

// TestNoColorKeepsTheProfile: a client that sends NO_COLOR still gets its
// terminal's profile, so bold and reverse video show the selection (the
// NoColor styles carry no colour), as on a local terminal.
func TestNoColorKeepsTheProfile(t *testing.T) {
	env := sessionEnv{"NO_COLOR=1", "TERM=xterm-256color"}
	if p := termenv.NewOutput(io.Discard, termenv.WithEnvironment(env), termenv.WithUnsafe()).EnvColorProfile(); p == termenv.Ascii {
		t.Errorf("with NO_COLOR the profile is plain text: no bold or reverse video")
	}
}

// termSession is a session with a pty of term, for sessionRenderer.
type termSession struct {
	ssh.Session
	term string
}

func (s termSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	return ssh.Pty{Term: s.term}, nil, true
}
func (s termSession) Environ() []string           { return nil }
func (s termSession) Write(p []byte) (int, error) { return len(p), nil }

// TestTerminalWithoutColourDrawsAttributes: a client's terminal without
// colour that draws reverse video (TERM=screen, GNU screen's default, or
// vt100) is drawn as under NO_COLOR, with attributes and no colour, so a
// text field's cursor (reverse video) shows; drawn as plain text, it did
// not. A dumb terminal stays plain, and a colour one keeps its colours.
func TestTerminalWithoutColourDrawsAttributes(t *testing.T) {
	for _, tc := range []struct {
		term      string
		attrsOnly bool
		reverse   bool
	}{
		{"screen", true, true},
		{"vt100", true, true},
		{"dumb", false, false},
		{"xterm-256color", false, true},
	} {
		r, attrsOnly := sessionRenderer(termSession{term: tc.term}, true)
		reverse := strings.Contains(r.NewStyle().Reverse(true).Render("x"), "\x1b[7m")
		if attrsOnly != tc.attrsOnly || reverse != tc.reverse {
			t.Errorf("TERM=%s: drawn as under NO_COLOR %v, reverse video %v; want %v, %v", tc.term, attrsOnly, reverse, tc.attrsOnly, tc.reverse)
		}
	}
}
