package review

import "errors"

// A positioned error is a problem at one line of an input file (LineError,
// rubrics.ParseError): its text starts "FILE:LINE: ".
type positioned interface {
	error
	Where() (file string, line int)
}

// Where is the file and line of the bad import line.
func (e *LineError) Where() (string, int) { return e.File, e.Line }

// ErrorLine is the one line a failed command prints, locally and over
// ssh. A problem in an input file reads "FILE:LINE: message", from its
// first byte, as docs/formats.md promises (and as compilers print theirs,
// so editors jump to the line); any other error reads "assessor: message".
// Messages quote what they were given (arguments, names in a bundle), so
// the line is drawn as a terminal would show it safely: no control
// sequence, no line break.
func ErrorLine(err error) string {
	line := "assessor: " + err.Error()
	var p positioned
	if errors.As(err, &p) && p.Error() == err.Error() {
		line = err.Error()
	}
	return oneLine(line)
}
