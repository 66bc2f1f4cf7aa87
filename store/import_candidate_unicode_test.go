package store

import "testing"

// TestLaterAttemptRepeatsCandidateInOtherUnicodeForm: a later attempt may
// repeat its candidate, "a mismatch is an error" (formats.md §2). The same
// name decomposed (NFD, as macOS and many web forms send "José Núñez") and
// composed (NFC) is one name, drawn identically: the import must not
// refuse the whole file as naming a different candidate.
func TestLaterAttemptRepeatsCandidateInOtherUnicodeForm(t *testing.T) {
	f := newFixture(t)
	nfd := map[string]string{"name": "Jose\u0301 Nu\u0301n\u0303ez", "email": "jose@example.org", "district": "Hilo", "state": "HI"}
	nfc := map[string]string{"name": "Jos\u00e9 N\u00fa\u00f1ez", "email": "jose@example.org", "district": "Hilo", "state": "HI"}
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("candidate", nfd),
		decision("A-1", 1, "rev-07", "2024-02-12T09:00:00Z", "meets", "not-yet", "meets"),
	)
	_, err := f.Import("in.jsonl", records(t, submission("A-1", "descriptive-feedback", 2, "2024-03-01T10:00:00Z").with("candidate", nfc)))
	if err != nil {
		t.Errorf("attempt 2 repeating %q as %q refused: %v", nfd["name"], nfc["name"], err)
	}
}
