package review

import (
	"strings"
	"testing"
)

// TestRedactPhoneAsOnRecord: the candidate's phone is redacted written as
// on record when it is not a US number (its country code is not the start
// of its first word's digits, "+44 20 …"), and when the record adds an
// extension the evidence leaves out.
func TestRedactPhoneAsOnRecord(t *testing.T) {
	for _, tc := range []struct{ phone, in, seen string }{
		{"+44 20 7946 0958", "Call me on +44 20 7946 0958 any evening.", "7946"},
		{"+7 495 123-45-67", "Call me on +7 495 123-45-67 any evening.", "495"},
		{"(808) 555-0199 ext. 12", "Call me on 808-555-0199 any evening.", "0199"},
		{"808-555-0199 x12", "Call me on (808) 555-0199 any evening.", "0199"},
	} {
		got, _ := NewRedactor(&Candidate{Name: "Dana Ruiz", Extra: map[string]string{PhoneField: tc.phone}}).Redact(tc.in)
		if strings.Contains(got, tc.seen) || !strings.Contains(got, MarkPhone) {
			t.Errorf("phone %q: %q redacted to %q", tc.phone, tc.in, got)
		}
	}
}

// TestRedactShortDistrict: a district of three letters, or one whose name
// without its kind has three, is redacted written with a capital, as a
// place name is, and not as an everyday word.
func TestRedactShortDistrict(t *testing.T) {
	for _, tc := range []struct{ district, in, want string }{
		{"Ewa Complex Area", "I teach grade 4 in Ewa, at the Ewa middle school.", "I teach grade 4 in [candidate district], at the [candidate district] middle school."},
		{"Ewa", "I teach grade 4 in Ewa.", "I teach grade 4 in [candidate district]."},
		{"Rye", "We baked rye bread in Rye.", "We baked rye bread in [candidate district]."},
		{"Ewa Complex Area", "ewa is not a word here, Ewa is.", "ewa is not a word here, [candidate district] is."},
		{"Ada", "We read about Ada Lovelace.", "We read about [candidate district] Lovelace."},
	} {
		got, _ := NewRedactor(&Candidate{Name: "Dana Ruiz", District: tc.district}).Redact(tc.in)
		if got != tc.want {
			t.Errorf("district %q: %q redacted to %q, want %q", tc.district, tc.in, got, tc.want)
		}
	}
}
