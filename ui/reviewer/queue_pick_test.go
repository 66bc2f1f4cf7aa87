package reviewer

import (
	"testing"

	"assessor/review"
)

// TestFindIgnoresAccents: the credential finder matches as a reader
// would, whatever the case or accents of what is typed and of the title.
func TestFindIgnoresAccents(t *testing.T) {
	r := review.Rubric{ID: "formative-fr", Title: "Évaluation formative en classe"}
	for _, c := range []struct {
		typed string
		rank  int
	}{
		{"evalua", 2},   // the title's first word, without its accent
		{"ÉVALUA", 2},   // typed with the accent, in capitals
		{"formativ", 1}, // the id's start
		{"ｃｌａｓｓｅ", 2},   // full-width letters
		{"uation", 3},   // inside a word
	} {
		if rank, ok := matchRank(r, review.Fold(c.typed)); !ok || rank != c.rank {
			t.Errorf("%q: rank %d, %v; want %d", c.typed, rank, ok, c.rank)
		}
	}
	if _, ok := matchRank(r, review.Fold("eval x")); ok {
		t.Error(`"eval x" matched`)
	}
	for typed, title := range map[string]string{"strasse": "Straßenkinder lesen", "orsted": "Ørsted in class", "lodz": "Łódź teachers"} {
		if _, ok := matchRank(review.Rubric{ID: "x", Title: title}, review.Fold(typed)); !ok {
			t.Errorf("%q does not find %q", typed, title)
		}
	}
}
