package scoring

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/external"
	"assessor/ui/internal/uitest"
)

// TestFeedbackCutAtTheLimit: a paste past review.MaxFeedback characters
// keeps what fits and says the rest was not kept; at the limit, inside the
// text, a typed letter, a space and a new line add nothing, and a letter
// typed after deleting one fits again.
func TestFeedbackCutAtTheLimit(t *testing.T) {
	s := press(testPanel(t, 100, 40, nil), "enter") // write C1's feedback
	paste := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("ab ", review.MaxFeedback)), Paste: true}
	s, _ = s.Update(paste)
	fb := s.Feedback()["C1"]
	if n := utf8.RuneCountInString(fb); n != review.MaxFeedback {
		t.Fatalf("after a paste of %d characters the feedback holds %d, want %d", 3*review.MaxFeedback, n, review.MaxFeedback)
	}
	if !strings.Contains(ansi.Strip(s.View()), "the rest was not kept") {
		t.Errorf("the panel does not say the paste was cut:\n%s", s.View())
	}
	// alt+b moves a word back, inside the text: what is typed there must
	// not push its end out.
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b"), Alt: true})
	for _, k := range []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune("x")}, {Type: tea.KeySpace, Runes: []rune(" ")}, {Type: tea.KeyEnter}} {
		if s, _ = s.Update(k); s.Feedback()["C1"] != fb {
			t.Fatalf("%v at the limit changed the feedback", k)
		}
	}
	// A deletion makes room for one letter.
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("Z")})
	got := s.Feedback()["C1"]
	if utf8.RuneCountInString(got) != review.MaxFeedback || !strings.Contains(got, "Z") || strings.HasSuffix(got, "Z") {
		t.Errorf("after alt+b, backspace and Z: %d characters, Z inside: %v", utf8.RuneCountInString(got), strings.Contains(got, "Z"))
	}
}

// TestEditorTextTooLong: an editor that left more than a feedback field
// holds changes nothing, and the panel says so in characters.
func TestEditorTextTooLong(t *testing.T) {
	s := testPanel(t, 100, 40, nil)
	s = s.editorDone(editorDoneMsg{field: "C1", err: fmt.Errorf("reading back f.md: %w: over 40002 bytes", external.ErrTooLong)})
	if v := ansi.Strip(s.View()); !strings.Contains(v, "Not taken from your editor: more than 10000 characters; C1 feedback unchanged") || s.Feedback()["C1"] != "" {
		t.Errorf("after a too long edit:\n%s", v)
	}
}

// TestPasteWithTabsNearLimitKeepsEnd: near the limit, a paste inside the
// text must not push the end of what was written out: the textarea
// inserts a tab as four spaces, and the paste is cut to the room they
// take, not cut from the end of the feedback afterwards.
func TestPasteWithTabsNearLimitKeepsEnd(t *testing.T) {
	s := press(testPanel(t, 100, 40, nil), "enter") // write C1's feedback
	end := " Next step: name the exact change."
	body := strings.Repeat("ab ", (review.MaxFeedback-100-len(end))/3) + end
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(body), Paste: true})
	if s.Feedback()["C1"] != body {
		t.Fatalf("setup: feedback is not the pasted body")
	}
	// To the start, then paste a row copied from a spreadsheet: 30 cells.
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyCtrlHome})
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(strings.Repeat("\t", 30)), Paste: true})
	fb := s.Feedback()["C1"]
	if !strings.HasSuffix(fb, end) || utf8.RuneCountInString(fb) != review.MaxFeedback {
		t.Fatalf("a paste at the start: %d characters ending %q, want %d ending %q", utf8.RuneCountInString(fb), fb[len(fb)-40:], review.MaxFeedback, end)
	}
}

// TestTabsBroughtInAreCutAsTaken: text with tabs from an outside editor
// or a snippet is cut when it is taken, as the textarea will hold it (a
// tab as four spaces), so a key in the editor afterwards changes nothing.
func TestTabsBroughtInAreCutAsTaken(t *testing.T) {
	text := strings.Repeat("a\t", 3000) // 6,000 characters, 15,000 in the textarea
	for name, take := range map[string]func(Model) Model{
		"editor": func(s Model) Model {
			return s.editorDone(editorDoneMsg{field: "C1", text: text})
		},
		"snippet": func(s Model) Model {
			s, _ = s.insertSnippet("C1", review.Snippet{Criterion: "C1", Text: text})
			return s
		},
	} {
		s := take(testPanel(t, 100, 40, nil))
		fb := s.Feedback()["C1"]
		if n := utf8.RuneCountInString(fb); n != review.MaxFeedback || strings.Contains(fb, "\t") {
			t.Errorf("%s: taken as %d characters, tabs kept: %v; want %d, none", name, n, strings.Contains(fb, "\t"), review.MaxFeedback)
		}
		if !strings.Contains(ansi.Strip(s.View()), "cut") {
			t.Errorf("%s: the panel does not say the text was cut", name)
		}
		if !s.sheet.Editing() {
			s = press(s, "enter")
		}
		if s, _ = s.Update(tea.KeyMsg{Type: tea.KeyLeft}); s.Feedback()["C1"] != fb {
			t.Errorf("%s: a cursor key changed the feedback", name)
		}
	}
}

// TestRestoredTabsCutAsTaken: feedback with tabs that comes back as it
// was saved (a draft, a review taken into adjudication) is held as the
// textarea holds it, cut at once if that is past the limit, so the first
// key in it does not silently cut its end.
func TestRestoredTabsCutAsTaken(t *testing.T) {
	c := common.New(nil, "rev-1", common.Options{Now: uitest.Clock})
	a := review.Assignment{Rubric: described(), Attempt: uitest.Attempts()[0]}
	a.Draft.Feedback = map[string]string{"C1": strings.Repeat("a\t", 3000) + " Next step: name the change."}
	s := New(c, a).SetSize(100, 40)
	fb := s.Feedback()["C1"]
	if n := utf8.RuneCountInString(fb); strings.Contains(fb, "\t") || n != review.MaxFeedback {
		t.Fatalf("restored as %d characters, tabs kept: %v; want %d, none", n, strings.Contains(fb, "\t"), review.MaxFeedback)
	}
	s = press(s, "enter")
	if s, _ = s.Update(tea.KeyMsg{Type: tea.KeyLeft}); s.Feedback()["C1"] != fb {
		t.Errorf("a cursor key changed the restored feedback")
	}
}

// TestPastedCRLFIsOneNewLine: a paste of Windows lines holds one new line
// for each \r\n, not a blank line after every line.
func TestPastedCRLFIsOneNewLine(t *testing.T) {
	s := press(testPanel(t, 100, 40, nil), "enter")
	s, _ = s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("first line\r\nsecond line\r\n"), Paste: true})
	if fb := s.Feedback()["C1"]; fb != "first line\nsecond line\n" {
		t.Errorf("after pasting two CRLF lines: %q", fb)
	}
}

// TestRestoredFeedbackKeepsItsText: feedback that comes back as saved
// keeps every character but its tabs' width; a � it holds (Sanitize
// writes one for a bad byte) stays, where the textarea's filter drops it.
func TestRestoredFeedbackKeepsItsText(t *testing.T) {
	in := "Score 3 → 4; the file showed \uFFFD where the accent was lost.\tNext: relabel."
	s := NewSheet(nil, described(), nil, nil, map[string]string{"C1": in})
	if got, want := s.Feedback["C1"], strings.ReplaceAll(in, "\t", "    "); got != want {
		t.Errorf("restored feedback:\n got %q\nwant %q", got, want)
	}
}
