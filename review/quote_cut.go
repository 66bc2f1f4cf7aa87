package review

import (
	"strconv"
	"unicode/utf8"
)

// maxQuoted bounds how much of a bad value or key an error quotes: enough
// to find it in the line, where a value of megabytes would make the one
// error line as long, on an admin's terminal or back over ssh.
const maxQuoted = 64

// quoted is s quoted for an error, cut to maxQuoted bytes.
func quoted(s string) string { return strconv.Quote(cut(s, maxQuoted)) }

// cut is s cut to at most n bytes, at the start of a character, with …
// after it when anything was cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
