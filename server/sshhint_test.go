package server

import (
	"os/exec"
	"testing"
)

// TestShellWordQuote: a file name holding a single quote is one word
// the shell reads back as the name, in a hint printed to be pasted
// (PrivateRedirect, ShellWord).
func TestShellWordQuote(t *testing.T) {
	for _, s := range []string{"it's.db", "a b'c; $HOME.db"} {
		got, err := exec.Command("sh", "-c", "printf %s "+ShellWord(s)).Output()
		if err != nil || string(got) != s {
			t.Errorf("ShellWord(%q) = %s: sh read %q, %v", s, ShellWord(s), got, err)
		}
	}
}

// TestShellWordEmpty: an empty string is one word, two single quotes, in a line to
// paste: left bare, the shell drops it and the flag before it takes the
// next word as its value.
func TestShellWordEmpty(t *testing.T) {
	if got := ShellWord(""); got != "''" {
		t.Errorf("ShellWord(\"\") = %q, want \"''\"", got)
	}
}
