package review

import (
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xfeff}, units...)
	}
	out := make([]byte, 0, 2*len(units))
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// A file's text is what a terminal would draw: the redactor and the leak
// scan must read the name a reviewer would see.
func TestAttachmentTextAsDrawn(t *testing.T) {
	const want = "Marisol Quintanilla, Waiʻanae"
	for name, data := range map[string][]byte{
		"controls":        []byte("Mari\x00sol Quinta\x1b[0mnilla, Wai\x08ʻanae"),
		"invisible":       []byte("Mari\u200bsol Quintanilla, Wai\u00adʻanae"),
		"UTF-8 BOM":       []byte("\ufeff" + want),
		"UTF-16 LE BOM":   utf16Bytes(want, false, true),
		"UTF-16 BE BOM":   utf16Bytes(want, true, true),
		"UTF-16 LE":       utf16Bytes(want, false, false),
		"UTF-16 BE":       utf16Bytes(want, true, false),
		"carriage return": []byte("Marisol Quintanilla, Waiʻanae\r"),
	} {
		got, err := AttachmentText(TypeText, data)
		if name == "carriage return" {
			got = got[:len(got)-1] // \r is drawn as a line end
		}
		if err != nil || got != want {
			t.Errorf("%s: AttachmentText = %q, %v; want %q", name, got, err, want)
		}
	}
}

// A file of no known type that holds text is read and scanned as text, not
// handed unread to the reviewer's viewer.
func TestNewAttachmentSniffsText(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"notes", []byte("Prepared by Marisol"), TypeText},
		{"transcript.vtt", []byte("WEBVTT\n\n00:01.000 --> 00:04.000\nHi"), TypeText},
		{"page.html", []byte("<p>Marisol</p>"), TypeText},
		{"notes16", utf16Bytes("Prepared by Marisol", false, false), TypeText},
		{"blob", []byte("PK\x03\x04\x00\x00binary"), TypeOther},
		{"latin1", []byte("caf\xe9 au lait"), TypeOther},
		{"empty", nil, TypeOther},
		{"photo.png", []byte("looks like text"), "image/png"},
	} {
		if got := NewAttachment(tc.name, tc.data).Type; got != tc.want {
			t.Errorf("NewAttachment(%q).Type = %q, want %q", tc.name, got, tc.want)
		}
	}
}
