package review

import "testing"

// TestFeedbackWords: words between spaces, punctuation alone no word, and
// in the scripts written without spaces a word for every two characters
// of Chinese or Japanese and every five letters of Thai.
func TestFeedbackWords(t *testing.T) {
	for _, c := range []struct {
		s    string
		want int
	}{
		{"Add two revised drafts - and say why.", 7},
		{"", 0},
		{"请改进。", 2},       // 3 characters and a full stop
		{"学习目标，很好", 3},    // 6 characters: 3
		{"AI模型 works", 3}, // AI, 模型, works
		{"ผู้เรียนยังไม่ได้", 3}, // 11 letters, its vowel and tone marks not counted
	} {
		if got := FeedbackWords(c.s); got != c.want {
			t.Errorf("FeedbackWords(%q) = %d, want %d", c.s, got, c.want)
		}
	}
}
