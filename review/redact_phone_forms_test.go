package review

import (
	"strings"
	"testing"
)

// TestRedactPhoneRecordWithLabel: a phone on record written with
// a label holding an x or # before the number ("Text: 808-555-0199",
// "Tel #: …", "Phone # …") is still the candidate's phone: only an x, # or
// ext after the number starts an extension.
func TestRedactPhoneRecordWithLabel(t *testing.T) {
	for _, phone := range []string{"Text: 808-555-0199", "Tel #: 808-555-0199", "Phone # 808 555 0199", "mobile (text ok) 808-555-0199"} {
		got, _ := NewRedactor(&Candidate{Name: "Dana Ruiz", Extra: map[string]string{PhoneField: phone}}).Redact("Call me on 808-555-0199 any evening.")
		if strings.Contains(got, "0199") {
			t.Errorf("phone on record %q: evidence redacted to %q", phone, got)
		}
	}
}

// TestPhoneRecordDoesNotPanic: a record with letters whose lower case is
// longer in UTF-8 (Ⱥ → ⱥ) before an extension: an index into a lowered
// copy of the record cut the record past its end, and `assessor import`
// reported the store as damaged.
func TestPhoneRecordDoesNotPanic(t *testing.T) {
	defer func() {
		if e := recover(); e != nil {
			t.Fatalf("NewRedactor panicked: %v", e)
		}
	}()
	NewRedactor(&Candidate{Name: "Dana Ruiz", Extra: map[string]string{PhoneField: strings.Repeat("Ⱥ", 20) + "x 808 555 0199"}})
}

// TestRedactShortDistrictAfterOkina: a district (or its name without its
// kind) matched only with a capital is found written with its leading
// ʻokina, as Hawaiian place names are ("ʻEwa Beach"), as "'Ewa" and "Ewa"
// are.
func TestRedactShortDistrictAfterOkina(t *testing.T) {
	for _, tc := range []struct{ district, in string }{
		{"Ewa Complex Area", "I teach at ʻEwa Beach Elementary."},
		{"Ewa", "I teach at ʻEwa Beach Elementary."},
		{"Aiea Complex Area", "I teach at ʻAiea High."},
	} {
		got, _ := NewRedactor(&Candidate{Name: "Dana Ruiz", District: tc.district}).Redact(tc.in)
		if !strings.Contains(got, MarkDistrict) {
			t.Errorf("district %q: %q redacted to %q", tc.district, tc.in, got)
		}
	}
}

// TestRedactInternationalPhoneNationalForm: the international phone on
// record (+44 20 7946 0958) is redacted written as its owner writes it at
// home too, "020 7946 0958" or "+44 (0)20 7946 0958".
func TestRedactInternationalPhoneNationalForm(t *testing.T) {
	c := &Candidate{Name: "Dana Ruiz", Extra: map[string]string{PhoneField: "+44 20 7946 0958"}}
	for _, in := range []string{"Call me on 020 7946 0958.", "Call me on +44 (0)20 7946 0958."} {
		got, _ := NewRedactor(c).Redact(in)
		if strings.Contains(got, "7946") {
			flags := ScanLeaks([]EvidencePart{{Title: "Part 1", Text: got}}, "", c, nil)
			t.Errorf("%q redacted to %q (%d flags)", in, got, len(flags))
		}
	}
}

// TestScanUserNameOfTypedInitial: the user-name forms of a name (initial
// and last name, "tthorsdottir") are flagged for a name written with
// letters that have no accent to lose (Þóra Þórsdóttir, Ægir Jónsson), as
// keyboards without Þ and Æ type them, as for the name typed without them.
func TestScanUserNameOfTypedInitial(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"Þóra Þórsdóttir", "files by tthorsdottir and thorsdottirt"},
		{"Ægir Jónsson", "files by ajonsson and jonssona"},
	} {
		if flags := ScanLeaks([]EvidencePart{{Title: "Part 1", Text: tc.in}}, "", &Candidate{Name: tc.name}, nil); len(flags) != 2 {
			t.Errorf("candidate %q: %q has %d flags, want 2 (as for the name typed without its letters)", tc.name, tc.in, len(flags))
		}
	}
}
