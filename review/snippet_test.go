package review

import (
	"errors"
	"strings"
	"testing"
)

func TestSnippetValidate(t *testing.T) {
	ok := Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: "Name one strength."}
	with := func(f func(*Snippet)) Snippet { s := ok; f(&s); return s }
	tests := []struct {
		name string
		s    Snippet
		want error // nil: valid
	}{
		{"valid", ok, nil},
		{"owned", with(func(s *Snippet) { s.Owner = "rev-1" }), nil},
		{"exactly the limit", with(func(s *Snippet) { s.Text = strings.Repeat("é", MaxSnippetChars) }), nil},
		{"one over the limit", with(func(s *Snippet) { s.Text = strings.Repeat("a", MaxSnippetChars+1) }), ErrSnippetTooLong},
		{"empty text", with(func(s *Snippet) { s.Text = "" }), ErrSnippetEmpty},
		{"blank text", with(func(s *Snippet) { s.Text = " \n\t " }), ErrSnippetEmpty},
		{"no credential", with(func(s *Snippet) { s.Credential = "" }), ErrBadID},
		{"bad criterion", with(func(s *Snippet) { s.Criterion = "C\x002" }), ErrBadID},
		{"lines and tabs", with(func(s *Snippet) { s.Text = "One.\n\tTwo." }), nil},
		{"an OSC title", with(func(s *Snippet) { s.Text = "plain \x1b]0;TITLE\x07 text" }), ErrSnippetControl},
		{"a carriage return", with(func(s *Snippet) { s.Text = "One.\rTwo." }), ErrSnippetControl},
		{"a C1 CSI", with(func(s *Snippet) { s.Text = "One.\u009b2J" }), ErrSnippetControl},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.Validate()
			if tt.want == nil && err != nil || tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("Validate() = %v, want %v", err, tt.want)
			}
		})
	}
	if err := with(func(s *Snippet) { s.Text = "One.\nTwo \x1b[2J." }).Validate(); err == nil || !strings.HasSuffix(err.Error(), "(U+001B on line 2)") {
		t.Errorf("Validate() = %v, want the character and its line", err)
	}
}

func TestSnippetFirstLineAndShared(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"One line.", "One line."},
		{"\n  \n  First real line  \nsecond", "First real line"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := (Snippet{Text: tt.text}).FirstLine(); got != tt.want {
			t.Errorf("FirstLine(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if !(Snippet{}).Shared() || (Snippet{Owner: "rev-1"}).Shared() {
		t.Error("Shared should be true exactly when Owner is empty")
	}
}
