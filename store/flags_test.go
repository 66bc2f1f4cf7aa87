package store

import (
	"encoding/json"
	"strings"
	"testing"

	"assessor/review"
)

func TestImportFlagsIdentifyingDetails(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z").with("parts", []map[string]any{
			{"title": "Part 1", "text": "Ms. Dana Ruiz, room 4"},
			{"title": "Part 2", "text": "call 808-555-0199 or 808-555-0100"},
			{"title": "Part 3", "text": "clean"},
		}),
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
	)
	q, err := f.Queue("rev-1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	// The candidate's own name is redacted, not flagged: only the phones
	// (not the candidate's) are left for a lead.
	if len(q) != 2 || q[0].Flags != 1 || q[1].Flags != 0 {
		t.Errorf("flags %+v", q)
	}
	a, err := f.Attempt(key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	if a.Parts[0].Text != "Ms. [candidate name], room 4" {
		t.Errorf("reviewer's text %q, want the name redacted", a.Parts[0].Text)
	}
	want := []review.Leak{
		{Part: 1, Start: 5, End: 17, Kind: review.LeakPhone},
		{Part: 1, Start: 21, End: 33, Kind: review.LeakPhone},
	}
	if len(a.Leaks) != len(want) {
		t.Fatalf("leaks %+v, want %+v", a.Leaks, want)
	}
	for i := range want {
		if a.Leaks[i] != want[i] {
			t.Errorf("leak %d = %+v, want %+v", i, a.Leaks[i], want[i])
		}
	}
	// Spans only: the stored leaks hold no matched text.
	raw, _ := json.Marshal(a.Leaks)
	if strings.Contains(string(raw), "Dana") || strings.Contains(string(raw), "555") {
		t.Errorf("stored leaks carry matched text: %s", raw)
	}
}

// TestLaterAttemptScannedAgainstVault: attempt 2 carries no candidate, yet
// its evidence is redacted against the identity stored with attempt 1, and
// what is left is scanned.
func TestLaterAttemptScannedAgainstVault(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		decision("A-1", 1, "rev-1", "2024-02-02T10:00:00Z", "meets", "not-yet", "meets"),
		submission("A-1", "descriptive-feedback", 2, "2024-02-10T10:00:00Z").with("candidate", nil).with("parts",
			[]map[string]any{{"title": "Part 1", "text": "Revised. Email dana@example.org or kim@example.org", "files": []string{"ruiz-plan.pdf", "kim-notes.pdf"}}}),
	)
	a, err := f.Attempt(key("A-1", 2))
	if err != nil {
		t.Fatal(err)
	}
	p := a.Parts[0]
	if p.Text != "Revised. Email [candidate email] or kim@example.org" || p.Files[0] != "[candidate name]-plan.pdf" || p.Files[1] != "kim-notes.pdf" {
		t.Errorf("reviewer's part %+v", p)
	}
	if len(a.Leaks) != 1 || a.Leaks[0].Kind != review.LeakEmail {
		t.Errorf("leaks %+v, want the other e-mail only", a.Leaks)
	}
	fl, err := f.Flagged()
	if err != nil {
		t.Fatal(err)
	}
	if len(fl) != 1 || fl[0].Decided || len(fl[0].Leaks) != 1 || fl[0].Leaks[0].Place != "part 1" {
		t.Fatalf("flagged %+v", fl)
	}
	var orig submittedEvidence
	if err := f.view(func(tx *txn) (err error) { orig, _, err = tx.submitted(key("A-1", 2)); return err }); err != nil {
		t.Fatal(err)
	}
	if orig.Parts[0].Text != "Revised. Email dana@example.org or kim@example.org" || orig.Parts[0].Files[0] != "ruiz-plan.pdf" || len(orig.Redacted) != 2 {
		t.Errorf("evidence as submitted %+v", orig)
	}
	if strings.HasPrefix(fl[0].Handle, "A-1") || !strings.HasSuffix(fl[0].Handle, "#2") {
		t.Errorf("flagged handle %q should be the pseudonym", fl[0].Handle)
	}
	f.mustCheck()
}

func TestListedNamesAffectLaterImports(t *testing.T) {
	f := newFixture(t)
	withSchool := func(app, submitted string) line {
		return submission(app, "descriptive-feedback", 1, submitted).with("candidate", nil).with("parts",
			[]map[string]any{{"title": "Part 1", "text": "Our team at Kapolei High meets weekly."}})
	}
	f.mustImport(withSchool("A-1", "2024-02-01T10:00:00Z"))
	if added, err := f.AddListedName("  kapolei   HIGH "); err != nil || !added {
		t.Fatalf("add: %v %v", added, err)
	}
	if added, err := f.AddListedName("Kapolei High"); err != nil || added {
		t.Fatalf("re-add (other case) should be a no-op: %v %v", added, err)
	}
	if _, err := f.AddListedName("  "); err == nil {
		t.Fatal("blank name accepted")
	}
	f.mustImport(withSchool("A-2", "2024-02-01T11:00:00Z"))
	names, err := f.ListedNames()
	if err != nil || len(names) != 1 || names[0] != "kapolei HIGH" {
		t.Fatalf("names %q %v", names, err)
	}
	a1, _ := f.Attempt(key("A-1", 1))
	a2, _ := f.Attempt(key("A-2", 1))
	if len(a1.Leaks) != 0 {
		t.Errorf("the list changed attempt 1, imported before it: %+v", a1.Leaks)
	}
	if len(a2.Leaks) != 1 || a2.Leaks[0].Kind != review.LeakListedName {
		t.Errorf("attempt imported after adding: %+v", a2.Leaks)
	}
	if err := f.RemoveListedName("KAPOLEI high"); err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveListedName("Kapolei High"); err == nil {
		t.Fatal("removing a name not on the list succeeded")
	}
	if names, _ := f.ListedNames(); len(names) != 0 {
		t.Errorf("names after remove %q", names)
	}
}
