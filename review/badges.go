package review

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Open Badges 2.0 documents (docs/formats.md §5), built as plain values: the
// store supplies ids, salts and hashed identities, the CLI writes the JSON.
// Every document of an export lives at its Issuer.URLOf(file), and the
// export directory mirrors those files, so hosting the directory at the
// base URL makes every assertion verifiable ("hosted" verification).

// OBContext is the JSON-LD context of every Open Badges 2.0 document.
const OBContext = "https://w3id.org/openbadges/v2"

// Files of an export, relative to its directory and to the base URL.
const (
	ProfileFile        = "issuer.json"
	RevocationListFile = "revocations.json"
)

// CredentialBadgeFile is the BadgeClass file of a credential.
func CredentialBadgeFile(credential string) string { return "badges/" + credential + ".json" }

// StackBadgeFile is the BadgeClass file of a stack. Credential ids cannot
// hold "/", so a stack never shares a file with a credential.
func StackBadgeFile(stack string) string { return "badges/stacks/" + StackSlug(stack) + ".json" }

// AssertionFile is the file of an assertion.
func AssertionFile(id string) string { return "assertions/" + id + ".json" }

// StackName is a stack name as a rubric gives it, in one form (OneForm).
// Rubrics name a stack by its words, and two that read the same on every
// screen, one saved decomposed or with a no-break space, are one stack.
func StackName(s string) string { return OneForm(s) }

// StackSlug is a stack name made safe for a file name and a URL, read as
// the name is: "Assessment Literacy" → "assessment-literacy", "Pédagogie
// avancée" → "pedagogie-avancee". A name with letters no such slug can
// carry (読書, Русский), or too long for one, gets a short hash of itself
// after what is left ("stack-3f1c…"), so two such stacks do not make one
// file.
func StackSlug(stack string) string {
	var b strings.Builder
	dash, lost := false, false
	for _, r := range Fold(stack) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			lost = lost || unicode.IsLetter(r) || unicode.IsDigit(r)
			dash = true
		}
	}
	s := b.String()
	if len(s) > 64 {
		// Cut, two long names could meet: the hash keeps them apart.
		s, lost = strings.TrimRight(s[:55], "-"), true
	}
	if s == "" {
		s = "stack"
	}
	if lost {
		sum := sha256.Sum256([]byte(stack))
		s += "-" + hex.EncodeToString(sum[:4])
	}
	return s
}

// Issuer is the organisation that issues the badges, as `assessor config
// issuer` stores it.
type Issuer struct {
	Name  string `json:"name"`
	URL   string `json:"url"` // the issuer's home page
	Email string `json:"email,omitempty"`
	// BaseURL is where the export directory is hosted; "" means URL.
	BaseURL string `json:"base_url,omitempty"`
	// Image is the URL of the badge images, "{id}" standing for the
	// credential id or "stacks/" + StackSlug; "" draws a placeholder SVG.
	Image string `json:"image,omitempty"`
}

// MaxIssuerName is the most characters of an issuer's name: badge
// displays show it in one line.
const MaxIssuerName = 200

// ErrIssuer means an issuer profile field is unusable.
var ErrIssuer = errors.New("bad issuer profile")

// Validate checks that the profile can anchor hosted badges: a name, an
// absolute https URL (and base URL and image URL, when given) that files'
// names can follow (BaseURL) and, when given, an email address.
func (is Issuer) Validate() error {
	switch {
	case strings.TrimSpace(dropInvisible(is.Name)) == "":
		return fmt.Errorf("%w: name is empty", ErrIssuer)
	case utf8.RuneCountInString(is.Name) > MaxIssuerName:
		return fmt.Errorf("%w: name is %d characters, more than %d", ErrIssuer, utf8.RuneCountInString(is.Name), MaxIssuerName)
	}
	// Both are published as text in every badge (the URLs' own checks
	// refuse these characters).
	for _, f := range []struct{ field, v string }{{"name", is.Name}, {"email", is.Email}} {
		if why := publishedTextFault(f.v); why != "" {
			return fmt.Errorf("%w: %s %s", ErrIssuer, f.field, why)
		}
	}
	for _, u := range []struct{ field, v string }{{"url", is.URL}, {"base url", is.BaseURL}, {"image", is.Image}} {
		if u.v == "" && u.field != "url" {
			continue
		}
		// Only the image's URL may carry a query: no file name follows it.
		if err := checkURL(strings.ReplaceAll(u.v, "{id}", "x"), u.field != "image"); err != nil {
			return fmt.Errorf("%w: %s %q %v", ErrIssuer, u.field, u.v, err)
		}
	}
	if e := is.Email; e != "" && (strings.ContainsAny(e, " \t\r\n<>") || strings.LastIndex(e, "@") < 1 || strings.HasSuffix(e, "@")) {
		return fmt.Errorf("%w: email %q is not an email address", ErrIssuer, e)
	}
	return nil
}

// publishedTextFault says why s cannot be published as one line of text,
// or is "": a control character (an escape, a newline) or a bidi
// override, which draws its letters in another order than they are.
func publishedTextFault(s string) string {
	switch {
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return "holds control characters (one line of text, as badges show it)"
	case strings.ContainsAny(s, "\u202d\u202e"):
		return "holds a bidi override, which draws its letters in another order than they are"
	}
	return ""
}

// BaseURL checks that s can be published in badges and have files'
// names put after it: an absolute https URL, written as it is sent (no
// space), with no user or password, query or fragment, which would be
// copied into every document or make "/file" part of them.
func BaseURL(s string) error { return checkURL(s, true) }

// checkURL is BaseURL, or for a URL no file name follows (base false),
// the same but for a query.
func checkURL(s string, base bool) error {
	u, err := url.Parse(s)
	switch {
	case err != nil || !strings.HasPrefix(s, "https://") || u.Host == "" || u.Opaque != "":
		return errors.New("must be an absolute https URL such as https://badges.example.org (https:// in lower case)")
	case u.Port() != "" && !validPort(u.Port()):
		return errors.New("must have a port from 1 to 65535, or none")
	case u.User != nil:
		return errors.New("must not hold a user or password")
	case u.Fragment != "" || strings.Contains(s, "#"):
		return errors.New("must not have a fragment (#)")
	case base && (u.RawQuery != "" || u.ForceQuery):
		return errors.New("must not have a query (?): file names follow it")
	case u.String() != s:
		return errors.New("must be written as sent, without spaces (%20 for one)")
	}
	return nil
}

// validPort reports whether p is a TCP port number.
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535
}

// URLOf is the URL of an export file: the base URL, "/", file.
func (is Issuer) URLOf(file string) string {
	base := is.BaseURL
	if base == "" {
		base = is.URL
	}
	return strings.TrimRight(base, "/") + "/" + file
}

// Profile is an Open Badges 2.0 issuer Profile.
type Profile struct {
	Context        string `json:"@context"`
	Type           string `json:"type"`
	ID             string `json:"id"`
	Name           string `json:"name"`
	URL            string `json:"url"`
	Email          string `json:"email,omitempty"`
	RevocationList string `json:"revocationList"`
}

// Profile is the issuer's Profile document, at URLOf(ProfileFile).
func (is Issuer) Profile() Profile {
	return Profile{OBContext, "Profile", is.URLOf(ProfileFile), singleSpaced(is.Name), is.URL, is.Email, is.URLOf(RevocationListFile)}
}

// BadgeClass is an Open Badges 2.0 BadgeClass: what a badge stands for.
type BadgeClass struct {
	Context     string        `json:"@context"`
	Type        string        `json:"type"`
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Description string        `json:"description"`
	Image       string        `json:"image"`
	Criteria    BadgeCriteria `json:"criteria"`
	Issuer      string        `json:"issuer"`
}

// BadgeCriteria says, in Markdown, what earns the badge.
type BadgeCriteria struct {
	Narrative string `json:"narrative"`
}

// CredentialBadgeClass describes a credential's badge from its latest
// rubric: the title, the rubric's intro paragraph and its criteria.
func (is Issuer) CredentialBadgeClass(r Rubric) BadgeClass {
	name := singleSpaced(r.Title) // plain text in a badge, as every name and description
	if name == "" {
		name = r.ID
	}
	desc := IntroParagraph(r.Markdown)
	if desc == "" {
		desc = "The " + name + " micro-credential."
	}
	var crit []string
	for _, c := range r.Criteria {
		n := oneLineMD(c.Name)
		if n == "" {
			n = c.ID
		}
		crit = append(crit, "- "+n)
	}
	return BadgeClass{OBContext, "BadgeClass", is.URLOf(CredentialBadgeFile(r.ID)), name, desc,
		is.image(r.ID, initials(name, CredentialPrefix(r.ID)), false), BadgeCriteria{strings.Join(crit, "\n")}, is.URLOf(ProfileFile)}
}

// StackBadgeClass describes a stack's badge: earned by passing every
// member credential (their latest rubrics, in any order).
func (is Issuer) StackBadgeClass(stack string, members []Rubric) BadgeClass {
	titles := make([]string, len(members))
	for i, r := range members {
		if titles[i] = oneLineMD(r.Title); titles[i] == "" {
			titles[i] = r.ID
		}
	}
	sort.Strings(titles)
	name := singleSpaced(stack)
	desc := "The " + name + " stack: earned by passing every one of its micro-credentials."
	narrative := "Pass every micro-credential of the stack:\n\n- " + strings.Join(titles, "\n- ")
	return BadgeClass{OBContext, "BadgeClass", is.URLOf(StackBadgeFile(stack)), name, desc,
		is.image("stacks/"+StackSlug(stack), initials(name, "S"), true), BadgeCriteria{narrative}, is.URLOf(ProfileFile)}
}

// image is the issuer's image URL for key, or a placeholder SVG.
func (is Issuer) image(key, letters string, stack bool) string {
	if is.Image != "" {
		return strings.ReplaceAll(is.Image, "{id}", key)
	}
	return placeholderImage(letters, stack)
}

// IntroParagraph is the first paragraph of a rubric's Markdown after its
// title heading, on one line; "" when a heading comes first.
func IntroParagraph(md string) string {
	lines := strings.Split(md, "\n")
	i := 0
	skipBlank := func() {
		for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			i++
		}
	}
	skipBlank()
	if i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "# ") {
		i++
		skipBlank()
	}
	var para []string
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			break
		}
		para = append(para, t)
	}
	return strings.Join(para, " ")
}

// Recipient is a hashed email recipient: the email itself never appears.
type Recipient struct {
	Type     string `json:"type"`
	Hashed   bool   `json:"hashed"`
	Salt     string `json:"salt"`
	Identity string `json:"identity"`
}

// EmailRecipient hashes email with salt (HashedIdentity).
func EmailRecipient(email, salt string) Recipient {
	return Recipient{"email", true, salt, HashedIdentity(email, salt)}
}

// Verification says how to verify an assertion: hosted at its id.
type Verification struct {
	Type string `json:"type"`
}

// Evidence points at what the badge was earned with.
type Evidence struct {
	ID        string `json:"id,omitempty"`
	Narrative string `json:"narrative"`
}

// Assertion is an Open Badges 2.0 Assertion: one badge awarded to one
// recipient. A revoked one stays published with Revoked set, as hosted
// verification requires.
type Assertion struct {
	Context          string       `json:"@context"`
	Type             string       `json:"type"`
	ID               string       `json:"id"`
	Recipient        Recipient    `json:"recipient"`
	Badge            string       `json:"badge"`
	IssuedOn         string       `json:"issuedOn"`
	Verification     Verification `json:"verification"`
	Evidence         *Evidence    `json:"evidence,omitempty"`
	Revoked          bool         `json:"revoked,omitempty"`
	RevocationReason string       `json:"revocationReason,omitempty"`
}

// Award is what an Assertion is built from.
type Award struct {
	ID        string // assertion id
	BadgeFile string // CredentialBadgeFile or StackBadgeFile
	Recipient Recipient
	IssuedOn  time.Time
	Evidence  *Evidence // optional
	Revoked   bool
	Reason    string // why it was revoked
}

// Assertion is the award's Assertion document, at URLOf(AssertionFile(id)).
func (is Issuer) Assertion(a Award) Assertion {
	out := Assertion{
		Context: OBContext, Type: "Assertion", ID: is.URLOf(AssertionFile(a.ID)),
		Recipient: a.Recipient, Badge: is.URLOf(a.BadgeFile), IssuedOn: a.IssuedOn.UTC().Format(time.RFC3339),
		Verification: Verification{"hosted"}, Evidence: a.Evidence,
	}
	if a.Revoked {
		out.Revoked, out.RevocationReason = true, a.Reason
	}
	return out
}

// RevocationList is an Open Badges 2.0 RevocationList of this issuer.
type RevocationList struct {
	Context           string             `json:"@context"`
	Type              string             `json:"type"`
	ID                string             `json:"id"`
	Issuer            string             `json:"issuer"`
	RevokedAssertions []RevokedAssertion `json:"revokedAssertions"`
}

// RevokedAssertion names a revoked assertion by its URL, with the reason.
type RevokedAssertion struct {
	ID               string `json:"id"`
	RevocationReason string `json:"revocationReason"`
}

// RevocationList lists the revoked assertions (assertion id → reason),
// sorted by URL; empty, not null, when none is revoked.
func (is Issuer) RevocationList(revoked map[string]string) RevocationList {
	list := RevocationList{OBContext, "RevocationList", is.URLOf(RevocationListFile), is.URLOf(ProfileFile), []RevokedAssertion{}}
	for _, id := range sortedMapKeys(revoked) {
		list.RevokedAssertions = append(list.RevokedAssertions, RevokedAssertion{is.URLOf(AssertionFile(id)), revoked[id]})
	}
	return list
}
