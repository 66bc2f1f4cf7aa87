package store

import (
	"errors"
	"strings"
	"testing"

	"assessor/review"
)

// Lead commands name an application by id or by handle (Resolve), so no
// name may be one application's id and another's handle.

// drawnHandles is the handles a fresh fixture draws for its first n new
// applications: its pseudonym source is seeded.
func drawnHandles(t *testing.T, n int) []string {
	t.Helper()
	f := newFixture(t)
	var out []string
	for i := range n {
		id := "H-" + string(rune('1'+i))
		f.mustImport(submission(id, "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
		a, err := f.Application(id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Pseudonym)
	}
	return out
}

// resolvesTo checks that name names application app.
func resolvesTo(t *testing.T, f *fixture, name, app string) {
	t.Helper()
	k, _, err := f.Resolve(name)
	if err != nil || k.Application != app {
		t.Errorf("Resolve(%q) = %q, %v; want application %q", name, k.Application, err, app)
	}
}

func TestNewHandleIsNeverAnApplicationID(t *testing.T) {
	h := drawnHandles(t, 2)
	f := newFixture(t)
	// The first application's id is the handle the second would draw.
	f.mustImport(
		submission(h[1], "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-9", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
	)
	first, err := f.Application(h[1])
	if err != nil || first.Pseudonym != h[0] {
		t.Fatalf("application %s has handle %q (%v), want %q: the fixture draws otherwise now", h[1], first.Pseudonym, err, h[0])
	}
	a9, err := f.Application("A-9")
	if err != nil {
		t.Fatal(err)
	}
	if a9.Pseudonym == h[1] {
		t.Fatalf("A-9 drew handle %q, application %s's id", a9.Pseudonym, h[1])
	}
	resolvesTo(t, f, a9.Pseudonym, "A-9")
	resolvesTo(t, f, h[1], h[1])
}

// wantApplicationRefused checks that err refuses file's line as an
// application id that is a handle.
func wantApplicationRefused(t *testing.T, err error, file string, line int) {
	t.Helper()
	var le *review.LineError
	if !errors.As(err, &le) || le.File != file || le.Line != line || le.Field != "application" ||
		!strings.Contains(err.Error(), "already another application's handle") {
		t.Fatalf("err = %v, want %s:%d: application: … already another application's handle …", err, file, line)
	}
}

func TestImportRefusesApplicationIDThatIsAHandle(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	a1, err := f.Application("A-1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.Import("next.jsonl", records(t,
		submission("A-2", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
		submission(a1.Pseudonym, "descriptive-feedback", 1, "2024-02-01T12:00:00Z"),
	))
	wantApplicationRefused(t, err, "next.jsonl", 2)
	if _, err := f.Application("A-2"); !errors.Is(err, ErrNotFound) {
		t.Errorf("A-2 stored by a refused import: %v", err)
	}
	resolvesTo(t, f, a1.Pseudonym, "A-1")
}

// Within one import, a handle drawn for an earlier line refuses a later
// line's application id as a stored one does, in one commit or in chunks
// (whose new handles wait in a sweep, import_sweep.go).
func TestImportRefusesApplicationIDThatIsAHandleDrawnInTheSameFile(t *testing.T) {
	h := drawnHandles(t, 1)
	defer func(was int) { chunkLines = was }(chunkLines)
	for _, chunk := range []int{chunkLines, 1} {
		chunkLines = chunk
		f := newFixture(t)
		_, err := f.Import("batch.jsonl", records(t,
			submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
			submission(h[0], "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
		))
		wantApplicationRefused(t, err, "batch.jsonl", 2)
		if c := f.counts(); c != (Counts{}) {
			t.Errorf("chunks of %d lines: counts after a refused import %+v, want zero", chunk, c)
		}
	}
}

// A store from before import refused it can hold a name that is one
// application's id and another's handle: Resolve refuses it, saying how to
// name each, rather than pick one.
func TestResolveRefusesNameThatIsAnIDAndAnotherHandle(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-9", "descriptive-feedback", 1, "2024-02-01T11:00:00Z"),
	)
	a1, _ := f.Application("A-1")
	a9, _ := f.Application("A-9")
	// Give A-9 the handle "A-1", as an older import could have drawn it.
	if err := f.update(func(t *txn) error {
		old := a9.Pseudonym
		a9.Pseudonym = "A-1"
		return errors.Join(t.del(bucketPseudonyms, []byte(old)),
			t.putRaw(bucketPseudonyms, []byte("A-1"), []byte("A-9")),
			t.put(bucketApplications, []byte("A-9"), a9))
	}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"A-1", "A-1#1"} {
		_, _, err := f.Resolve(name)
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "by its handle "+a1.Pseudonym) ||
			!strings.Contains(err.Error(), "by its id A-9") || strings.Contains(err.Error(), "\n") {
			t.Errorf("Resolve(%q) err = %v, want one line naming %s by its handle and A-9 by its id", name, err, a1.Pseudonym)
		}
	}
	resolvesTo(t, f, a1.Pseudonym, "A-1")
	resolvesTo(t, f, "A-9", "A-9")
}

// TestFlaggedKeyOpensAttemptWhoseHandleIsAnotherID: in a store where
// A-9's handle is A-1's id, Resolve refuses that handle, so the lead's
// list gives each attempt's key and its flags are read by it.
func TestFlaggedKeyOpensAttemptWhoseHandleIsAnotherID(t *testing.T) {
	f := newFixture(t)
	f.mustImport(
		submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"),
		submission("A-9", "descriptive-feedback", 1, "2024-02-01T11:00:00Z").with("parts",
			[]map[string]any{{"title": "Part 1", "text": "Email kim@example.org"}}),
	)
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		t.Fatal(err)
	}
	a9, _ := f.Application("A-9")
	// Give A-9 (and its attempt) the handle "A-1", as an older import could have drawn it.
	if err := f.update(func(t *txn) error {
		old := a9.Pseudonym
		a9.Pseudonym = "A-1"
		at, _, err := t.attempt(key("A-9", 1))
		if err != nil {
			return err
		}
		at.Pseudonym = "A-1"
		return errors.Join(t.putAttempt(at, nil), t.del(bucketPseudonyms, []byte(old)),
			t.putRaw(bucketPseudonyms, []byte("A-1"), []byte("A-9")),
			t.put(bucketApplications, []byte("A-9"), a9))
	}); err != nil {
		t.Fatal(err)
	}
	fl, err := f.Flagged()
	if err != nil || len(fl) != 1 || fl[0].Handle != "A-1#1" {
		t.Fatalf("flagged %+v %v, want A-9's attempt as A-1#1", fl, err)
	}
	if _, _, err := f.Resolve(fl[0].Handle); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Resolve(%q) = %v, want it refused", fl[0].Handle, err)
	}
	if fl[0].Key != key("A-9", 1) {
		t.Fatalf("flagged key %v, want A-9#1", fl[0].Key)
	}
	rep, err := f.FlagReport("lead", fl[0].Key, "weekly check")
	if err != nil || rep.Handle != "A-1#1" || len(rep.Open) != 1 || rep.Open[0].Kind != review.LeakEmail {
		t.Errorf("flags read by the listed key: %+v, %v; want A-9's one e-mail", rep, err)
	}
}
