package review

import (
	"maps"
	"testing"
)

// TestEarlierFeedbackShown: the next reviewer reads earlier feedback with
// the candidate's values as markers, what the leak scan flags in evidence
// redacted, and reviewer ids withheld; a range of scores or pages is not a
// phone there (no lead can clear it), and feedback with nothing to hide
// comes back as it is.
func TestEarlierFeedbackShown(t *testing.T) {
	c := &Candidate{Name: "Dana Ruiz", Email: "dana@example.org", District: "Hilo", State: "HI", Extra: map[string]string{"staff_id": "HI-448812"}}
	e := NewEarlierFeedback(c, NewLeakScanner([]string{"Keaukaha Elementary"}), []string{"rev-2", "lead1"}, []string{"rev-bob"})
	in := map[string]string{
		"C1":      "Dana, staff HI-448812 at Keaukaha Elementary: ask lani@school.org or 808-555-1234.",
		"C2":      "Lexile scores 925-1185 and pages 112-1185 put three students together; your lead 1 group too.",
		"overall": "Signed Rev Bob, with rev-2.",
	}
	want := map[string]string{
		"C1":      "[candidate name], staff [redacted] at [redacted]: ask [redacted] or [redacted].",
		"C2":      in["C2"],
		"overall": "Signed [reviewer], with [reviewer].",
	}
	if got := e.Shown(in); !maps.Equal(got, want) {
		t.Errorf("Shown =\n%q\nwant\n%q", got, want)
	}
	plain := map[string]string{"C2": in["C2"]}
	if got := e.Shown(plain); !maps.Equal(got, plain) {
		t.Errorf("Shown(%q) = %q", plain, got)
	}
}
