package external

import (
	"slices"
	"testing"
)

func TestEditorCommand(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name string
		env  func(string) string
		want []string
	}{
		{"nothing set", env(), []string{"vi"}},
		{"EDITOR", env("EDITOR", "nano"), []string{"nano"}},
		{"VISUAL wins", env("VISUAL", "code --wait", "EDITOR", "nano"), []string{"code", "--wait"}},
		{"blank VISUAL skipped", env("VISUAL", "  ", "EDITOR", "nano"), []string{"nano"}},
		{"broken quote skipped", env("EDITOR", `"/opt/my editor`), []string{"vi"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := EditorCommand(tc.env); !slices.Equal(got, tc.want) {
				t.Errorf("editorCommand = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSplitWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"vi", []string{"vi"}},
		{"  code   --wait ", []string{"code", "--wait"}},
		{`"/Applications/Sublime Text/subl" -w`, []string{"/Applications/Sublime Text/subl", "-w"}},
		{`'/opt/my editor' -n`, []string{"/opt/my editor", "-n"}},
		{`/opt/my\ editor`, []string{"/opt/my editor"}},
		{`emacs -nw --eval "(setq x \"y\")"`, []string{"emacs", "-nw", "--eval", `(setq x "y")`}},
		{`a''b ""`, []string{"ab", ""}},
		{`"unterminated`, nil},
		{`'unterminated`, nil},
	} {
		if got := splitWords(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
