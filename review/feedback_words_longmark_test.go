package review

import "testing"

// TestFeedbackWordsLongVowelMark: Japanese counts a word for every two
// characters (FeedbackWords). The long vowel mark ー, in nearly every
// loanword (コーヒー, レビュー, ルーブリック), is one of those characters,
// not a word of its own: thin feedback full of loanwords escaped the
// thin-feedback warning.
func TestFeedbackWordsLongVowelMark(t *testing.T) {
	if got := FeedbackWords("コーヒー"); got != 2 {
		t.Errorf("コーヒー (coffee, 4 characters) counts %d words, want 2", got)
	}
	// "Look at the supervisor's comment and the rubric's level": 27
	// characters, 14 words by the rule, under 15: warned as thin.
	r := testRubric()
	levels := map[string]string{}
	for k, v := range allMeet {
		levels[k] = v
	}
	c := r.Criteria[0].ID
	levels[c] = "not-yet"
	text := "スーパーバイザーのコメントとルーブリックのレベルを見て"
	if ws := FeedbackWarnings(r, levels, map[string]string{c: text}); len(ws) == 0 {
		t.Errorf("thin feedback of %d characters (%d words counted) not warned", len([]rune(text)), FeedbackWords(text))
	}
}
