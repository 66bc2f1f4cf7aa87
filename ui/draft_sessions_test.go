package ui_test

import (
	"strings"
	"testing"
	"time"

	"assessor/review"
	"assessor/ui"
	"assessor/ui/internal/uitest"
)

// TestSecondSessionCannotSaveOverNewerDraft: one reviewer, two sessions
// on one store (a second terminal, or a reconnect while the old session
// lives on). B opens attempt X after A's first save; A saves the overall
// feedback; B's save of its older copy is refused and says so, keeping
// what B has on screen, and A's draft stays whole. esc takes B back to the
// queue, and reopening X shows A's draft.
func TestSecondSessionCannotSaveOverNewerDraft(t *testing.T) {
	dd := demoStore(t)
	x := dd.queue(t)[0]
	opt := goldenOptions()
	opt.DraftDelay = 10 * time.Millisecond
	stored := func() review.Draft { return dd.draft(t, x.Key()) }
	const overall = "Overall written in session A."
	a := run(t, ui.New(dd.st, goldenReviewer, opt), 120, 40)
	a.WaitAfter(0, x.Handle())
	a.Do(keys("enter"), x.Handle()+" · ", "Evidence")
	a.Press("s", "enter", "The target is named but not used in the comments.", "ctrl+s")
	uitest.WaitFor(t, "A's first save", func() bool { return stored().Feedback["C1"] != "" })

	b := run(t, ui.New(dd.st, goldenReviewer, opt), 120, 40)
	b.WaitAfter(0, x.Handle())
	b.Do(keys("n"), "Draft restored")

	a.Press("o", overall, "ctrl+s")
	uitest.WaitFor(t, "A's overall feedback saved", func() bool { return stored().Feedback[review.OverallKey] == overall })

	m := b.Mark()
	b.Press("s", "m")
	uitest.WaitFor(t, "B's save stored or refused", func() bool {
		b.Mark()
		return strings.Contains(b.Out.String()[m:], "another session") || stored().Feedback[review.OverallKey] != overall
	})
	if d := stored(); d.Feedback[review.OverallKey] != overall || d.Levels["C1"] != "" {
		t.Fatalf("B's save of the draft as it read it replaced A's newer one: levels %v, feedback %q", d.Levels, d.Feedback)
	}
	b.WaitAfter(m, "Not saved: draft changed in another session; esc and reopen for the stored one")

	// A quits with nothing unsaved; its draft is still there.
	a.Press("esc", "q")
	a.Final()
	if d := stored(); d.Feedback[review.OverallKey] != overall {
		t.Fatalf("after A quit: feedback %q", d.Feedback)
	}

	// B leaves without saving and the claim stays (A's session may work
	// on); reopened, X has A's draft.
	b.Do(keys("esc"), "Left "+x.Handle()+" unsaved")
	b.Do(keys("enter"), "Draft restored")
	b.Do(keys("s", "o"), overall)
	if d := stored(); d.Feedback[review.OverallKey] != overall || d.Levels["C1"] != "" {
		t.Errorf("after B left and reopened: levels %v, feedback %q", d.Levels, d.Feedback)
	}
}

// TestSecondSessionCannotDecideFromOlderDraft: B opens X, A then saves
// the overall feedback, and B, which has saved nothing since (its saves
// wait an hour), scores every criterion and confirms. The decision would
// drop A's saved feedback: it is refused, and X stays pending with A's
// draft.
func TestSecondSessionCannotDecideFromOlderDraft(t *testing.T) {
	dd := demoStore(t)
	x := dd.queue(t)[0]
	stored := func() review.Draft { return dd.draft(t, x.Key()) }
	const overall = "Overall written in session A."
	b := run(t, ui.New(dd.st, goldenReviewer, goldenOptions()), 120, 40)
	b.WaitAfter(0, x.Handle())
	b.Do(keys("enter"), x.Handle()+" · ", "Evidence")

	opt := goldenOptions()
	opt.DraftDelay = 10 * time.Millisecond
	a := run(t, ui.New(dd.st, goldenReviewer, opt), 120, 40)
	a.WaitAfter(0, x.Handle())
	a.Do(keys("n"), x.Handle()+" · ", "Evidence")
	a.Press("s", "o", overall, "ctrl+s")
	uitest.WaitFor(t, "A's overall feedback saved", func() bool { return stored().Feedback[review.OverallKey] == overall })

	m := b.Mark()
	b.Press("s")
	for range dd.rubrics[x.Credential].Criteria {
		b.Press("m")
	}
	b.Press("c", "y")
	uitest.WaitFor(t, "B's decision recorded or refused", func() bool {
		b.Mark()
		out := b.Out.String()[m:]
		return strings.Contains(out, "another session") || strings.Contains(out, "Recorded")
	})
	if d := stored(); d.Feedback[review.OverallKey] != overall {
		t.Fatalf("B's decision from the draft as it read it dropped A's saved feedback: stored draft %+v", d)
	}
	b.WaitAfter(m, "Not recorded: draft changed in another session; esc and reopen for the stored one")
}

// draft is the golden reviewer's stored draft of k.
func (dd *demoData) draft(t *testing.T, k review.AttemptKey) review.Draft {
	t.Helper()
	d, _, err := dd.st.Draft(goldenReviewer, k)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
