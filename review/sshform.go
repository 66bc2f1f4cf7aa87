package review

import (
	"strings"
	"sync"
)

// SSHForm rewrites text (an error line, a help page) for someone who runs
// assessor over ssh: each "assessor COMMAND …" naming a command serve runs
// as a command becomes "ssh -p PORT HOST COMMAND …", the way they run it.
// Anything else, a screen or a local-only command, stays as written.
func SSHForm(text string) string {
	const local, remote = "assessor ", "ssh -p PORT HOST "
	if !strings.Contains(text, local) {
		return text
	}
	var b strings.Builder
	for {
		i := strings.Index(text, local)
		if i < 0 {
			break
		}
		b.WriteString(text[:i])
		rest := text[i+len(local):]
		word, _, _ := strings.Cut(rest, " ")
		word = strings.TrimRight(word, ".,;:)\n")
		if servedFirstWords()[word] && (i == 0 || !isIDByte(text[i-1])) {
			b.WriteString(remote)
		} else {
			b.WriteString(local)
		}
		text = rest
	}
	b.WriteString(text)
	return b.String()
}

// servedFirstWords are the first words of the commands serve runs as
// commands ("calibration" of "calibration add").
var servedFirstWords = sync.OnceValue(func() map[string]bool {
	words := map[string]bool{}
	for name, p := range Permissions {
		if p.Where == Anywhere {
			first, _, _ := strings.Cut(name, " ")
			words[first] = true
		}
	}
	return words
})

// isIDByte reports whether c may be part of a word, so that "myassessor x"
// is not read as the command assessor.
func isIDByte(c byte) bool {
	return c == '-' || c == '_' || c == '/' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
