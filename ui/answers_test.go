package ui

import (
	"io"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// AnswerFraming is what Bubble Tea makes of the bytes around an answer's
// body: the escape that opens it, and the two ways it may end. No screen
// binds them (TestAnswerFramingIsUnbound).
var AnswerFraming = []string{"alt+]", "alt+\\", "ctrl+g"}

// keyRecorder keeps every key it is given and quits on "q".
type keyRecorder struct{ keys *[]string }

func (keyRecorder) Init() tea.Cmd { return nil }
func (keyRecorder) View() string  { return "" }
func (r keyRecorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		*r.keys = append(*r.keys, k.String())
		if k.String() == "q" {
			return r, tea.Quit
		}
	}
	return r, nil
}

// TestLateTerminalAnswersAreNotKeys feeds the bytes of terminals' late
// answers to the colour query, as Bubble Tea reads them from a terminal,
// through typed: none of the answer's characters may reach the screen as
// a key, and keys typed around them still arrive.
func TestLateTerminalAnswersAreNotKeys(t *testing.T) {
	answers := []string{
		"\x1b]11;rgb:1e1e/1e1e/1e1e\x1b\\",       // xterm, ST
		"\x1b]11;rgb:ffff/ffff/ffff\x07",         // BEL
		"\x1b]11;rgb:00/2b/36\x1b\\",             // two digits a channel
		"\x1b]10;rgb:c5c5/c8c8/c6c6\x1b\\",       // the foreground
		"\x1b]11;rgba:0000/0000/0000/ffff\x1b\\", // with alpha
		"\x1b]4;1;rgb:cdcd/0000/0000\x1b\\",      // a palette colour
	}
	for _, a := range answers {
		var keys []string
		input := "j" + a + "\x1b[?62;c" + "k" + "q"
		p := tea.NewProgram(splitTyping(keyRecorder{&keys}), tea.WithInput(strings.NewReader(input)),
			tea.WithOutput(io.Discard), tea.WithoutRenderer(), tea.WithoutSignalHandler())
		if _, err := p.Run(); err != nil {
			t.Fatal(err)
		}
		var plain []string
		for _, k := range keys {
			if !slices.Contains(AnswerFraming, k) {
				plain = append(plain, k)
			}
		}
		if got := strings.Join(plain, " "); got != "j k q" {
			t.Errorf("%q: the screen was given the keys %q, want j k q (and %q, bound to nothing)", a, keys, AnswerFraming)
		}
	}
}

// TestTypedDigitsAndWordsStayKeys: what a reviewer types is never taken
// for an answer.
func TestTypedDigitsAndWordsStayKeys(t *testing.T) {
	for _, s := range []string{"11;rgb", "12345678901234", "10;rgb:0/0/0 and more", "rgb:0000/0000/0000"} {
		if terminalAnswer(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}) {
			t.Errorf("%q was taken for a terminal's answer", s)
		}
	}
	if terminalAnswer(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("11;rgb:0000/0000/0000"), Paste: true}) {
		t.Error("a bracketed paste was taken for a terminal's answer")
	}
}
