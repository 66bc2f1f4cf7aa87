package store

import (
	"errors"
	"testing"
)

func TestAddRubric(t *testing.T) {
	f := newFixture(t)
	r := testRubric("descriptive-feedback", 1, 3)
	if added, err := f.AddRubric(r); err != nil || added {
		t.Errorf("re-adding identical rubric: added=%v err=%v", added, err)
	}
	r.Title = "Changed"
	_, err := f.AddRubric(r)
	if !errors.Is(err, ErrRubricChanged) {
		t.Fatalf("changed rubric: %v", err)
	}
	if want := "rubric descriptive-feedback version 1 already stored with different content: bump version"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	r.Version = 2
	if added, err := f.AddRubric(r); err != nil || !added {
		t.Errorf("version 2: added=%v err=%v", added, err)
	}
	for _, bad := range []func(){
		func() { r.ID = "bad id" },
		func() { r.ID, r.Version = "ok", 0 },
		func() { r.Version, r.Criteria = 1, nil },
	} {
		bad()
		if _, err := f.AddRubric(r); !errors.Is(err, ErrInvalid) {
			t.Errorf("invalid rubric %+v: %v", r.ID, err)
		}
	}
}

func TestCredentialsAndRubric(t *testing.T) {
	f := newFixture(t)
	for _, r := range []struct {
		id string
		v  int
	}{{"descriptive-feedback", 3}, {"descriptive-feedback", 2}, {"a-first", 1}, {"descriptive", 5}} {
		if _, err := f.AddRubric(testRubric(r.id, r.v, 1)); err != nil {
			t.Fatal(err)
		}
	}
	creds, err := f.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range creds {
		got = append(got, r.ID+"@"+string(rune('0'+r.Version)))
	}
	if want := []string{"a-first@1", "classroom-discourse@1", "descriptive@5", "descriptive-feedback@3"}; !equal(got, want) {
		t.Errorf("Credentials = %v, want %v", got, want)
	}
	for _, tt := range []struct {
		id       string
		ask, get int
	}{{"descriptive-feedback", 0, 3}, {"descriptive-feedback", 1, 1}, {"descriptive", 0, 5}, {"a-first", 0, 1}} {
		r, err := f.Rubric(tt.id, tt.ask)
		if err != nil || r.ID != tt.id || r.Version != tt.get {
			t.Errorf("Rubric(%s, %d) = %s@%d, %v; want version %d", tt.id, tt.ask, r.ID, r.Version, err, tt.get)
		}
	}
	for _, tt := range []struct {
		id string
		v  int
	}{{"nope", 0}, {"descriptive-feedback", 4}, {"descriptive-f", 0}, {"zzz", 0}} {
		if _, err := f.Rubric(tt.id, tt.v); !errors.Is(err, ErrNotFound) {
			t.Errorf("Rubric(%s, %d): %v, want ErrNotFound", tt.id, tt.v, err)
		}
	}
}
