package reviewer

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/table"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"assessor/ui/common"
	"assessor/ui/styles"
)

// TestQueueTableMatchesBubbles: the queue's own table drawing is byte for
// byte what bubbles' table.View draws for the same columns, rows and
// selection, with and without colour, at widths the queue lays out, for
// plain, accented, double-width, emoji, over-long, tab, newline and escape
// cells, and fewer rows than the height.
func TestQueueTableMatchesBubbles(t *testing.T) {
	cells := []string{
		"", "DF-7KQ2#2", "Differentiated Instruction", "in review to 14:05 · draft", "⚑ 2",
		"Évaluation formative élémentaire", "日本語の資格の名前がとても長い", "🙂 emoji", "tab\there",
		"two\nlines", strings.Repeat("long title ", 12), "yours to 09:30",
	}
	rng := rand.New(rand.NewPCG(16, 3))
	for _, p := range []termenv.Profile{termenv.Ascii, termenv.ANSI256, termenv.TrueColor} {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		r.SetHasDarkBackground(true)
		for _, noColor := range []bool{false, true} {
			st := styles.New(r, noColor).Table
			for _, w := range []int{50, 71, 72, 80, 119, 120, 160, 203} {
				for _, h := range []int{3, 7, 20} {
					cols := queueColumns(w, w == 119)
					tb := table.New(table.WithFocused(true), table.WithStyles(st))
					tb.SetColumns(cols)
					tb.SetWidth(w)
					tb.SetHeight(h)
					for _, n := range []int{1, max(tb.Height()/2, 1), tb.Height()} {
						rows := make([]table.Row, n)
						for i := range rows {
							rows[i] = make(table.Row, len(cols))
							for j := range rows[i] {
								rows[i][j] = cells[rng.IntN(len(cells))]
							}
						}
						sel := rng.IntN(n)
						tb.SetRows(rows)
						tb.SetCursor(sel)
						d, ok := drawTable(st, tb.Columns(), rows, sel, w, tb.Height())
						if !ok {
							t.Fatalf("width %d: the queue's columns do not fit", w)
						}
						if got, want := d.View(), tb.View(); got != want {
							t.Errorf("profile %v, no colour %v, %d×%d, %d rows, row %d selected:\ngot\n%s\nwant\n%s\n(%q\n%q)", p, noColor, w, h, n, sel, got, want, got, want)
						}
					}
				}
			}
		}
	}
	// Narrower than the columns: lipgloss wraps each row, so the table
	// draws it.
	if _, ok := drawTable(table.DefaultStyles(), queueColumns(40, false), nil, 0, 40, 5); ok {
		t.Error("columns wider than the screen drawn by hand")
	}
	esc := []table.Row{{"", "a\x1b[1mbold", "", "", "", "", ""}}
	if _, ok := drawTable(table.DefaultStyles(), queueColumns(160, false), esc, 0, 160, 5); ok {
		t.Error("a cell with an escape sequence drawn by hand")
	}
}

// fakeQueueLoaded is rev-1's queue from f as the queue screen loads it.
func fakeQueueLoaded(t *testing.T, f *fakeBackend) queueLoadedMsg {
	t.Helper()
	items, err := f.Queue("rev-1", "", queueLimit)
	if err != nil {
		t.Fatal(err)
	}
	creds, err := f.Credentials()
	if err != nil {
		t.Fatal(err)
	}
	return queueLoadedMsg{items: items, creds: creds}
}

// TestQueueScreenMatchesLipglossLayout: the queue screen laid out around
// its drawn table (stack) is the screen lipgloss lays out (stackSlow), at
// sizes from cramped to wide, with the full help, a long status, an empty
// and a short queue.
func TestQueueScreenMatchesLipglossLayout(t *testing.T) {
	f := newFake()
	loaded := fakeQueueLoaded(t, f)
	items, creds := loaded.items, loaded.creds
	for _, p := range []*lipgloss.Renderer{trueColorRenderer(), nil} {
		c := common.New(f, "rev-1", common.Options{Now: testClock, Renderer: p, NoColor: p == nil})
		for _, size := range [][2]int{{160, 48}, {100, 30}, {80, 24}, {70, 12}, {40, 10}} {
			for _, n := range []int{len(items), 1, 0} {
				q := newQueue(c, "")
				q.Update(queueLoadedMsg{items: items[:n], creds: creds})
				q.setSize(size[0], size[1])
				for _, k := range []string{"j", "?", "j", "?"} {
					q.Update(keyMsg(k))
					for _, status := range []string{"", "Released DF-7KQ2#2; others may take it now", strings.Repeat("a long status ", 20)} {
						q.status = status
						header, body, lines, bodyH := q.parts()
						if got, want := q.View(), q.stackSlow(header, body, lines, bodyH); got != want {
							t.Fatalf("%v, %d items, after %s, status %q:\n%s\n---\n%s", size, n, k, status, got, want)
						}
					}
				}
			}
		}
	}
}
