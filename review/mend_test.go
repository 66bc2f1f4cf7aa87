package review

import (
	"errors"
	"fmt"
	"testing"
)

// TestRewordHereOnce: the command a Mend names is named as run where the
// store is (Args, not Remote), once: a screen's error reworded, then
// returned by its command and reworded again, kept one --db.
func TestRewordHereOnce(t *testing.T) {
	local := func(args string) string { return "assessor " + args + " --db D" }
	err := Mendf("rubrics add FILE", "rubrics add - < FILE", "no rubric (add it with: %s)")
	once := RewordHere(err, local)
	want := "no rubric (add it with: assessor rubrics add FILE --db D)"
	if once.Error() != want {
		t.Errorf("RewordHere: %q, want %q", once, want)
	}
	twice := RewordHere(fmt.Errorf("could not load: %w", once), local)
	if twice.Error() != "could not load: "+want || !errors.As(twice, new(*Mend)) {
		t.Errorf("reworded again: %q, want it as once", twice)
	}
}
