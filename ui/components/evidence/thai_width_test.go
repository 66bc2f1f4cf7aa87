package evidence

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"assessor/review"
	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestEvidencePaneFitsTerminalWithThaiSaraAm: Thai evidence with sara am
// (ำ, in ทำ "do", สำคัญ "important", คำ "word") stays inside the pane on
// a terminal that draws each character in its own cell: ำ is a spacing
// vowel, a cell of its own there, but is measured inside the letter
// before it, so every ำ made the line a cell wider than measured; in
// tmux the line ran past the pane's border, the terminal wrapped it and
// the screen scrolled, its first rows lost.
func TestEvidencePaneFitsTerminalWithThaiSaraAm(t *testing.T) {
	const w = 40
	a := uitest.DiffAssignment()
	a.Previous = nil
	a.Attempt.Number = 1
	a.Attempt.Parts = []review.EvidencePart{{Title: "Part 1: Overview questions",
		Text: "ครูทำงานสำคัญกับนักเรียน นักเรียนทำแบบฝึกหัดและกำลังแก้ไขงาน การให้ข้อมูลย้อนกลับสำคัญมาก ครูจำได้ว่านักเรียนนำคำแนะนำไปใช้ทำงานใหม่"}}
	p := NewPane(styles.New(uitest.TrueColorRenderer(), true), a, uitest.Clock).SetSize(w, 30)
	for i, l := range strings.Split(p.View(), "\n") {
		if got := uitest.DrawnWidth(l); got > w {
			t.Errorf("line %d is %d cells wide on such a terminal (measured %d), the pane is %d: %q", i, got, ansi.StringWidth(l), w, ansi.Strip(l))
		}
	}
}
