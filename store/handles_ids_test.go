package store

import "testing"

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
