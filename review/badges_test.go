package review

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

var testIssuer = Issuer{Name: "NEA Micro-credentials", URL: "https://nea.example.org/", Email: "badges@nea.example.org"}

func TestIntroParagraph(t *testing.T) {
	for _, tt := range []struct{ md, want string }{
		{"# Title\n\nFirst line\nsecond line.\n\nSecond paragraph.", "First line second line."},
		{"\n# Title\nRight under the title.\n## Part 1", "Right under the title."},
		{"No title here.\n\nMore.", "No title here."},
		{"# Title\n\n## Part 1: Overview", ""},
		{"", ""},
	} {
		if got := IntroParagraph(tt.md); got != tt.want {
			t.Errorf("IntroParagraph(%q) = %q, want %q", tt.md, got, tt.want)
		}
	}
}

// hexSum is the first 4 bytes of s's SHA-256, in hex.
func hexSum(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:4])
}

func TestStackSlug(t *testing.T) {
	long := "A Very Long Stack Name That Goes On And On For Quite A While Indeed"
	if StackSlug(long) == StackSlug(long+" Two") || len(StackSlug(long)) > 64 {
		t.Errorf("long names %q and %q", StackSlug(long), StackSlug(long+" Two"))
	}
	for in, want := range map[string]string{
		"Assessment Literacy":          "assessment-literacy",
		"  Culturally  Responsive!! ":  "culturally-responsive",
		"STEM & Design (2024)":         "stem-design-2024",
		"日本":                           "stack-" + hexSum("日本"),
		"Pédagogie avancée":            "pedagogie-avancee",
		"Ré":                           "re",
		"R":                            "r",
		"Русский язык 2":               "2-" + hexSum("Русский язык 2"),
		strings.Repeat("ab ", 40) + "": strings.TrimRight(strings.Repeat("ab-", 22)[:55], "-") + "-" + hexSum(strings.Repeat("ab ", 40)),
	} {
		if got := StackSlug(in); got != want {
			t.Errorf("StackSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIssuerValidate(t *testing.T) {
	for _, tt := range []struct {
		name string
		is   Issuer
		ok   bool
	}{
		{"complete", testIssuer, true},
		{"no email", Issuer{Name: "N", URL: "https://x.org"}, true},
		{"image template", Issuer{Name: "N", URL: "https://x.org", Image: "https://x.org/img/{id}.png"}, true},
		{"no name", Issuer{URL: "https://x.org"}, false},
		{"invisible name", Issuer{Name: "\u200b\u00ad", URL: "https://x.org"}, false},
		{"escape in the name", Issuer{Name: "Evil\x1b[31mOrg", URL: "https://x.org"}, false},
		{"two lines", Issuer{Name: "A\nB", URL: "https://x.org"}, false},
		{"long name", Issuer{Name: strings.Repeat("é", MaxIssuerName), URL: "https://x.org"}, true},
		{"too long", Issuer{Name: strings.Repeat("é", MaxIssuerName+1), URL: "https://x.org"}, false},
		{"a name joined in Persian", Issuer{Name: "می\u200cخواهم", URL: "https://x.org"}, true},
		{"right-to-left mark", Issuer{Name: "جامعة القاهرة\u200f (Cairo)", URL: "https://x.org"}, true},
		{"bidi override", Issuer{Name: "Evil \u202egro.AEN", URL: "https://x.org"}, false},
		{"variation selector", Issuer{Name: "葛\U000E0100飾区", URL: "https://x.org"}, true},
		{"no url", Issuer{Name: "N"}, false},
		{"relative url", Issuer{Name: "N", URL: "x.org"}, false},
		{"ftp base", Issuer{Name: "N", URL: "https://x.org", BaseURL: "ftp://x.org"}, false},
		{"bad email", Issuer{Name: "N", URL: "https://x.org", Email: "nobody"}, false},
		{"no domain", Issuer{Name: "N", URL: "https://x.org", Email: "a@"}, false},
		{"escape in the email", Issuer{Name: "N", URL: "https://x.org", Email: "ad\x1b[2Jmin@x.org"}, false},
		{"bell in the email", Issuer{Name: "N", URL: "https://x.org", Email: "admin\x07@x.org"}, false},
		{"bidi override in the email", Issuer{Name: "N", URL: "https://x.org", Email: "ad\u202emin@x.org"}, false},
		{"bidi override in the url's host", Issuer{Name: "N", URL: "https://ex\u202eample.org"}, false},
		{"control character in the url's host", Issuer{Name: "N", URL: "https://ex\u0085ample.org"}, false},
		{"bidi override in the image", Issuer{Name: "N", URL: "https://x.org", Image: "https://x\u202d.org/{id}.png"}, false},
		{"bidi override in the base url", Issuer{Name: "N", URL: "https://x.org", BaseURL: "https://x\u202d.org/b"}, false},
		{"path", Issuer{Name: "N", URL: "https://x.org/badges/"}, true},
		{"escaped space", Issuer{Name: "N", URL: "https://x.org/a%20b"}, true},
		{"plain http", Issuer{Name: "N", URL: "http://x.org"}, false},
		{"capitals", Issuer{Name: "N", URL: "HTTPS://x.org"}, false},
		{"port", Issuer{Name: "N", URL: "https://x.org:8443/b"}, true},
		{"no such port", Issuer{Name: "N", URL: "https://x.org:99999"}, false},
		{"query and fragment", Issuer{Name: "N", URL: "https://x.example/?q=1#frag"}, false},
		{"fragment", Issuer{Name: "N", URL: "https://x.example/#"}, false},
		{"space", Issuer{Name: "N", URL: "https://x.example/a b"}, false},
		{"password", Issuer{Name: "N", URL: "https://user:pw@x.example"}, false},
		{"image with a query", Issuer{Name: "N", URL: "https://x.org", Image: "https://x.org/{id}.png?v=2"}, true},
		{"base with a query", Issuer{Name: "N", URL: "https://x.org", BaseURL: "https://x.org/b?v=2"}, false},
	} {
		err := tt.is.Validate()
		if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrIssuer) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

func TestBadgeDerivations(t *testing.T) {
	secret := []byte(strings.Repeat("k", BadgeSecretSize))
	f := FeedbackFileName(secret, "A-1", 2)
	if f != FeedbackFileName(secret, "A-1", 2) || !strings.HasPrefix(f, "A-1-attempt-2-") || len(f) != len("A-1-attempt-2-")+16+len(".md") ||
		f[len("A-1-attempt-2"):] == FeedbackFileName(secret, "A-1", 1)[len("A-1-attempt-1"):] ||
		f == FeedbackFileName([]byte(strings.Repeat("j", BadgeSecretSize)), "A-1", 2) {
		t.Errorf("feedback file names are not stable per secret and unguessable per attempt: %s", f)
	}
	id := CredentialAssertionID(secret, "A-1")
	if id != CredentialAssertionID(secret, "A-1") || id == CredentialAssertionID(secret, "A-2") ||
		id == CredentialAssertionID([]byte(strings.Repeat("j", BadgeSecretSize)), "A-1") {
		t.Fatalf("assertion ids are not stable per secret and application: %s", id)
	}
	if !ValidID(id) || !ValidID(StackAssertionID(secret, "Assessment Literacy", "abc")) {
		t.Errorf("assertion ids must be valid ids: %s", id)
	}
	if AssertionSalt(secret, id) == AssertionSalt(secret, CredentialAssertionID(secret, "A-2")) {
		t.Error("two assertions share a salt")
	}
	if string(CandidateKey(secret, " Dana@Example.org")) != string(CandidateKey(secret, "dana@example.org")) {
		t.Error("candidate key depends on case or spacing")
	}
	salt := AssertionSalt(secret, id)
	sum := sha256.Sum256([]byte("dana@example.org" + salt))
	if got := HashedIdentity("Dana@example.org ", salt); got != "sha256$"+hex.EncodeToString(sum[:]) {
		t.Errorf("hashed identity %s", got)
	}
}

func TestBadgeDocuments(t *testing.T) {
	r := Rubric{ID: "df", Title: "Descriptive Feedback", Stack: "Assessment Literacy",
		Criteria: []Criterion{{ID: "C1", Name: "Feedback is tied to the target"}, {ID: "C2"}},
		Markdown: "# Descriptive Feedback\n\nFeedback that tells students what to do next.\n\n## Part 1"}
	bc := testIssuer.CredentialBadgeClass(r)
	if bc.ID != "https://nea.example.org/badges/df.json" || bc.Issuer != "https://nea.example.org/issuer.json" ||
		bc.Description != "Feedback that tells students what to do next." ||
		bc.Criteria.Narrative != "- Feedback is tied to the target\n- C2" {
		t.Errorf("badge class %+v", bc)
	}
	svg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(bc.Image, "data:image/svg+xml;base64,"))
	if err != nil || !strings.Contains(string(svg), ">DF</text>") {
		t.Errorf("placeholder image %q: %v", svg, err)
	}
	st := testIssuer.StackBadgeClass("Assessment Literacy", []Rubric{r, {ID: "lt", Title: "Learning Targets"}})
	if st.ID != "https://nea.example.org/badges/stacks/assessment-literacy.json" ||
		st.Criteria.Narrative != "Pass every micro-credential of the stack:\n\n- Descriptive Feedback\n- Learning Targets" {
		t.Errorf("stack badge class %+v", st)
	}
	withImage := testIssuer
	withImage.Image = "https://img.example.org/{id}.png"
	if got := withImage.StackBadgeClass("Assessment Literacy", nil).Image; got != "https://img.example.org/stacks/assessment-literacy.png" {
		t.Errorf("issuer image %s", got)
	}
	a := testIssuer.Assertion(Award{ID: "c-1", BadgeFile: CredentialBadgeFile("df"), Recipient: EmailRecipient("d@x.org", "s"),
		IssuedOn: time.Date(2024, 2, 3, 10, 0, 0, 0, time.FixedZone("HST", -10*3600)), Revoked: true, Reason: "plagiarism"})
	b, _ := json.Marshal(a)
	want := `{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://nea.example.org/assertions/c-1.json",` +
		`"recipient":{"type":"email","hashed":true,"salt":"s","identity":"` + HashedIdentity("d@x.org", "s") + `"},` +
		`"badge":"https://nea.example.org/badges/df.json","issuedOn":"2024-02-03T20:00:00Z","verification":{"type":"hosted"},` +
		`"revoked":true,"revocationReason":"plagiarism"}`
	if string(b) != want {
		t.Errorf("assertion\n got %s\nwant %s", b, want)
	}
	list := testIssuer.RevocationList(map[string]string{"s-2": "b", "c-1": "a"})
	if len(list.RevokedAssertions) != 2 || list.RevokedAssertions[0].ID != "https://nea.example.org/assertions/c-1.json" {
		t.Errorf("revocation list %+v", list)
	}
	if b, _ := json.Marshal(testIssuer.RevocationList(nil)); !strings.Contains(string(b), `"revokedAssertions":[]`) {
		t.Errorf("empty revocation list %s", b)
	}
}

// TestCompletedStacks: a stack needs a pass in each member credential of
// its latest rubric; the earliest pass of each counts and the stack is
// issued on the latest of them.
func TestCompletedStacks(t *testing.T) {
	creds := map[string]Rubric{
		"df": {ID: "df", Stack: "AL"}, "lt": {ID: "lt", Stack: "AL"},
		"fp": {ID: "fp", Stack: "CR"}, "solo": {ID: "solo"},
	}
	p := func(cand, cred, app, at string) CandidatePass { return CandidatePass{cand, cred, app, day(at)} }
	got := CompletedStacks(creds, []CandidatePass{
		p("x", "df", "X1", "2024-02-01T00:00:00Z"),
		p("x", "lt", "X2", "2024-03-01T00:00:00Z"),
		p("x", "lt", "X3", "2024-02-15T00:00:00Z"), // an earlier pass of lt: it counts
		p("y", "df", "Y1", "2024-02-01T00:00:00Z"), // y lacks lt
		p("y", "fp", "Y2", "2024-04-01T00:00:00Z"),
		p("", "fp", "Z1", "2024-04-01T00:00:00Z"), // no candidate key
		p("y", "solo", "Y3", "2024-04-01T00:00:00Z"),
	})
	if len(got) != 2 {
		t.Fatalf("completions %+v", got)
	}
	if c := got[0]; c.Stack != "AL" || c.Candidate != "x" || !c.IssuedOn.Equal(day("2024-02-15T00:00:00Z")) ||
		len(c.Passes) != 2 || c.Passes[1].Application != "X3" {
		t.Errorf("AL %+v", c)
	}
	if c := got[1]; c.Stack != "CR" || c.Candidate != "y" || !c.IssuedOn.Equal(day("2024-04-01T00:00:00Z")) {
		t.Errorf("CR %+v", c)
	}
}

// TestRecomputeLeavesRevokedPassOut: a pass whose badge a lead revoked
// completes no stack in the recomputed tallies, as in the badge set.
func TestRecomputeLeavesRevokedPassOut(t *testing.T) {
	creds := map[string]Rubric{"df": {ID: "df", Stack: "AL"}, "lt": {ID: "lt", Stack: "AL"}}
	h := func(app, cred string) History {
		d := &Decision{Application: app, Attempt: 1, Outcome: Pass, DecidedAt: day("2024-02-01T00:00:00Z")}
		return History{Application: Application{ID: app, Credential: cred, Attempts: 1, LastOutcome: Pass}, Stack: "AL",
			Attempts: []AttemptOutcome{{Number: 1, SubmittedAt: day("2024-01-20T00:00:00Z"), Decision: d}}, Candidate: "x"}
	}
	hs := []History{h("X1", "df"), h("X2", "lt")}
	if got := Recompute(creds, hs).StacksCompleted["AL"]; got != 1 {
		t.Fatalf("completed %d before the revocation, want 1", got)
	}
	hs[1].PassRevoked = true
	if got := Recompute(creds, hs).StacksCompleted["AL"]; got != 0 {
		t.Errorf("completed %d with the pass of lt revoked, want 0", got)
	}
}

// TestBadgeNamesArePlainText: an Open Badges name or description is plain
// text, so the issuer's, a credential's and a stack's names go in as
// written, without the backslashes that escape Markdown in the feedback
// export and in the criteria narrative (which is Markdown).
func TestBadgeNamesArePlainText(t *testing.T) {
	is := Issuer{Name: "Smith & Jones   Teacher Academy", URL: "https://badges.example.org"}
	r := Rubric{ID: "rw", Title: "Reading & Writing <K-12>", Stack: "Literacy | Reading",
		Markdown: "# x\n\nIntro.\n", Criteria: []Criterion{{ID: "C1", Name: "Uses [evidence]"}}}
	if got := is.Profile().Name; got != "Smith & Jones Teacher Academy" {
		t.Errorf("issuer profile name = %q", got)
	}
	c := is.CredentialBadgeClass(r)
	if c.Name != r.Title || c.Criteria.Narrative != `- Uses \[evidence]` {
		t.Errorf("credential badge: name %q, narrative %q", c.Name, c.Criteria.Narrative)
	}
	s := is.StackBadgeClass(r.Stack, []Rubric{r})
	if s.Name != r.Stack || !strings.HasPrefix(s.Description, "The Literacy | Reading stack") || !strings.HasSuffix(s.Criteria.Narrative, `- Reading \& Writing \<K-12>`) {
		t.Errorf("stack badge: name %q, description %q, narrative %q", s.Name, s.Description, s.Criteria.Narrative)
	}
}
