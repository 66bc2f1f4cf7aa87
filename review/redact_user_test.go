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
