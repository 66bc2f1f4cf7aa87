package review

import (
	"slices"
	"testing"
)

// TestWithheld: handles and reviewer ids in feedback are withheld from the
// candidate, the candidate's own handle named as theirs; ids inside longer
// words and the rest of the text stay.
func TestWithheld(t *testing.T) {
	w := Withheld{Handles: []string{"DF-A985"}, Reviewers: []string{"rev-hist", "rev-7", "ana.k"}, Prefixes: []string{"3D", "G3", "2C"}}
	for _, tc := range []struct{ in, want string }{
		{"Compare with DF-CZ4N#1 and application EE-0FW9, which did this well.",
			"Compare with [another application] and application [another application], which did this well."},
		{"See DF-A985#2. Your DF-A985 plan.", "See [your application]. Your [your application] plan."},
		{"I am rev-hist, reach me. Reviewed by rev-hist.", "I am [reviewer], reach me. Reviewed by [reviewer]."},
		{"rev-7 and rev-70 and prev-7 and rev-7.5", "[reviewer] and rev-70 and prev-7 and rev-7.5"},
		{"ask ana.k.", "ask [reviewer]."},
		{"REV-HIST said so; Ana.K too; re-read it", "[reviewer] said so; [reviewer] too; re-read it"},
		{"DF-LO12 is not a handle (L, O); neither is df-cz4n or XDF-CZ4N", "DF-LO12 is not a handle (L, O); neither is df-cz4n or XDF-CZ4N"},
		{"nothing withheld", "nothing withheld"},
		// Any dash, full-width, or no dash where the four mix letters and digits.
		{"DF‐CZ4N, ＤＦ－ＣＺ４Ｎ＃１, DF–A985#2, DF CZ4N, DF8ATA and (EE 0FW9).",
			"[another application], [another application], [your application], [another application], [another application] and ([another application])."},
		{"AP TEST, FY2024, CA 2023, NO DATA and XDF8ATA stay", "AP TEST, FY2024, CA 2023, NO DATA and XDF8ATA stay"},
		// A credential id with a digit makes a prefix with one (3d-design:
		// 3D, grade-3-reading: G3), never of two digits; such a prefix is a
		// handle's only when it is a credential's (Prefixes): terms and
		// teams stay.
		{"as 3D-5AER#1 did, and G3-05G0, 2C 7KQ2", "as [another application] did, and [another application], [another application]"},
		{"12-2024, 4K 2024, 2024-25 and 3D TEST stay", "12-2024, 4K 2024, 2024-25 and 3D TEST stay"},
		{"Your Q3-2024 data, T2-2025, the K2-MATH team and S1-2024 stay", "Your Q3-2024 data, T2-2025, the K2-MATH team and S1-2024 stay"},
	} {
		if got := w.Apply(tc.in); got != tc.want {
			t.Errorf("Apply(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestWithheldHandles: a stack badge is earned with several applications,
// and each of their handles is the candidate's own.
func TestWithheldHandles(t *testing.T) {
	w := NewWithheld([]string{"DF-A985", "LT-7KQ2"}, nil, nil)
	got := w.Apply("DF-A985#1 and LT-7KQ2#2 matched EE-0FW9#1.")
	if want := "[your application] and [your application] matched [another application]."; got != want {
		t.Errorf("Apply = %q, want %q", got, want)
	}
}

// TestWithheldSpellings: an id is withheld however a reviewer writes it:
// its parts (split at . _ - and where letters meet digits) joined by
// another separator or none, in any case, in full-width letters; a longer
// word or number that holds it stays.
func TestWithheldSpellings(t *testing.T) {
	w := Withheld{Actors: []string{"rev-bob", "lead1"}}
	for _, tc := range []struct{ in, want string }{
		{"w1 rev bob; w2 Rev.Bob; w3 rev_bob; w4 revbob; w5 rev‐bob; w6 ｒｅｖ-ｂｏｂ; w7 REV-BOB",
			"w1 [reviewer]; w2 [reviewer]; w3 [reviewer]; w4 [reviewer]; w5 [reviewer]; w6 [reviewer]; w7 [reviewer]"},
		{"w8 lead 1; w9 Lead1; w10 LEAD-1; signed rev–bob.", "w8 [reviewer]; w9 [reviewer]; w10 [reviewer]; signed [reviewer]."},
		{"revbobby, prev bob, rev bobcat, lead 10, lead1x, rev-bob.2, rev, bob", "revbobby, prev bob, rev bobcat, lead 10, lead1x, rev-bob.2, rev, bob"},
		{"Ｌｅａｄ１ and ｌｅａｄ１０", "[reviewer] and ｌｅａｄ１０"},
		{"rеv-bob and RЕV BОB (Cyrillic е, Е, О)", "[reviewer] and [reviewer] (Cyrillic е, Е, О)"},
	} {
		if got := w.ApplyReviewers(tc.in); got != tc.want {
			t.Errorf("ApplyReviewers(%q)\n = %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestNewWithheld: of the registered ids, those that read as ids are
// withheld; whoever acted on the application is, however their id reads.
func TestNewWithheld(t *testing.T) {
	w := NewWithheld([]string{"DF-A985"}, []string{"art", "grace", "rev-7", "ana.k", "lee2"}, []string{"grace", "", "rev-7"})
	others := slices.DeleteFunc(slices.Clone(w.registered.ids), func(id string) bool { return slices.Contains(w.Actors, id) })
	if want, actors := []string{"ana.k", "lee2"}, []string{"grace", "rev-7"}; !slices.Equal(others, want) || !slices.Equal(w.Actors, actors) || !slices.Equal(w.Handles, []string{"DF-A985"}) {
		t.Errorf("NewWithheld = %+v, want reviewers %q, actors %q", w, want, actors)
	}
	if got := w.Apply("art and Grace, by grace"); got != "art and [reviewer], by [reviewer]" {
		t.Errorf("Apply: %q", got)
	}
	// Someone who had no part in it is withheld as their id is written,
	// in any case or full-width; an actor however it is written.
	if got := w.Apply("Lee2, LEE２ and ANA.K; lee 2 and ana k; rev 7"); got != "[reviewer], [reviewer] and [reviewer]; lee 2 and ana k; [reviewer]" {
		t.Errorf("Apply: %q", got)
	}
}

// TestWithheldContacts: an e-mail address or a phone with its area code in
// a candidate's feedback is most likely the reviewer's and is withheld; a
// shorter number, as often a range of scores, stays.
func TestWithheldContacts(t *testing.T) {
	w := Withheld{Handles: []string{"DF-A985"}, Actors: []string{"rev-bob"}}
	in := "Call me at (808) 555-7777 or write to kai.rev@school.org or rev-bob@school.org; Lexile 925-1185 is fine. rev-bob"
	want := "Call me at [contact withheld] or write to [contact withheld] or [contact withheld]; Lexile 925-1185 is fine. [reviewer]"
	if got := w.Apply(in); got != want {
		t.Errorf("Apply(%q)\n = %q\nwant %q", in, got, want)
	}
}
