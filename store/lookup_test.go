package store

import (
	"errors"
	"testing"
)

func TestLookup(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-1", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	a, err := f.Attempt(key("A-1", 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{a.Handle(), a.Pseudonym} {
		got, err := f.Lookup(h)
		if err != nil || got != key("A-1", 1) {
			t.Fatalf("Lookup(%q) = %v, %v", h, got, err)
		}
	}
	for _, h := range []string{"XX-0000", a.Pseudonym + "#2", a.Pseudonym + "#x"} {
		if _, err := f.Lookup(h); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Lookup(%q): err %v, want ErrNotFound", h, err)
		}
	}
}
