package review

import (
	"reflect"
	"testing"
)

// A name written with invisible characters in it shows as the name on a
// terminal, so it must be redacted, flagged and drawn as the name.
func TestInvisibleCharactersHideNothing(t *testing.T) {
	r := NewRedactor(&Candidate{Name: "José Halvorsen", Email: "jose.h@mail.example.org",
		Extra: map[string]string{PhoneField: "808 555 0199"}})
	for _, tc := range []struct{ in, want string }{
		{"I am Jo\u200bsé Hal\u00advorsen.", "I am [candidate name]."},
		{"I am Jose\u2060Halvorsen.", "I am [candidate name]."},
		{"I am \ufeffJose \u200d Halvorsen!", "I am \ufeff[candidate name]!"},
		{"I am Jo\u200dse Hal\u200cvorsen.", "I am [candidate name]."}, // kept on screen, read through
		{"H\u200ba\u200cl\u200bv\u200bo\u200br\u200bs\u200be\u200bn teaches", "[candidate name] teaches"},
		{"mail jose.h@mail\u200b.example.org", "mail [candidate email]"},
		{"call 808\u200b-555-0199", "call [candidate phone]"},
		{"\u202eJose", "\u202e[candidate name]"},
	} {
		if got, _ := r.Redact(tc.in); got != tc.want {
			t.Errorf("Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}

	for _, tc := range []struct {
		text string
		want []string
	}{
		{"I am Da\u200bna Ru\u200biz.", []string{"candidate-name:Da\u200bna Ru\u200biz"}},
		{"at Ka\u00adpolei High", []string{"listed-name:Ka\u00adpolei High"}},
		{"write k.lee\u200b@school.org", []string{"email:k.lee\u200b@school.org"}},
		{"call 808-555\u2060-0199", []string{"phone:808-555\u2060-0199"}},
		{"\u200bRuiz\u200b", []string{"candidate-name:Ruiz"}},
	} {
		if got := found(t, tc.text, dana, "Kapolei High"); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ScanLeaks(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}

	for in, want := range map[string]string{
		"Ja\u200bne \u202eeoD\u202c":   "Jane eoD",
		"soft\u00adhyphen\ufeff":       "softhyphen",
		"emoji \U0001F44D\ufe0f stays": "emoji \U0001F44D\ufe0f stays",
		"👩\u200d🏫 and می\u200cخواهم":   "👩\u200d🏫 and می\u200cخواهم", // joiners shape what is drawn
		"tag\U000E0001s":               "tags",
		"kept: \u0600 ١٢":              "kept: \u0600 ١٢", // a number sign is drawn
	} {
		if got := Sanitize(in); got != want {
			t.Errorf("Sanitize(%q) = %q, want %q", in, got, want)
		}
	}
}
