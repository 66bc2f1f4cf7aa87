package ui

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

func TestRuneCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0}, {"abc", 3}, {"abé", 4}, {"ab\xc3", 2}, {"a漢", 4}, {"a\xe6\xbc", 1}, {"a\xe6", 1},
		{"😀", 4}, {"a\xf0\x9f\x98", 1},
		{"a\xff", 2}, {"a\x80\x80", 3}, // bytes that start nothing are whole
		{"\xe6\xbc", 0},
	} {
		if got := RuneCut([]byte(tc.in)); got != tc.want {
			t.Errorf("RuneCut(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// TestWholeRunesEndsReadsOnCharacters: read 256 bytes at a time, as Bubble
// Tea reads, or from a source that gives a byte a time, every read ends on
// a whole character and together they give every byte in order.
func TestWholeRunesEndsReadsOnCharacters(t *testing.T) {
	text := strings.Repeat("a", 255) + "é" + strings.Repeat("b", 254) + "漢XYZ" + strings.Repeat("c", 253) + "😀 done"
	for name, src := range map[string]func() io.Reader{
		"one read":    func() io.Reader { return strings.NewReader(text) },
		"byte a time": func() io.Reader { return iotest.OneByteReader(strings.NewReader(text)) },
		"half reads":  func() io.Reader { return iotest.HalfReader(strings.NewReader(text)) },
	} {
		w := &wholeRunes{r: src()}
		var got bytes.Buffer
		buf := make([]byte, 256)
		for {
			n, err := w.Read(buf)
			if !utf8.Valid(buf[:n]) {
				t.Errorf("%s: a read ends inside a character: %q", name, buf[max(0, n-4):n])
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
			t.Errorf("%s: read %q, want %q", name, got.String(), text)
		}
	}
}
