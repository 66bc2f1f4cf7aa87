package review

import "testing"

// TestUserNameRedacted: the user name of the candidate's e-mail is
// redacted alone where it identifies them (a digit in it, or made of the
// name), with its letters alone when made of the name; one of plain words
// is not, so the word stays in the evidence.
func TestUserNameRedacted(t *testing.T) {
	for _, tt := range []struct {
		email, text, want string
	}{
		{"mkeoni77@waiakea.k12.hi.us", "Find my portfolio as mkeoni77 online, or MKeoni on the wiki.", "Find my portfolio as [candidate email] online, or [candidate email] on the wiki."},
		{"mkeoni77@waiakea.k12.hi.us", "See mkeoni77-revisions.csv", "See [candidate email]-revisions.csv"},
		{"keonim@school.org", "Signed keonim.", "Signed [candidate email]."},
		{"teach4hawaii@school.org", "My blog: teach4hawaii.", "My blog: [candidate email]."},
		{"science@school.org", "I teach science.", "I teach science."},
		{"m.keoni@school.org", "mkeoni, m.keoni and m keoni", "[candidate email], [candidate email] and [candidate email]"},
		{"mk1@school.org", "mk1 and mk2", "mk1 and mk2"},
		{"2024@school.org", "In 2024 I taught.", "In 2024 I taught."},
		// Its letters and digits only together: prose is not a user name.
		{"grade4teacher@gmail.com", "A grade 4 teacher, grade4teacher online.", "A grade 4 teacher, [candidate email] online."},
		{"science7@gmail.com", "My Science 7 class; science7.", "My Science 7 class; [candidate email]."},
		{"m.keoni77@school.org", "mkeoni77 and m.keoni77, not mkeoni 77", "[candidate email] and [candidate email], not [candidate email] 77"},
		{"science.7@school.org", "My Science 7 class; science.7.", "My Science 7 class; [candidate email]."},
		{"grade.4.teacher@school.org", "A grade 4 teacher: grade.4.teacher", "A grade 4 teacher: [candidate email]"},
		{"science.7@school.org", "by science.\u00ad7, science\u200b7", "by [candidate email], [candidate email]"}, // as a reader sees them
		// Digits before the name's letters go as those after do.
		{"77mkeoni@school.org", "files under mkeoni, 77_mkeoni.pdf", "files under [candidate email], 77_[candidate email].pdf"},
	} {
		r := NewRedactor(&Candidate{Name: "Marisol Keoni", Email: tt.email})
		if got, _ := r.Redact(tt.text); got != tt.want {
			t.Errorf("%s: Redact(%q) = %q, want %q", tt.email, tt.text, got, tt.want)
		}
	}
	// Short, of letters, made of the name: their own address says it is
	// theirs, in prose too ("shape@" of Sam Hape takes the word with it).
	r := NewRedactor(&Candidate{Name: "Dana Ruiz", Email: "druiz@school.org"})
	if got, _ := r.Redact("My login is druiz; see druiz lesson plan.pdf"); got != "My login is [candidate email]; see [candidate email] lesson plan.pdf" {
		t.Errorf("druiz@: %q", got)
	}
}

// TestUserNameOfCompoundSurname: of a surname of two parts, hyphenated or
// not, each part is the other part of the name a user name is made of, as
// is the surname run together: "jalvarez" of José Álvarez-Núñez, the usual
// login of a Spanish name, is replaced as "jnunez" is.
func TestUserNameOfCompoundSurname(t *testing.T) {
	for _, tt := range []struct{ name, email, text, want string }{
		{"José Álvarez-Núñez", "jalvarez@pps.k12.hi.us", "my login is jalvarez", "my login is [candidate email]"},
		{"José Álvarez-Núñez", "jnunez@pps.k12.hi.us", "my login is jnunez", "my login is [candidate email]"},
		{"José Álvarez Núñez", "alvarezj@pps.k12.hi.us", "my login is alvarezj", "my login is [candidate email]"},
		{"Dana Ruiz-Lopez", "druiz@school.org", "my login is druiz", "my login is [candidate email]"},
		{"Dana Ruiz-Lopez", "dlopez@school.org", "my login is dlopez", "my login is [candidate email]"},
		{"Dana Ruiz-Lopez", "druizlopez@school.org", "my login is druizlopez", "my login is [candidate email]"},
	} {
		r := NewRedactor(&Candidate{Name: tt.name, Email: tt.email})
		if got, _ := r.Redact(tt.text); got != tt.want {
			t.Errorf("%s <%s>: Redact(%q) = %q, want %q", tt.name, tt.email, tt.text, got, tt.want)
		}
	}
}
