package ui

import (
	"io"
	"os"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
)

// Bubble Tea v1 reads the terminal 256 bytes at a time and takes the
// bytes of a character cut by the end of one read for bytes of no key: a
// burst of typing or a paste without bracketed paste that puts "é" across
// byte 256 lost the "é". Reads that end on a whole character keep it.

// RuneCut returns how much of b ends on a whole UTF-8 character: len(b),
// less the start of a character whose other bytes have not arrived.
// Bytes that cannot start a character count as whole, as the reader
// reports them anyway.
func RuneCut(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if c := b[i]; c < 0x80 || c >= 0xc0 { // not a continuation byte
			if c >= 0xc0 && !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// wholeRunes is a reader whose reads end on whole characters: the start
// of a cut one is kept for the next read.
type wholeRunes struct {
	r    io.Reader
	held []byte
}

func (w *wholeRunes) Read(p []byte) (int, error) {
	n := copy(p, w.held)
	w.held = w.held[n:]
	for {
		m, err := w.r.Read(p[n:])
		n += m
		cut := RuneCut(p[:n])
		if err != nil || (cut == 0 && n == len(p)) { // p holds less than a character
			cut = n
		}
		if cut > 0 || err != nil {
			w.held = append(w.held[:0], p[cut:n]...)
			return cut, err
		}
		// Only the start of a character so far: its rest is on its way.
	}
}

// ttyInput is the process's terminal read through wholeRunes. It is a
// term.File, so Bubble Tea still puts it in raw mode and restores it.
type ttyInput struct {
	*os.File
	w *wholeRunes
}

func (t ttyInput) Read(p []byte) (int, error) { return t.w.Read(p) }

// Terminal is the terminal itself, which a program run in the screen's
// place ($EDITOR) must get as its standard input: handed the wrapper,
// exec gives it a pipe (vi: "Input is not from a terminal"), fed by a
// goroutine whose read of the terminal outlives the program until the
// next key.
func (t ttyInput) Terminal() *os.File { return t.File }

// terminalInput is the terminal a local program reads, as Bubble Tea
// would choose it (standard input, or /dev/tty when that is not a
// terminal), read through wholeRunes and CapPastes; ok is false when
// there is none, for Bubble Tea to choose and report.
func terminalInput() (in ttyInput, ok bool) {
	f := os.Stdin
	if !term.IsTerminal(f.Fd()) {
		tty, err := os.Open("/dev/tty")
		if err != nil {
			return ttyInput{}, false
		}
		f = tty // open until the process ends, as one program's input
	}
	return ttyInput{File: f, w: &wholeRunes{r: CapPastes(f, MaxPaste)}}, true
}
