package review

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Everything an export derives from a candidate or an assertion comes from
// one secret the store keeps (BadgeSecretSize random bytes), through
// HMAC-SHA256 with a label per use. So a re-export yields the same ids and
// salts byte for byte, while nobody without the store can guess an
// assertion id, link two assertions of one candidate, or test a guessed
// email against a candidate key.

// BadgeSecretSize is the length of the store's badge secret in bytes.
const BadgeSecretSize = 32

// Labels keep the HMAC uses apart: no derived value can stand in for
// another.
const (
	labelCandidate       = "assessor/candidate\x00"
	labelSalt            = "assessor/salt\x00"
	labelCredentialBadge = "assessor/assertion/application\x00"
	labelStackBadge      = "assessor/assertion/stack\x00"
	labelStackAgain      = "assessor/assertion/stack-again\x00"
	labelCredentialAgain = "assessor/assertion/application-again\x00"
	labelFeedbackFile    = "assessor/feedback/file\x00"
)

// assertionIDHex is how many hex digits of the HMAC an assertion id keeps:
// 96 bits, unguessable and collision-free at any program's scale.
const assertionIDHex = 24

func mac(secret []byte, label string, parts ...string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(label))
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	return h.Sum(nil)
}

// CandidateKey is the opaque key of the candidate with this email
// (normalized first): sha256.Size bytes that stand for the person in the
// store's stack index and in History.Candidate, never the email itself.
func CandidateKey(secret []byte, email string) []byte {
	return mac(secret, labelCandidate, NormalizeEmail(email))
}

// CredentialAssertionID is the assertion id of the micro-credential earned
// by passing application: "c-" and 24 hex digits.
func CredentialAssertionID(secret []byte, application string) string {
	return "c-" + hex.EncodeToString(mac(secret, labelCredentialBadge, application))[:assertionIDHex]
}

// StackAssertionID is the assertion id of stack earned by the candidate
// with key candidate (hex): "s-" and 24 hex digits.
func StackAssertionID(secret []byte, stack, candidate string) string {
	return "s-" + hex.EncodeToString(mac(secret, labelStackBadge, stack, candidate))[:assertionIDHex]
}

// StackAgainID is the assertion id of a stack the candidate earns again
// with the passes of applications, after n assertions of it were
// published from the first (whose id is first) on, none of which stands:
// "s-" and 24 hex digits, one for each. The published ones stay as they
// were.
func StackAgainID(secret []byte, first string, n int, applications []string) string {
	return "s-" + hex.EncodeToString(mac(secret, labelStackAgain, append([]string{first, strconv.Itoa(n)}, applications...)...))[:assertionIDHex]
}

// AssertionSalt is the recipient salt of an assertion: random-looking and
// different for every assertion, yet the same on every export.
func AssertionSalt(secret []byte, assertionID string) string {
	return hex.EncodeToString(mac(secret, labelSalt, assertionID))[:32]
}

// HashedIdentity is an Open Badges 2.0 hashed recipient identity:
// "sha256$" and the hex SHA-256 of the normalized email followed by salt.
// Anyone holding the email can check it; nobody can read the email from it.
func HashedIdentity(email, salt string) string {
	sum := sha256.Sum256([]byte(NormalizeEmail(email) + salt))
	return "sha256$" + hex.EncodeToString(sum[:])
}

// FeedbackFileName is the file an export writes attempt's feedback to,
// and a badge's evidence links to: "A-1001-attempt-2-" and 16 hex digits
// of the secret's HMAC. Hosted beside the badges, the file of one attempt
// must not tell the name of another's: "A-1001-attempt-1.md" next to a
// badge's "A-1001-attempt-2.md" would hand anyone holding the badge the
// feedback that sent its earner back.
func FeedbackFileName(secret []byte, application string, attempt int) string {
	n := strconv.Itoa(attempt)
	return application + "-attempt-" + n + "-" + hex.EncodeToString(mac(secret, labelFeedbackFile, application, n))[:16] + ".md"
}

// CredentialAgainID is the assertion id of application's micro-credential
// passed again after n assertions of it, from the first (whose id is
// first) on, were published revoked: "c-" and 24 hex digits. The
// published ones stay as they were.
func CredentialAgainID(secret []byte, first string, n int) string {
	return "c-" + hex.EncodeToString(mac(secret, labelCredentialAgain, first, strconv.Itoa(n)))[:assertionIDHex]
}
