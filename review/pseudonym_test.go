package review

import (
	"bytes"
	"strings"
	"testing"
)

// TestPseudonymAlphabet: every character of a pseudonym is drawn from the
// whole 32-character alphabet (Crockford's base32 without I, L, O, U), one
// byte of randomness each: a narrower draw (digits only) leaves far fewer
// handles and more collisions, and the look-alikes must never appear.
func TestPseudonymAlphabet(t *testing.T) {
	for _, c := range []struct {
		src  []byte
		want string
	}{
		{[]byte{10, 18, 31, 63}, "DF-AJZZ"},
		{[]byte{0, 9, 32, 255}, "DF-090Z"},
		{[]byte{20, 21, 22, 27}, "DF-MNPV"},
	} {
		p, err := NewPseudonym("descriptive-feedback", bytes.NewReader(c.src))
		if err != nil || p != c.want {
			t.Errorf("NewPseudonym(% x) = %q, %v; want %q", c.src, p, err, c.want)
		}
	}
	letters := 0
	for i := 0; i < 200; i++ {
		p, err := NewPseudonym("learning-targets", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p[3:] {
			if !strings.ContainsRune(pseudonymAlphabet, r) || strings.ContainsRune("ILOU", r) {
				t.Fatalf("pseudonym %q has %q, outside the alphabet", p, r)
			}
			if r >= 'A' {
				letters++
			}
		}
	}
	if letters == 0 {
		t.Errorf("no letter in 200 pseudonyms: the draw is not over the whole alphabet")
	}
}

// TestCredentialPrefixTwoLetters: a pseudonym's prefix is two letters, the
// initials of the credential id's first two words, however many words the
// id has ("DF-7KQ2"); feedback exports withhold handles by that shape.
func TestCredentialPrefixTwoLetters(t *testing.T) {
	for id, want := range map[string]string{
		"universal-design-for-learning": "UD",
		"self.regulated_learning":       "SR",
		"descriptive-feedback":          "DF",
	} {
		if p := CredentialPrefix(id); p != want {
			t.Errorf("CredentialPrefix(%q) = %q, want %q", id, p, want)
		}
	}
	if p, err := NewPseudonym("universal-design-for-learning", bytes.NewReader([]byte{1, 2, 3, 4})); err != nil || p != "UD-1234" {
		t.Errorf("pseudonym %q, %v; want UD-1234", p, err)
	}
}
