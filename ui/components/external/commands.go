package external

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"

	"assessor/review"
)

// Editor is one run of the external editor on a feedback text: the
// text (with the trailing newline editors expect) in a temp file named for
// the field, read back when the editor exits.
func Editor(argv []string, field, text string) *TempFile {
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	// A file that long holds more than review.MaxFeedback characters
	// whatever they are (and the newline an editor adds).
	limit := int64(review.MaxFeedback*utf8.UTFMax + 2)
	return &TempFile{Argv: argv, Pattern: "assessor-" + fileSafe(field) + "-*.md", Data: []byte(text), ReadBack: true, MaxRead: limit}
}

// EditedText is the text an editor left, less the one trailing newline
// editors add.
func EditedText(b []byte) string {
	return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
}

// EditorCommand is the reviewer's editor: $VISUAL, else $EDITOR, else vi,
// split into words so EDITOR="code --wait" works.
func EditorCommand(getenv func(string) string) []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if argv := splitWords(getenv(v)); len(argv) > 0 {
			return argv
		}
	}
	return []string{"vi"}
}

// Opener is one run of the opener on a file's bytes: the temp file is
// named after the file, so the opener picks a viewer by its extension.
func Opener(argv []string, name string, data []byte) *TempFile {
	return &TempFile{Argv: argv, Pattern: "assessor-*-" + fileSafe(filepath.Base(name)), Data: data}
}

// OpenerCommand is the reviewer's opener: $ASSESSOR_OPENER split into
// words, else the desktop's.
func OpenerCommand(getenv func(string) string) []string {
	if argv := splitWords(getenv("ASSESSOR_OPENER")); len(argv) > 0 {
		return argv
	}
	if runtime.GOOS == "darwin" {
		return []string{"open"}
	}
	return []string{"xdg-open"}
}

// ErrNoOpener is what opening a file reports when neither
// $ASSESSOR_OPENER nor the desktop's opener can run.
var ErrNoOpener = errors.New("no opener: set ASSESSOR_OPENER or install xdg-open")

// fileSafe keeps a temp file name to [A-Za-z0-9._-]; criterion ids already
// are, but they come from a rubric file.
func fileSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '_'
	}, s)
}

// splitWords splits s into words as a POSIX shell would, without
// expansions: blanks separate words, single quotes keep everything,
// double quotes keep everything but backslash-escaped " \ $ `, and a
// backslash outside quotes escapes the next character. An unterminated
// quote yields no words, so the caller falls back to its next choice.
func splitWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; {
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
			continue
		case r == '\\' && i+1 < len(rs):
			i++
			cur.WriteRune(rs[i])
		case r == '\'':
			end := indexRune(rs, i+1, '\'')
			if end < 0 {
				return nil
			}
			cur.WriteString(string(rs[i+1 : end]))
			i = end
		case r == '"':
			for i++; i < len(rs) && rs[i] != '"'; i++ {
				if rs[i] == '\\' && i+1 < len(rs) && strings.ContainsRune(`"\$`+"`", rs[i+1]) {
					i++
				}
				cur.WriteRune(rs[i])
			}
			if i >= len(rs) {
				return nil
			}
		default:
			cur.WriteRune(r)
		}
		inWord = true
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// indexRune is the index of r in rs at or after from, or -1.
func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}
