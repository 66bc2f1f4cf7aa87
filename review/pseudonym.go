package review

import (
	"crypto/rand"
	"io"
	"strings"
)

// pseudonymAlphabet is Crockford's base32 without the look-alikes I, L, O, U,
// so a handle read aloud or retyped is not mistaken.
const pseudonymAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// CredentialPrefix is the two-letter prefix of a credential's pseudonyms,
// taken from the initials of its id ("descriptive-feedback" → "DF").
func CredentialPrefix(credential string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(credential, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if b.Len() == 2 {
			break
		}
		b.WriteString(strings.ToUpper(w[:1]))
	}
	for b.Len() < 2 {
		b.WriteByte('X')
	}
	return b.String()
}

// NewPseudonym returns a random application pseudonym such as "DF-7KQ2",
// drawn from src (crypto/rand when nil). It is never derived from identity;
// callers check uniqueness against the store and draw again on collision.
func NewPseudonym(credential string, src io.Reader) (string, error) {
	if src == nil {
		src = rand.Reader
	}
	buf := make([]byte, 4)
	if _, err := io.ReadFull(src, buf); err != nil {
		return "", err
	}
	out := []byte(CredentialPrefix(credential) + "-")
	for _, b := range buf {
		out = append(out, pseudonymAlphabet[int(b)%len(pseudonymAlphabet)])
	}
	return string(out), nil
}
