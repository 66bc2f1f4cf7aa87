package evidence

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// markerless strips the NoColor diff markers, leaving the words.
var markerless = strings.NewReplacer(insOpen, "", insClose, "", delOpen, "", delClose, "")

func noColorDiff() DiffStyles { return NewDiffStyles(styles.New(uitest.TrueColorRenderer(), true)) }

func TestWordDiffMarkersNoColor(t *testing.T) {
	old := "I teach grade 7 science. My target is to explain energy transfer."
	cur := "I teach grade 7 physical science. My target is that students explains energy transfers."
	ds := noColorDiff()
	if !ds.markers {
		t.Fatal("NoColor styles do not use markers")
	}
	got := ds.Render(diffOf(old, cur), 200)
	if got != ansi.Strip(got) {
		t.Errorf("NoColor diff carries escape sequences: %q", got)
	}
	for _, want := range []string{"[+physical+]", "[-to explain-]", "[+that students explains+]", "[-transfer.-]", "[+transfers.+]"} {
		if !strings.Contains(got, want) {
			t.Errorf("diff lacks %q:\n%s", want, got)
		}
	}
	// No word is split: every word shown is a whole word of one text, so a
	// character diff's "explain[+s+]" cannot appear.
	words := append(strings.Fields(old), strings.Fields(cur)...)
	for _, w := range strings.Fields(markerless.Replace(got)) {
		if !slices.Contains(words, w) {
			t.Errorf("diff shows %q, which is not a word of either text:\n%s", w, got)
		}
	}
	if ins, del := diffWords(diffOf(old, cur)); ins != 5 || del != 3 {
		t.Errorf("counted +%d −%d words, want +5 −3", ins, del)
	}
}

func TestWordDiffColour(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), false)
	ds := NewDiffStyles(st)
	if ds.markers {
		t.Fatal("colour styles use markers")
	}
	long := strings.Repeat("the learning target names the success criteria ", 8)
	got := ds.Render(diffOf(long+"old ending here", long+"new ending there"), 30)
	if strings.Contains(got, insOpen) || strings.Contains(got, delOpen) {
		t.Errorf("colour diff has markers: %q", got)
	}
	if !strings.Contains(got, "\x1b[4m\x1b[38;2;123;216;143mnew\x1b[0m") {
		t.Errorf("insertions are not green and underlined: %q", got)
	}
	if !strings.Contains(got, "\x1b[9m\x1b[38;2;255;111;97mold\x1b[0m") {
		t.Errorf("deletions are not red and struck through: %q", got)
	}
	// Every line closes what it opens, so no style bleeds into the border.
	for i, l := range strings.Split(got, "\n") {
		if w := lipgloss.Width(l); w > 30 {
			t.Errorf("line %d is %d cells wide (> 30): %q", i, w, l)
		}
		if open := strings.LastIndex(l, "\x1b["); open >= 0 && !strings.HasSuffix(l, "\x1b[0m") && !strings.HasSuffix(l, "\x1b[m") {
			t.Errorf("line %d leaves a style open: %q", i, l)
		}
	}
}

func TestDiffWrapsWithoutSplittingWords(t *testing.T) {
	old := "Feedback is mainly grades. Students rarely revise their not-yet work."
	const url = "https://example.org/a-very-long-link-that-cannot-fit-anywhere"
	cur := "Feedback names one strength and one next step. Students revise their not-yet work within a week: " + url
	ds := noColorDiff()
	const width = 24
	got := ds.Render(diffOf(old, cur), width)
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("line %d is %d cells (> %d): %q", i, w, width, l)
		}
	}
	words := append(strings.Fields(old), strings.Fields(cur)...)
	for _, w := range strings.Fields(markerless.Replace(got)) {
		if strings.Contains(url, w) {
			continue // the one word wider than the pane must be cut
		}
		if !slices.Contains(words, w) {
			t.Errorf("word split: %q\n%s", w, got)
		}
	}
	if !strings.Contains(got, "not-yet") {
		t.Errorf("a hyphenated word was broken:\n%s", got)
	}
}

func TestMatchParts(t *testing.T) {
	p := func(titles ...string) []review.EvidencePart {
		var out []review.EvidencePart
		for _, t := range titles {
			out = append(out, review.EvidencePart{Title: t})
		}
		return out
	}
	tests := []struct {
		name     string
		cur, old []review.EvidencePart
		want     []int
	}{
		{"by number, reordered and retitled", p("Part 2: Artifacts", "Part 1: Overview"), p("Part 1: Questions", "Part 2: Samples"), []int{1, 0}},
		{"by title", p("Reflection", "Overview"), p("overview", "REFLECTION"), []int{1, 0}},
		{"by position", p("Intro", "Body"), p("Preface", "Main"), []int{0, 1}},
		{"different numbers are not paired by position", p("Part 3: New"), p("Part 2: Old"), []int{-1}},
		{"added part", p("Part 1: A", "Part 2: B"), p("Part 1: A"), []int{0, -1}},
		{"removed part", p("Part 2: B"), p("Part 1: A", "Part 2: B"), []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := matchParts(tt.cur, tt.old); !slices.Equal(got, tt.want) {
				t.Errorf("matchParts = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEvidenceDiffParts(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	full, _ := evidenceText(uitest.DiffAssignment(), uitest.Now, 60, st, false)
	got, partsAt := evidenceText(uitest.DiffAssignment(), uitest.Now, 60, st, true)
	got = ansi.Strip(got)
	for _, want := range []string{
		"diff vs attempt 1 · +7 words −4 words",
		"7 / 450 words · +4 −1", "My target is [-energy.-] [+to explain energy transfer.+]",
		"unchanged since attempt 1",
		"Part 4: Appendix", "new in attempt 2 · +3 words", "[+A new appendix.+]",
		"Part 3: Reflection", "removed in attempt 2 · −3 words", "[-It went well.-]",
		"▸ C1 not-yet", "I named the target.", // the previous feedback stays
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diff lacks %q:\n%s", want, got)
		}
	}
	// The unchanged part is collapsed to its first line.
	if strings.Contains(got, "goes on for a while") {
		t.Errorf("unchanged part not collapsed:\n%s", got)
	}
	if !strings.Contains(ansi.Strip(full), "goes on for a while") {
		t.Errorf("full text lacks the unchanged part's end:\n%s", full)
	}
	if l := strings.Split(got, "\n")[partsAt+1]; !strings.HasPrefix(l, "diff vs attempt 1") {
		t.Errorf("partsAt points at %q, want the diff header", l)
	}
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line %d is %d cells (> 60): %q", i, w, l)
		}
	}
}

// TestThirdAttemptShowsTheSecondsFeedback: the review of attempt n shows
// the feedback attempt n−1 got, and its diff is against attempt n−1: for
// attempt 3, attempt 2's, not attempt 1's.
func TestThirdAttemptShowsTheSecondsFeedback(t *testing.T) {
	st := styles.New(uitest.TrueColorRenderer(), true)
	a := uitest.DiffAssignment()
	first := a.Previous[0]
	second := first
	second.Attempt.Number = 2
	second.Attempt.Parts = a.Attempt.Parts
	second.Decision.Attempt = 2
	second.Decision.Feedback = map[string]string{"C1": "Second round: name the target in the summary too."}
	first.Decision.Feedback = map[string]string{"C1": "First round: name the target."}
	a.Previous = []review.PriorAttempt{first, second} // oldest first, as the store gives them
	a.Attempt.Number = 3

	if p, ok := PreviousAttempt(a); !ok || p.Attempt.Number != 2 {
		t.Fatalf("PreviousAttempt of attempt 3 = attempt %d (ok %v), want attempt 2", p.Attempt.Number, ok)
	}
	text, _ := evidenceText(a, uitest.Now, 80, st, false)
	got := ansi.Strip(text)
	if !strings.Contains(got, "Attempt 2 feedback") || !strings.Contains(got, "Second round") {
		t.Errorf("attempt 3's review lacks attempt 2's feedback:\n%s", got)
	}
	if strings.Contains(got, "First round") || strings.Contains(got, "Attempt 1 feedback") {
		t.Errorf("attempt 3's review shows attempt 1's feedback instead:\n%s", got)
	}
	diff, _ := evidenceText(a, uitest.Now, 80, st, true)
	if d := ansi.Strip(diff); !strings.Contains(d, "diff vs attempt 2") {
		t.Errorf("attempt 3's diff is not against attempt 2:\n%s", d)
	}
}
