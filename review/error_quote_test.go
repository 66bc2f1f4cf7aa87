package review

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// TestImportErrorsQuoteBadValuesCut: an import error quotes a bad value or key cut
// to MaxQuoted bytes, so a broken line of megabytes gives a short error
// line, not megabytes on the admin's terminal (or back over ssh).
func TestImportErrorsQuoteBadValuesCut(t *testing.T) {
	big := strings.Repeat("é", 1<<19) // 1 MiB, cut at a character's start
	sub := func(field string, v any) []byte {
		m := map[string]any{"type": "submission", "application": "A-1", "credential": "descriptive-feedback",
			"attempt": 1, "submitted_at": "2024-02-01T10:00:00Z", "parts": []map[string]any{{"title": "Part 1", "text": "x"}}}
		if v == nil {
			delete(m, field)
			m[field+big] = 1
		} else {
			m[field] = v
		}
		b, _ := json.Marshal(m)
		return b
	}
	dec := func(field, v string) []byte {
		m := map[string]any{"type": "decision", "application": "A-1", "attempt": 1, "reviewer": "rev-1",
			"decided_at": "2024-02-02T10:00:00Z", "outcome": "pass", "levels": map[string]string{"C1": "meets"}}
		m[field] = v
		b, _ := json.Marshal(m)
		return b
	}
	quote := `"` + strings.Repeat("é", 32) + `…"`
	for _, c := range []struct {
		name string
		line []byte
		want string
	}{
		{"type", sub("type", big), "1: type: unknown type (want submission or decision): " + quote},
		{"application", sub("application", big), "1: application: " + quote + " must be 1-64 characters"},
		{"credential", sub("credential", big), "1: credential: " + quote + " must be 1-64 characters"},
		{"submitted_at", sub("submitted_at", big), "1: submitted_at: " + quote + " must be an RFC 3339 time"},
		{"started_at", sub("started_at", big), "1: started_at: " + quote + " must be an RFC 3339 time"},
		{"unknown field", sub("x", nil), "1: x" + strings.Repeat("é", 31) + "…: unknown field"},
		{"reviewer", dec("reviewer", big), "1: reviewer: " + quote + " must be 1-64 characters"},
		{"decided_at", dec("decided_at", big), "1: decided_at: " + quote + " must be an RFC 3339 time"},
		{"outcome", dec("outcome", big), "1: outcome: " + quote + " is not pass or resubmit"},
		{"file name", sub("parts", []map[string]any{{"title": "Part 1", "text": "x", "files": []string{"../" + strings.Repeat("é", 2000)}}}),
			"1: parts[0].files[0]: \"../" + strings.Repeat("é", 30) + "…\": must be"},
	} {
		_, err := ParseLine(1, c.line)
		if got := strings.TrimPrefix(ErrorLine(err), ":"); !strings.HasPrefix(got, c.want) || len(got) > 1000 {
			t.Errorf("%s: %d bytes: %.200s…, want %q…", c.name, len(got), got, c.want)
		}
	}
	r := Rubric{Criteria: []Criterion{{ID: "C1"}}, Levels: []string{"meets", "not-yet"}}
	if _, err := ComputeOutcome(r, map[string]string{"C1": big}); err == nil || !strings.HasPrefix(err.Error(), "levels.C1: unknown level "+quote) {
		t.Errorf("unknown level: %.200v", err)
	}
	if _, err := ComputeOutcome(r, map[string]string{big: "meets"}); err == nil || len(err.Error()) > 1000 {
		t.Errorf("unknown criterion: %.200v", err)
	}
	if err := CheckFeedbackKeys(r, map[string]string{big: "x"}); err == nil || len(err.Error()) > 1000 {
		t.Errorf("unknown feedback key: %.200v", err)
	}
}

// TestCutPathErrorCutsTheName: an OS error on a file name of 4,000 bytes
// reads as its operation and the name cut, still wrapping the OS's error;
// any other error is left as it is.
func TestCutPathErrorCutsTheName(t *testing.T) {
	name := strings.Repeat("y", 4000)
	_, osErr := os.Stat(name)
	err := CutPathError(osErr)
	if want := `stat "` + strings.Repeat("y", 64) + `…": file name too long`; err == nil || err.Error() != want || !errors.Is(err, osErr.(*fs.PathError).Err) {
		t.Errorf("CutPathError(%.40v…) = %.200v, want %q", osErr, err, want)
	}
	other := errors.New(name)
	if CutPathError(other) != other {
		t.Error("another error changed")
	}
}
