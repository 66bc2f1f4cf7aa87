package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// snippetFixture is a store with a lead, an admin and two plain reviewers.
func snippetFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t)
	for _, r := range []review.Reviewer{
		{ID: "lead-1", Role: review.RoleLead}, {ID: "admin-1", Role: review.RoleAdmin},
		{ID: "rev-a"}, {ID: "rev-b"},
	} {
		if err := f.AddReviewer(r); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// save saves a snippet for descriptive-feedback C2 and advances the clock,
// so each snippet is newer than the one before.
func (f *fixture) save(reviewer, owner, text string) review.Snippet {
	f.t.Helper()
	sn, err := f.SaveSnippet(reviewer, review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: text, Owner: owner})
	if err != nil {
		f.t.Fatalf("SaveSnippet(%s, %q): %v", reviewer, text, err)
	}
	f.clock.Advance(time.Minute)
	return sn
}

func snippetTexts(sns []review.Snippet) []string {
	var out []string
	for _, s := range sns {
		out = append(out, s.Text)
	}
	return out
}

func TestSnippetsVisibilityAndOrder(t *testing.T) {
	f := snippetFixture(t)
	f.save("rev-a", "rev-a", "a old")
	f.save("lead-1", "", "shared old")
	f.save("rev-b", "rev-b", "b only")
	f.save("rev-a", "rev-a", "a new")
	f.save("admin-1", "", "shared new")
	// Another criterion and credential stay out of C2's bank.
	if _, err := f.SaveSnippet("rev-a", review.Snippet{Credential: "descriptive-feedback", Criterion: "C1", Text: "c1", Owner: "rev-a"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.SaveSnippet("rev-a", review.Snippet{Credential: "classroom-discourse", Criterion: "C2", Text: "cd", Owner: "rev-a"}); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		reviewer string
		want     []string
	}{
		{"rev-a", []string{"shared new", "shared old", "a new", "a old"}},
		{"rev-b", []string{"shared new", "shared old", "b only"}},
		{"lead-1", []string{"shared new", "shared old"}}, // a lead sees no one's personal bank
		{"nobody", []string{"shared new", "shared old"}},
		{"", []string{"shared new", "shared old"}},
	} {
		got, err := f.Snippets(tc.reviewer, "descriptive-feedback", "C2")
		if err != nil {
			t.Fatal(err)
		}
		if texts := snippetTexts(got); !slices.Equal(texts, tc.want) {
			t.Errorf("Snippets(%q) = %q, want %q", tc.reviewer, texts, tc.want)
		}
	}

	all, err := f.ListSnippets("rev-a", "", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cd", "c1", "shared new", "shared old", "a new", "a old"}
	if texts := snippetTexts(all); !slices.Equal(texts, want) {
		t.Errorf("ListSnippets(rev-a) = %q, want %q", texts, want)
	}
	one, err := f.ListSnippets("rev-a", "descriptive-feedback", "")
	if err != nil || len(one) != 5 {
		t.Errorf("ListSnippets(rev-a, descriptive-feedback) = %d snippets, %v; want 5", len(one), err)
	}
	if _, err := f.ListSnippets("rev-a", "", "C2"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ListSnippets with a criterion but no credential: %v, want ErrInvalid", err)
	}
}

func TestSnippetsSameTimeNewestIDFirst(t *testing.T) {
	f := snippetFixture(t)
	var ids []string
	for i := range 11 { // ids 1..11: "10" and "11" must sort above "9"
		sn, err := f.SaveSnippet("rev-a", review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: strings.Repeat("x", i+1), Owner: "rev-a"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sn.ID)
	}
	got, err := f.Snippets("rev-a", "descriptive-feedback", "C2")
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(ids)
	var gotIDs []string
	for _, s := range got {
		gotIDs = append(gotIDs, s.ID)
	}
	if !slices.Equal(gotIDs, ids) {
		t.Errorf("ids = %v, want newest first %v", gotIDs, ids)
	}
}

func TestSaveSnippetAssignsAndOwns(t *testing.T) {
	f := snippetFixture(t)
	sn, err := f.SaveSnippet("rev-a", review.Snippet{ID: "chosen", Credential: "descriptive-feedback", Criterion: "C2",
		Text: "  Name the step.\n\n", Owner: "rev-b", CreatedAt: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if sn.ID == "" || sn.ID == "chosen" || !sn.CreatedAt.Equal(t0) || sn.Owner != "rev-a" || sn.Text != "Name the step." {
		t.Errorf("saved %+v; want a new id, CreatedAt %v, owner rev-a (not rev-b), trimmed text", sn, t0)
	}
	f.reopen()
	got, err := f.Snippets("rev-a", "descriptive-feedback", "C2")
	if err != nil || len(got) != 1 || got[0] != sn {
		t.Errorf("after reopening: %+v, %v; want [%+v]", got, err, sn)
	}
	if other, _ := f.Snippets("rev-b", "descriptive-feedback", "C2"); len(other) != 0 {
		t.Errorf("rev-b sees %+v: an Owner in the request must not hand a snippet to someone else", other)
	}
}

func TestSaveSnippetRoles(t *testing.T) {
	f := snippetFixture(t)
	shared := review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: "Shared text."}
	for _, who := range []string{"lead-1", "admin-1"} {
		sn, err := f.SaveSnippet(who, shared)
		if err != nil || !sn.Shared() {
			t.Errorf("SaveSnippet(%s, shared) = %+v, %v; want a shared snippet", who, sn, err)
		}
	}
	for _, who := range []string{"rev-a", "unregistered"} {
		if _, err := f.SaveSnippet(who, shared); !errors.Is(err, ErrSnippetNotAllowed) {
			t.Errorf("SaveSnippet(%s, shared): %v, want ErrSnippetNotAllowed", who, err)
		}
	}
	// A reviewer unknown to the store (a local user) still has a bank.
	if _, err := f.SaveSnippet("unregistered", review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: "Mine.", Owner: "unregistered"}); err != nil {
		t.Errorf("personal snippet of an unregistered reviewer: %v", err)
	}
}

// TestSaveSnippetRejects is the wiring of SaveSnippet's refusals: each
// reaches the caller as a typed error and stores nothing. The text rules
// are review.TestSnippetValidate; the cases here are the store's own (no
// reviewer, ErrInvalid over review.ErrBadID) and those read from disk (the
// rubric's credential and criteria).
func TestSaveSnippetRejects(t *testing.T) {
	f := snippetFixture(t)
	ok := review.Snippet{Credential: "descriptive-feedback", Criterion: "C2", Text: "Fine.", Owner: "rev-a"}
	with := func(fn func(*review.Snippet)) review.Snippet { s := ok; fn(&s); return s }
	for _, tc := range []struct {
		name     string
		reviewer string
		s        review.Snippet
		want     error
	}{
		{"no reviewer", "", ok, ErrNoReviewer},
		{"bad criterion id", "rev-a", with(func(s *review.Snippet) { s.Criterion = "C\x002" }), ErrInvalid},
		{"unknown credential", "rev-a", with(func(s *review.Snippet) { s.Credential = "no-such" }), ErrNotFound},
		{"unknown criterion", "rev-a", with(func(s *review.Snippet) { s.Criterion = "C9" }), ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := f.SaveSnippet(tc.reviewer, tc.s); !errors.Is(err, tc.want) {
				t.Errorf("SaveSnippet: %v, want %v", err, tc.want)
			}
		})
	}
	if all, _ := f.ListSnippets("rev-a", "", ""); len(all) != 0 {
		t.Errorf("rejected snippets were stored: %+v", all)
	}
}

func TestDeleteSnippet(t *testing.T) {
	f := snippetFixture(t)
	mineA := f.save("rev-a", "rev-a", "a's")
	mineB := f.save("rev-b", "rev-b", "b's")
	shared := f.save("lead-1", "", "shared")

	for _, tc := range []struct {
		reviewer, id string
		want         error
	}{
		{"rev-a", mineB.ID, ErrNotFound},           // someone else's bank is invisible
		{"lead-1", mineB.ID, ErrNotFound},          // even to a lead
		{"rev-a", shared.ID, ErrSnippetNotAllowed}, // shared: leads only
		{"rev-a", "999", ErrNotFound},
		{"", mineA.ID, ErrNoReviewer},
	} {
		if err := f.DeleteSnippet(tc.reviewer, tc.id); !errors.Is(err, tc.want) {
			t.Errorf("DeleteSnippet(%s, %s): %v, want %v", tc.reviewer, tc.id, err, tc.want)
		}
	}
	if err := f.DeleteSnippet("rev-a", mineA.ID); err != nil {
		t.Errorf("deleting one's own snippet: %v", err)
	}
	if err := f.DeleteSnippet("admin-1", shared.ID); err != nil {
		t.Errorf("admin deleting a shared snippet: %v", err)
	}
	if got, _ := f.Snippets("rev-a", "descriptive-feedback", "C2"); len(got) != 0 {
		t.Errorf("rev-a still sees %+v", got)
	}
	if got, _ := f.Snippets("rev-b", "descriptive-feedback", "C2"); len(got) != 1 || got[0].ID != mineB.ID {
		t.Errorf("rev-b's snippet was touched: %+v", got)
	}
}
