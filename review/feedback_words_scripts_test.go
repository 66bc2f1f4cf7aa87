package review

import (
	"testing"
)

// TestFeedbackWarningsCountUnspacedWords: rule 2 warns about not-yet
// feedback under 15 words. Chinese, Japanese and Thai write words without
// spaces between them (scripts.go): a detailed, specific feedback of 40
// to 60 words in them is not "1 word" and must not be warned as thin.
func TestFeedbackWarningsCountUnspacedWords(t *testing.T) {
	r := testRubric()
	for name, text := range map[string]string{
		// "Your feedback samples name the learning target, but students
		// do not yet act on them: add two revised drafts that show what
		// each student changed after reading your comments, and say in
		// your reflection what you will do next time." (Chinese)
		"Chinese":  "你的反馈样本说明了学习目标，但学生还没有根据反馈采取行动：请补充两份修改后的草稿，展示每位学生在阅读你的评语后改了什么，并在反思中说明你下次会怎么做。",
		"Japanese": "あなたのフィードバックは学習目標を示していますが、生徒はまだそれに基づいて行動していません。コメントを読んだ後に各生徒が何を変えたかを示す修正版の下書きを二つ加えてください。",
		"Thai":     "ข้อเสนอแนะของคุณระบุเป้าหมายการเรียนรู้ได้ชัดเจน แต่ผู้เรียนยังไม่ได้นำข้อเสนอแนะไปปรับปรุงงาน กรุณาเพิ่มร่างงานที่แก้ไขแล้วสองชิ้นที่แสดงว่าผู้เรียนแต่ละคนเปลี่ยนอะไรหลังจากอ่านความคิดเห็นของคุณ",
	} {
		levels := map[string]string{}
		for k, v := range allMeet {
			levels[k] = v
		}
		c := r.Criteria[0].ID
		levels[c] = "not-yet"
		for _, w := range FeedbackWarnings(r, levels, map[string]string{c: text}) {
			t.Errorf("%s feedback of %d characters: warned %q", name, len([]rune(text)), w.Message)
		}
	}
}
