package ui

import (
	"regexp"

	tea "github.com/charmbracelet/bubbletea"
)

// A screen asks the terminal for its background colour as it starts (so
// the styles suit a light or a dark terminal) and waits a moment for the
// answer, "ESC ] 11 ; rgb:1e1e/1e1e/1e1e ESC \". An answer later than that
// (a slow link, a busy server) reaches the program as input, and Bubble
// Tea v1 reads it as keys: alt+], then the body as typed characters, then
// alt+\ (or ctrl+g). Split into keys (typed), the body would run the
// queue's commands: "r" reloads, "g" jumps to the oldest, and "f" (as in
// rgb:ffff/ffff/ffff) opens the credential filter, which takes the rest
// as its text. A body shaped as a terminal's colour answer is dropped
// whole; the keys around it are bound to nothing. An answer cut across
// two reads is not recognised: terminals write it in one.
var colourAnswer = regexp.MustCompile(`^[0-9]{1,3}(;[0-9]{1,3})?;rgba?:[0-9A-Fa-f]{1,4}(/[0-9A-Fa-f]{1,4}){2,3}$`)

// terminalAnswer reports whether k is the body of a terminal's late
// colour answer. Only a run of at least "10;rgb:0/0/0" with a digit first
// is matched against it, so typing costs nothing.
func terminalAnswer(k tea.KeyMsg) bool {
	const shortest = len("10;rgb:0/0/0")
	return k.Type == tea.KeyRunes && !k.Paste && len(k.Runes) >= shortest &&
		k.Runes[0] >= '0' && k.Runes[0] <= '9' && colourAnswer.MatchString(string(k.Runes))
}
