package review

import (
	"strings"
	"testing"
)

// TestIdentityControlSequences: an identity value carrying terminal
// control sequences ("Hilo" + ESC[31m) means what its reader sees. Import
// stores it cleaned; and a value stored dirty by an earlier release still
// matches a reviewer's declared conflict, is redacted from evidence, and
// prints clean in the fairness rows (which CSV writes as they are).
func TestIdentityControlSequences(t *testing.T) {
	const dirty = "Hilo\x1b[31m"
	rec, err := ParseLine(1, []byte(`{"type":"submission","application":"E-2","credential":"c","attempt":1,"submitted_at":"2026-11-01T00:00:00Z",`+
		`"candidate":{"name":"Ana\u001b]0;x\u0007 Ruiz","district":"Hilo\u001b[31m","\u001b[1mlocale":"urban\u009b2J"},"parts":[{"title":"Part 1","text":"t"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	c := rec.Submission.Candidate
	if c.Name != "Ana Ruiz" || c.District != "Hilo" || c.Extra["locale"] != "urban" || len(c.Extra) != 1 {
		t.Errorf("imported identity %+v", c)
	}

	old := Candidate{Name: "Ana Ruiz", District: dirty}
	if !SameDistrict(dirty, "Hilo") || NearDistrict(dirty, "Hilo") {
		t.Errorf("%q against a declared Hilo: same %v, near %v", dirty, SameDistrict(dirty, "Hilo"), NearDistrict(dirty, "Hilo"))
	}
	if got, _ := NewRedactor(&old).Redact("I teach in Hilo."); got != "I teach in [candidate district]." {
		t.Errorf("redacted against a dirty district: %q", got)
	}
	f := FairnessFigures([]FairnessApp{{Candidate: &Candidate{State: "HI\x1b[0m", District: dirty, Extra: map[string]string{"\x1b[1mlocale": "urban\x1b[2J"}}, FirstDecided: true, AnyDecided: true}}, 1)
	for _, r := range f.Rows {
		if s := r.Attribute + r.State + r.Value; strings.ContainsAny(s, "\x1b\x9b") {
			t.Errorf("fairness row %+v holds a control sequence", r)
		}
	}
}
