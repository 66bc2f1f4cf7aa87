package rubrics

import "fmt"

// ParseError is a problem in a rubric file. Its Error is one line,
// "FILE:LINE: message", so editors and terminals can jump to the spot.
// Line is 1-based and always at least 1.
type ParseError struct {
	File string // the file name as given to Parse or Load
	Line int    // 1-based line in File where the problem is
	Msg  string // what is wrong and, where it helps, what to write instead
}

// Error returns "FILE:LINE: message".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// errorf builds a *ParseError; every parse failure goes through it so the
// format stays the same everywhere.
func errorf(file string, line int, format string, args ...any) *ParseError {
	if line < 1 {
		line = 1
	}
	return &ParseError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Where is the file and line of the problem.
func (e *ParseError) Where() (string, int) { return e.File, e.Line }
