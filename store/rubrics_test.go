package store

import (
	"errors"
	"strconv"
	"testing"

	"assessor/review"
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

// TestSharedRubricFollowsStoredBytes: sharedRubric reuses a decoded version
// across transactions only while the version's stored bytes are the ones
// it was decoded from.
func TestSharedRubricFollowsStoredBytes(t *testing.T) {
	f := newFixture(t)
	read := func() review.Rubric {
		t.Helper()
		var r review.Rubric
		err := f.view(func(tx *txn) (err error) {
			r, err = tx.sharedRubric("descriptive-feedback", 1)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if got := read().Title; got != "Descriptive-feedback" {
		t.Fatalf("title %q", got)
	}
	if _, ok := f.rubrics.m[string(rubricKey("descriptive-feedback", 1))]; !ok {
		t.Fatal("the decoded version was not kept")
	}
	// Versions are immutable through AddRubric; rewrite the bytes directly.
	changed := testRubric("descriptive-feedback", 1, 3)
	changed.Title = "Changed"
	err := f.update(func(tx *txn) error { return tx.put(bucketRubrics, rubricKey("descriptive-feedback", 1), changed) })
	if err != nil {
		t.Fatal(err)
	}
	if got := read().Title; got != "Changed" {
		t.Errorf("after the bytes changed: title %q, want the new one", got)
	}
}

// TestAddRubricsAllOrNone: one refused rubric among several stores none,
// and the error says which.
func TestAddRubricsAllOrNone(t *testing.T) {
	f := newFixture(t)
	changed := testRubric("descriptive-feedback", 1, 3)
	changed.Title = "Changed"
	_, err := f.AddRubrics([]review.Rubric{testRubric("new-one", 1, 2), changed})
	var re *RubricError
	if !errors.As(err, &re) || re.Index != 1 || !errors.Is(err, ErrRubricChanged) {
		t.Fatalf("AddRubrics = %v, want a RubricError for the second", err)
	}
	if _, err := f.Rubric("new-one", 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("the first rubric was stored beside the refused one: %v", err)
	}
	added, err := f.AddRubrics([]review.Rubric{testRubric("new-one", 1, 2), testRubric("descriptive-feedback", 1, 3)})
	if err != nil || !added[0] || added[1] {
		t.Errorf("AddRubrics = %v, %v; want the new one added, the stored one unchanged", added, err)
	}
}

// TestAddRubricVersionPast32Bits: a version the store cannot file apart
// from a lower one (2^32 + 1 would land on version 1's place) is refused
// before anything is stored, and not found when asked for (it showed
// version 1); the highest it files is kept as written.
func TestAddRubricVersionPast32Bits(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("an int of 32 bits cannot hold version 2^32+1")
	}
	var wide int64 = 1<<32 + 1
	past := int(wide)
	f := newFixture(t) // holds descriptive-feedback version 1
	if _, err := f.AddRubric(testRubric("descriptive-feedback", past, 3)); !errors.Is(err, ErrInvalid) {
		t.Errorf("version 2^32+1: %v, want ErrInvalid", err)
	}
	top := testRubric("descriptive-feedback", review.MaxRubricVersion, 3)
	if added, err := f.AddRubric(top); err != nil || !added {
		t.Fatalf("version %d: added %v, %v", top.Version, added, err)
	}
	if r, err := f.Rubric("descriptive-feedback", 0); err != nil || r.Version != review.MaxRubricVersion {
		t.Errorf("latest: version %d, %v", r.Version, err)
	}
	if r, err := f.Rubric("descriptive-feedback", 1); err != nil || r.Version != 1 {
		t.Errorf("version 1: version %d, %v", r.Version, err)
	}
	// Asked for, 2^32 + 1 is not found, not version 1.
	if r, err := f.Rubric("descriptive-feedback", past); !errors.Is(err, ErrNotFound) {
		t.Errorf("version 2^32+1: version %d, %v; want not found", r.Version, err)
	}
}

// TestLineEndsLF: only an escaped CR before an escaped LF goes; an escaped
// backslash before an r, or a CR alone, stays.
func TestLineEndsLF(t *testing.T) {
	for in, want := range map[string]string{
		`"a\r\nb"`:     `"a\nb"`,
		`"a\\r\nb"`:    `"a\\r\nb"`,
		`"a\\\r\nb"`:   `"a\\\nb"`,
		`"a\rb"`:       `"a\rb"`,
		`"a\\r\\nb\\"`: `"a\\r\\nb\\"`,
		`"\r\n\r\n"`:   `"\n\n"`,
	} {
		if got := string(lineEndsLF([]byte(in))); got != want {
			t.Errorf("lineEndsLF(%s) = %s, want %s", in, got, want)
		}
	}
}
