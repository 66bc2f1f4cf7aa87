package dashboard

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"assessor/ui/common"
)

// TestHistogramFitsNarrowWindows: below the 2 cells a bar that each of the
// 31 day buckets needs (about 66 columns), neighbouring days share a bar
// rather than the chart being cut at the edge, which hid the longest
// turnarounds ("30+") and the promise's arrow without a sign. Every
// decision is still counted, and the promise still falls between bars.
func TestHistogramFitsNarrowWindows(t *testing.T) {
	labels, counts := turnaroundBuckets(testTurnaround())
	h := dayHistogram{labels: labels, counts: counts, split: promiseDays, note: "14 days and more →"}
	for w := 40; w <= 80; w++ {
		lines := dashStyles{}.histogramView(h, w, histogramRows)
		for _, l := range lines {
			if lw := lipgloss.Width(l); lw > w {
				t.Fatalf("at %d columns a histogram line is %d wide: %q", w, lw, l)
			}
		}
		all := strings.Join(lines, "\n")
		if shared := strings.Contains(all, "days a bar"); !strings.Contains(all, "+") || !strings.Contains(all, "→") || shared != (w < 66) {
			t.Errorf("at %d columns the open bucket or the promise's arrow is gone, or the days a bar are not said (only under 66 columns):\n%s", w, all)
		}
	}
	for k := 2; k <= 4; k++ {
		m := h.merged(k)
		var sum, want int64
		for _, c := range m.counts {
			sum += c
		}
		for _, c := range counts {
			want += c
		}
		if sum != want || m.split != (promiseDays+k-1)/k || !strings.HasSuffix(m.labels[len(m.labels)-1], "+") {
			t.Errorf("merged(%d): %d of %d counted, split at %d, labels %v", k, sum, want, m.split, m.labels)
		}
		if again := h.merged(2).merged(k); !slices.Equal(again.counts, m.counts) {
			t.Errorf("merged(2).merged(%d) = %v, want %v", k, again.counts, m.counts)
		}
	}

	m := runInit(New(newFakeLead(), "lead-1", common.Options{Now: testClock}))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 50, Height: 40})
	m, _ = m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("5")})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "+") {
		t.Errorf("at 50×40 the Turnaround tab lost the open bucket:\n%s", v)
	}
}

// TestHistogramLoneAttemptShows: a bucket of one decision next to a bucket
// of hundreds still shows a bar (an eighth at least), so a lone late
// decision is not lost.
func TestHistogramLoneAttemptShows(t *testing.T) {
	if c := vcell(1, 400, histogramRows, 0); c == " " {
		t.Errorf("a count of 1 beside a peak of 400 draws no bar")
	}
	if c := vcell(0, 400, histogramRows, 0); c != " " {
		t.Errorf("a count of 0 draws %q", c)
	}
}
