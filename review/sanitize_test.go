package review

import "testing"

func TestSanitize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Hello\tworld\nline two", "Hello\tworld\nline two"},
		{"window title OSC BEL", "a\x1b]0;pwned\x07b", "ab"},
		{"OSC with ST", "a\x1b]2;pwned\x1b\\b", "ab"},
		{"hyperlink OSC 8", "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"clear screen", "a\x1b[2J\x1b[Hb", "ab"},
		{"colour CSI", "\x1b[31;1mred\x1b[0m", "red"},
		{"private CSI", "\x1b[?1049hx", "x"},
		{"C1 CSI", "a\u009b31mb", "ab"},
		{"C1 OSC", "a\u009d0;t\u009cb", "ab"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"two-byte ESC", "a\x1bcb\x1b7c", "abc"},
		{"bell and backspace", "a\x07\x08b\x00c\x7f", "abc"},
		{"CRLF kept as newline", "one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"unterminated OSC eats to end", "a\x1b]0;never ends", "a"},
		{"trailing ESC", "a\x1b", "a"},
		{"unicode kept", "café – “quotes” ✓", "café – “quotes” ✓"},
		{"soft hyphen dropped", "Halvor\u00adsen", "Halvorsen"},
		{"soft hyphen at a line's end dropped", "Halvor\u00ad\nsen", "Halvor\nsen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Fatalf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]0;x\x07", "\x1b[2J", "\u009b1m", "a\r\nb", "\xff\xfe", "Ja\u200bne\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Sanitize(s)
		for _, r := range out {
			if (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r < 0xa0) || dropped(r) {
				t.Fatalf("Sanitize(%q) left control %U in %q", s, r, out)
			}
		}
		if Sanitize(out) != out {
			t.Fatalf("not idempotent on %q", s)
		}
	})
}
