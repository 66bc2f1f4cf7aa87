package reviewer

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/components/evidence"
	"assessor/ui/internal/uitest"
)

// shownCSV is openedFile of data as grades.csv.
func shownCSV(t *testing.T, data []byte) (filesModel, tea.Msg) {
	return openedFile(t, "grades.csv", data)
}

// openedFile is the files overlay, 120×40, with data as attempt DF-7KQ2#2's
// one file, name, selected and asked for, and the message that carries
// its text.
func openedFile(t *testing.T, name string, data []byte) (filesModel, tea.Msg) {
	t.Helper()
	f := newFake()
	f.blobs = map[string][]byte{}
	a := f.attempts[0]
	at := review.NewAttachment(name, data)
	f.blobs[at.Hash] = data
	a.Parts[1] = review.EvidencePart{Title: "Part 2", Text: "See the file.", Files: []string{name}, Attachments: []review.Attachment{at}}
	c := common.New(f, "rev-1", common.Options{Now: testClock, NoExternalEditor: true, Renderer: trueColorRenderer()})
	m, cmd, _ := newFiles(c, review.Assignment{Attempt: a}, 120, 40).update(keyMsg("enter"))
	if cmd == nil {
		t.Fatalf("enter on %s loads nothing", name)
	}
	return m, cmd()
}

// TestRaggedCSVShownAtItsSize: a CSV of one row of 2,000 cells over
// 2,000 one-cell rows (8 KB) opens in the files view at a cost of its
// size, not of rows × its widest row (over 100 MB when every row was
// padded), and the view says which columns it does not show.
func TestRaggedCSVShownAtItsSize(t *testing.T) {
	const cols, rows = 2000, 2000
	data := []byte(strings.Repeat("x,", cols-1) + "x\n" + strings.Repeat("a\n", rows))
	m, msg := shownCSV(t, data)
	var view string
	alloc := uitest.Allocated(func() {
		m, _, _ = m.update(msg)
		view = m.View()
	})
	if alloc > uint64(len(data))*1000 {
		t.Fatalf("showing a %d-byte CSV allocated %d KB, over 1000× the file", len(data), alloc>>10)
	}
	note := evidence.ColumnsNote(cols)
	if first := strings.TrimRight(strings.Split(ansi.Strip(view), "\n")[0], " "); first != note {
		t.Errorf("the table's first line is %q, want the note %q", first, note)
	}
	requireFits(t, view, 120, 40)
	m, _, _ = m.update(keyMsg("enter"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Row 1 of 2000") || !strings.Contains(v, note) {
		t.Errorf("the row shown whole lacks its place or the note:\n%s", v)
	}
}

// TestShortCSVRowDrawnAsEmptyCells: a row shorter than the header is
// drawn, and highlighted when selected, as the row with its empty cells
// written out, though the table pads it only when it comes into view.
func TestShortCSVRowDrawnAsEmptyCells(t *testing.T) {
	for _, down := range []int{0, 45} { // 45: past the rows drawn at first
		var views []string
		for _, data := range []string{"student,draft,revision\nS1,,\nS2,1,\n", "student,draft,revision\nS1\nS2,1\n"} {
			m, msg := shownCSV(t, []byte(strings.Repeat(data, 30)))
			m, _, _ = m.update(msg)
			for range down {
				m, _, _ = m.update(keyMsg("down"))
			}
			views = append(views, m.View())
		}
		if views[0] != views[1] {
			t.Errorf("after %d downs, short rows are drawn\n%s\nnot as their empty cells\n%s", down, views[1], views[0])
		}
	}
}

// TestLongCSVShowsFirstRows: a CSV of 300,000 one-letter rows (600 KB)
// opens as a table of its header and first evidence.MaxCSVRows rows under
// a line counting the rest, at a cost of those rows: keeping every row,
// parsed and copied into the table, cost about 150× the file, over 280 MB
// for the million rows the import lets through, the server's memory under
// `assessor serve`.
func TestLongCSVShowsFirstRows(t *testing.T) {
	const rows = 300000
	data := []byte(strings.Repeat("a\n", rows))
	m, msg := shownCSV(t, data)
	var view string
	alloc := uitest.Allocated(func() {
		m, _, _ = m.update(msg)
		view = m.View()
	})
	if alloc > uint64(len(data))*40 {
		t.Fatalf("showing a %d-byte CSV allocated %d MB, over 40× the file", len(data), alloc>>20)
	}
	note := "Only the first 50000 of 299999 rows are shown."
	if first := strings.TrimRight(strings.Split(ansi.Strip(view), "\n")[0], " "); first != note {
		t.Errorf("the table's first line is %q, want the note %q", first, note)
	}
	requireFits(t, view, 120, 40)
	m, _, _ = m.update(keyMsg("enter"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Row 1 of 50000") || !strings.Contains(v, note) {
		t.Errorf("the row shown whole lacks its place or the note:\n%s", v)
	}
}

// TestLongCSVDiffComparesFirstRows: the diff of two CSVs past
// evidence.MaxCSVRows rows compares the rows the table keeps, and says so.
func TestLongCSVDiffComparesFirstRows(t *testing.T) {
	old, cur := []byte(strings.Repeat("b\n", 1000)), []byte(strings.Repeat("a\n", 300000))
	m, msg := shownDiff(t, "grades.csv", old, cur)
	var view string
	alloc := uitest.Allocated(func() {
		m, _, _ = m.update(msg)
		view = ansi.Strip(m.View())
	})
	if alloc > uint64(len(cur))*40 {
		t.Fatalf("the diff of a %d-byte CSV allocated %d MB, over 40× the file", len(cur), alloc>>20)
	}
	if want := "Only the first 50000 of 299999 rows are compared."; !strings.Contains(view, want) {
		t.Errorf("the diff lacks %q:\n%s", want, view)
	}
}
