package ui

import (
	"io"
	"time"
)

// Bubble Tea v1 holds a bracketed paste whole until its end marker
// arrives, copying and searching everything held so far after every 256
// bytes read: a paste of 8 MB took minutes of a core, and memory grows with
// whatever a client sends (over ssh, anyone with a key). It does the same
// with a run of characters that fills its reads with no space or control
// character in it, which no typing or terminal sends but a hostile client
// can. Nothing pasted can be kept past review.MaxFeedback characters, so
// the input is read through CapPastes, which keeps MaxPaste bytes of each
// paste, and of each such run, and drops the rest before Bubble Tea sees
// it; the editor then says what it cut.
//
// A run is what arrives without a pause: a read that waited for input
// (runPause or longer) and brought less than Bubble Tea reads at once
// (typedRead) begins a new one, as Bubble Tea, given a read short of its
// buffer, ends the one it held. Counted across reads, a reviewer's keys
// added up: s, m… c, y for attempt after attempt, none a space, and every
// key after the 1,024th letter was dropped; so was Chinese typed past
// about 340 characters, which an input method commits a few characters a
// read with no space between words. A client that pauses between packets
// of a run as long as Bubble Tea's reads still sends one run: Bubble Tea
// takes each as "more may come".

// MaxPaste is the most bytes of one paste a program reads: a feedback
// field's worth (review.MaxFeedback) of the widest characters, and then
// some.
const MaxPaste = 64 << 10

// maxRun is the most bytes of a run without a space a program reads
// outside a paste: longer than any word or link typed, and short enough
// that typed (typing.go), which hands a burst over key by key, gets
// through one in a moment.
const maxRun = 1 << 10

// runPause is how long a read waits for input before what it brings
// begins a new run: bytes a client has already sent are read at once, and
// no one types two keys this close together.
const runPause = 5 * time.Millisecond

// typedRead is Bubble Tea's read (v1 reads 256 bytes at a time): a read of
// fewer bytes it takes as the end of what was sent.
const typedRead = 256

const (
	pasteStart = "\x1b[200~"
	pasteEnd   = "\x1b[201~"
)

// CapPastes is r with each bracketed paste cut to max bytes (at a
// character's end), its start and end markers kept, and outside pastes
// each run of bytes without a space, escape or control character cut to
// maxRun; everything else passes as it is.
func CapPastes(r io.Reader, max int) io.Reader {
	return &pasteCap{r: r, max: max, run: min(max, maxRun), buf: make([]byte, 4096), now: time.Now}
}

type pasteCap struct {
	r     io.Reader
	max   int // bytes kept of a paste
	run   int // bytes kept of a run outside one
	buf   []byte
	out   []byte // processed, not yet read
	in    bool   // inside a paste
	n     int    // bytes of this paste, or of this run outside one, kept
	need  int    // continuation bytes the last character kept still needs
	match int    // bytes of the marker being matched, held when in a paste
	now   func() time.Time
}

// Read reads no more from r than it can give back in b: Bubble Tea waits
// for the terminal to have more to read before it reads again, so bytes
// kept here from a read past b would wait for the next key.
func (p *pasteCap) Read(b []byte) (int, error) {
	for len(p.out) == 0 {
		// A marker held from before may be let out with this read's bytes.
		want := max(min(len(b)-len(pasteEnd), len(p.buf)), 1)
		asked := p.now()
		n, err := p.r.Read(p.buf[:want])
		if !p.in && n < typedRead && p.now().Sub(asked) >= runPause {
			p.n = 0 // it waited, and Bubble Tea ends its run here too: typed
		}
		for _, c := range p.buf[:n] {
			p.byte(c)
		}
		if err != nil {
			if len(p.out) == 0 {
				return 0, err
			}
			break
		}
	}
	n := copy(b, p.out)
	// The rest (a marker let out, rarely any) moves to the front, so the
	// buffer is reused read after read, key after key.
	p.out = append(p.out[:0], p.out[n:]...)
	return n, nil
}

// byte takes one byte of input.
func (p *pasteCap) byte(c byte) {
	if !p.in {
		if c <= ' ' || c == 0x7f { // a run ends: escape, control or space
			p.n, p.need = 0, 0
			p.out = append(p.out, c)
		} else {
			p.keep(c)
		}
		p.match = next(pasteStart, p.match, c)
		if p.match == len(pasteStart) {
			p.in, p.n, p.match = true, 0, 0
		}
		return
	}
	// In a paste, bytes that may start the end marker are held until it
	// is whole (then passed, and the paste ends) or broken (then they are
	// the paste's own).
	if c == pasteEnd[p.match] {
		p.match++
		if p.match == len(pasteEnd) {
			p.out = append(p.out, pasteEnd...)
			p.in, p.match, p.n, p.need = false, 0, 0, 0
		}
		return
	}
	held := p.match
	p.match = 0
	for i := range held {
		p.keep(pasteEnd[i])
	}
	if c == pasteEnd[0] {
		p.match = 1
		return
	}
	p.keep(c)
}

// keep passes on a byte of the paste (or run) while it has room, and the
// rest of a character it has begun.
func (p *pasteCap) keep(c byte) {
	limit := p.run
	if p.in {
		limit = p.max
	}
	cont := c&0xc0 == 0x80
	if p.n >= limit && !(cont && p.need > 0) {
		return
	}
	p.out = append(p.out, c)
	p.n++
	switch {
	case cont:
		p.need = max(p.need-1, 0)
	case c >= 0xf0:
		p.need = 3
	case c >= 0xe0:
		p.need = 2
	case c >= 0xc0:
		p.need = 1
	default:
		p.need = 0
	}
}

// next is how much of marker is matched after c, with matched bytes of it
// matched before.
func next(marker string, matched int, c byte) int {
	if c == marker[matched] {
		return matched + 1
	}
	if c == marker[0] {
		return 1
	}
	return 0
}
