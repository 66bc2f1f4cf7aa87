package reviewer

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/common"
	"assessor/ui/internal/uitest"
)

// shownDiff is the files overlay, 120×40, with name changed from old in
// attempt DF-7KQ2#1 to cur in #2, d pressed on it, and the message that
// carries both texts.
func shownDiff(t *testing.T, name string, old, cur []byte) (filesModel, tea.Msg) {
	t.Helper()
	f := newFake()
	f.blobs = map[string][]byte{}
	a := f.attempts[0]
	at, ot := review.NewAttachment(name, cur), review.NewAttachment(name, old)
	f.blobs[at.Hash], f.blobs[ot.Hash] = cur, old
	part := func(at review.Attachment) review.EvidencePart {
		return review.EvidencePart{Title: "Part 2", Text: "See the file.", Files: []string{name}, Attachments: []review.Attachment{at}}
	}
	a.Parts[1] = part(at)
	prev := f.previous[a.Key()]
	prev[0].Attempt.Parts = append([]review.EvidencePart(nil), prev[0].Attempt.Parts...)
	prev[0].Attempt.Parts[1] = part(ot)
	c := common.New(f, "rev-1", common.Options{Now: testClock, NoExternalEditor: true, Renderer: trueColorRenderer()})
	m, cmd, _ := newFiles(c, review.Assignment{Attempt: a, Previous: prev}, 120, 40).update(keyMsg("d"))
	if cmd == nil {
		t.Fatalf("d on %s loads nothing", name)
	}
	return m, cmd()
}

// TestTextDiffDrawsAtMostMaxWords: the diff of a text file of 300,000
// one-letter lines (600 KB) against a file of one word draws its first
// evidence.MaxDiffWords words and a line counting the rest: drawing every
// word cost over 350 MB here, and over a GB for the million lines the
// import lets through, the server's memory under `assessor serve`.
func TestTextDiffDrawsAtMostMaxWords(t *testing.T) {
	const lines = 300000
	data := []byte(strings.Repeat("a\n", lines))
	m, msg := shownDiff(t, "notes.txt", []byte("b"), data)
	var view string
	alloc := uitest.Allocated(func() {
		m, _, _ = m.update(msg)
		view = m.View()
	})
	if alloc > uint64(len(data))*250 {
		t.Fatalf("the diff of a %d-byte file allocated %d MB, over 250× the file", len(data), alloc>>20)
	}
	requireFits(t, view, 120, 40)
	m, _, _ = m.update(keyMsg("G"))
	// The file's first evidence.MaxComparedWords words are compared.
	want := "… 1001 more words not shown, 1001 of them inserted or deleted, and 249000 more words not compared"
	if v := ansi.Strip(m.View()); !strings.Contains(v, want) {
		t.Errorf("the diff's end lacks %q:\n%s", want, v)
	}
}
