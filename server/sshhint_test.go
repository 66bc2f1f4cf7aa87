package server

import (
	"os/exec"
	"testing"
)

// TestShellWordQuote: a file name holding a single quote is one word
// the shell reads back as the name, in a hint printed to be pasted
// (PrivateRedirect, ShellWord).
func TestShellWordQuote(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh on this machine: cannot read the words back")
	}
	// Whatever bytes a path holds (gen's resume line names one too).
	for _, s := range []string{"it's.db", "a b'c; $HOME.db", "plain.db", "B dir/b'x.db", "tab\there.db", "new\nline.db", "ctl\x01.db", "latin\xe9.db", "$HOME`id`.db"} {
		got, err := exec.Command(sh, "-c", "printf %s "+ShellWord(s)).Output()
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
