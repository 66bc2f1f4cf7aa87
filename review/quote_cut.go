package review

import (
	"fmt"
	"io/fs"
	"strconv"
	"unicode/utf8"
)

// MaxQuoted bounds how much of a bad value, key or file name an error
// quotes: enough to find it in the line, where a value of megabytes (or a
// name of 4,096 bytes) would make the one error line as long, on an
// admin's terminal or back over ssh.
const MaxQuoted = 64

// Quoted is s quoted for an error, cut to MaxQuoted bytes.
func Quoted(s string) string { return strconv.Quote(cut(s, MaxQuoted)) }

// CutPathError is err with the name of an *fs.PathError in it quoted as
// Quoted cuts it ("statat "yyy…": file name too long"): the OS's own
// text repeats the whole name. Other errors, wrapped ones too (their own
// text would be lost), are returned as they are; errors.Is still finds
// what the PathError wrapped.
func CutPathError(err error) error {
	pe, ok := err.(*fs.PathError)
	if !ok {
		return err
	}
	return fmt.Errorf("%s %s: %w", pe.Op, Quoted(pe.Path), pe.Err)
}

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
