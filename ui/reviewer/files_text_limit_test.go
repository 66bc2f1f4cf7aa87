package reviewer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/ui/internal/uitest"
)

// TestLongTextShowsFirstLines: a text file of 300,000 one-letter lines
// (600 KB) is shown as its first evidence.MaxTextLines lines and a line
// counting the rest: showing every line cost about 70× the file, over 260
// MB for the 4 MB of such lines the import lets through, the server's
// memory under `assessor serve`.
func TestLongTextShowsFirstLines(t *testing.T) {
	const lines = 300000
	data := []byte(strings.Repeat("a\n", lines))
	m, msg := openedFile(t, "notes.txt", data)
	var view string
	alloc := uitest.Allocated(func() {
		m, _, _ = m.update(msg)
		view = m.View()
	})
	if alloc > uint64(len(data))*30 {
		t.Fatalf("showing a %d-byte text allocated %d MB, over 30× the file", len(data), alloc>>20)
	}
	requireFits(t, view, 120, 40)
	m, _, _ = m.update(keyMsg("G"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "… 250000 more lines not shown") {
		t.Errorf("the text's end lacks the line counting the rest:\n%s", v)
	}
}
