package server

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestHostKeyAtTheBound: the refusal says "at most 65536" bytes, so a
// host key file of exactly 65536 bytes is not refused as too large.
func TestHostKeyAtTheBound(t *testing.T) {
	path := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(path, make([]byte, maxHostKeyBytes), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := CheckHostKey(path); err != nil {
		t.Errorf("a %d-byte host key file: %v, want it taken (at most %d)", maxHostKeyBytes, err, maxHostKeyBytes)
	}
}

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
