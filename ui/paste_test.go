package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"assessor/review"
)

// TestCapPastes: a paste over the cap keeps its first max bytes (ending on
// a whole character) and both markers, and so does a run of bytes with no
// space, escape or control character; a paste under it, keys around it
// and other escape sequences pass as they are, however the reads split
// the markers.
func TestCapPastes(t *testing.T) {
	if MaxPaste < review.MaxFeedback*utf8.UTFMax {
		t.Fatalf("MaxPaste %d cannot hold a feedback field of %d characters", MaxPaste, review.MaxFeedback)
	}
	long := strings.Repeat("é", 40) // 80 bytes
	for _, c := range []struct{ name, in, want string }{
		{"under the cap", "ab" + pasteStart + "short\x1b[A" + pasteEnd + "cd", "ab" + pasteStart + "short\x1b[A" + pasteEnd + "cd"},
		{"over the cap", "x" + pasteStart + long + pasteEnd + "y", "x" + pasteStart + strings.Repeat("é", 8) + pasteEnd + "y"},
		{"cut inside a character", pasteStart + "a" + long + pasteEnd, pasteStart + "a" + strings.Repeat("é", 8) + pasteEnd},
		{"an end marker's start inside", pasteStart + "\x1b[20" + long + pasteEnd, pasteStart + "\x1b[20" + strings.Repeat("é", 6) + pasteEnd},
		{"keys and sequences only", "j\x1b[201~k\x1b[B\x1b[200", "j\x1b[201~k\x1b[B\x1b[200"},
		{"runs without a space", "ab cd " + long + " ok\x1b[" + strings.Repeat("9", 40), "ab cd " + strings.Repeat("é", 8) + " ok\x1b[" + strings.Repeat("9", 15)},
		{"a run of sixteen passes whole", strings.Repeat("x", 16) + "\n" + strings.Repeat("y", 16), strings.Repeat("x", 16) + "\n" + strings.Repeat("y", 16)},
		{"two pastes", pasteStart + long + pasteEnd + pasteStart + "ok" + pasteEnd, pasteStart + strings.Repeat("é", 8) + pasteEnd + pasteStart + "ok" + pasteEnd},
	} {
		for _, split := range []func(io.Reader) io.Reader{func(r io.Reader) io.Reader { return r }, iotest.OneByteReader} {
			got, err := io.ReadAll(CapPastes(split(strings.NewReader(c.in)), 16))
			if err != nil || string(got) != c.want {
				t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
			}
		}
	}
}

// TestCapPastesHugeIsCheap: a paste of 64 MB is read through in one pass,
// keeping MaxPaste bytes of it.
func TestCapPastesHugeIsCheap(t *testing.T) {
	in := io.MultiReader(strings.NewReader(pasteStart), io.LimitReader(repeat('a'), 64<<20), strings.NewReader(pasteEnd))
	got, err := io.ReadAll(CapPastes(in, MaxPaste))
	if err != nil || len(got) != len(pasteStart)+MaxPaste+len(pasteEnd) || !bytes.HasSuffix(got, []byte(pasteEnd)) {
		t.Errorf("%d bytes, %v", len(got), err)
	}
}

// repeat is an endless reader of c.
type repeat byte

func (r repeat) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestCapPastesReadsNoFurther: each read takes from the terminal no more
// than it gives back, so nothing waits here for the next key (Bubble Tea
// reads again only when the terminal has more).
func TestCapPastesReadsNoFurther(t *testing.T) {
	src := &counted{r: strings.NewReader(strings.Repeat("a", 255) + "éXYZ 漢字 done, and more words")}
	c := CapPastes(src, MaxPaste)
	buf := make([]byte, 256)
	given := 0
	for {
		n, err := c.Read(buf)
		given += n
		if src.n != given {
			t.Fatalf("took %d bytes from the terminal and gave %d", src.n, given)
		}
		if err != nil {
			break
		}
	}
}

// counted is r, counting the bytes read from it.
type counted struct {
	r io.Reader
	n int
}

func (c *counted) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
