package evidence

import (
	"strings"
	"testing"

	"assessor/ui/internal/uitest"
	"assessor/ui/styles"
)

// TestEvidenceDiffOfUnspacedTextIsBounded: `d` on a resubmission whose
// first part is 4 MB of Chinese (the import's limit), one character
// changed since attempt 1, draws a bounded part of it, as it does for
// the same bytes of spaced words (about 45 MB): MaxDiffWords bounds the
// words drawn, and text without spaces is one word however long, so the
// whole of both versions was laid out, some 72,000 lines, over 400 MB
// and seconds of the server's memory and time under `assessor serve`;
// the full-text view of the same part stops at MaxTextBytes.
func TestEvidenceDiffOfUnspacedTextIsBounded(t *testing.T) {
	unit := "我在七年级科学课上使用描述性反馈来帮助学生理解学习目标每次作业后我都会写出一个优点和一个下一步的建议"
	old := strings.Repeat(unit, (4<<20-1000)/len(unit))
	a := uitest.DiffAssignment()
	a.Attempt.Parts[0].Text = strings.Replace(old, "七", "八", 1)
	prev := &a.Previous[0].Attempt
	prev.Parts = append(prev.Parts[:0:0], prev.Parts...)
	prev.Parts[0].Text = old
	st := styles.New(uitest.TrueColorRenderer(), true)
	var text string
	alloc := uitest.Allocated(func() {
		text, _ = evidenceText(a, uitest.Now, 80, st, true)
	})
	if alloc > 100<<20 {
		t.Errorf("the diff of a 4 MB part without spaces allocated %d MB (over 100 MB)", alloc>>20)
	}
	if n := strings.Count(text, "\n"); n > 2*MaxTextBytes/80 {
		t.Errorf("the diff laid out %d lines, %d bytes, of a part the full text cuts at %d bytes", n, len(text), MaxTextBytes)
	}
}
