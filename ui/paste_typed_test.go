package ui

import (
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"assessor/review"
)

// typing is a terminal as a program reads it while someone types: each
// read gives what was typed since the last, after a pause on clock.
type typing struct {
	reads []string
	clock *time.Time
}

func (t *typing) Read(p []byte) (int, error) {
	if len(t.reads) == 0 {
		return 0, io.EOF
	}
	*t.clock = t.clock.Add(80 * time.Millisecond)
	n := copy(p, t.reads[0])
	t.reads = t.reads[1:]
	return n, nil
}

// capTyped is what a program reads of reads typed one after another.
func capTyped(t *testing.T, reads []string) string {
	t.Helper()
	var clock time.Time
	c := CapPastes(&typing{reads: reads, clock: &clock}, MaxPaste).(*pasteCap)
	c.now = func() time.Time { return clock }
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(got)
}

// TestTypedKeysAreNoRun: keys typed one at a time reach the program
// however many come without a space. A reviewer passing attempt after
// attempt types s, m for each criterion, c and y: every key past the
// 1,024th was dropped until a space or an escape came. And a whole
// feedback field of Chinese, which an input method commits a few
// characters a read with no space between words: 342 characters of it
// reached the program.
func TestTypedKeysAreNoRun(t *testing.T) {
	var keys []string
	for range 150 {
		keys = append(keys, "s", "m", "m", "m", "m", "c", "y")
	}
	if got, want := capTyped(t, keys), strings.Join(keys, ""); got != want {
		t.Errorf("%d of %d keys typed reached the program; the first lost is key %d", len(got), len(want), len(got)+1)
	}

	sentence := []rune(strings.Repeat("学生的反馈非常具体，很好地说明了学习目标和下一步骤。", review.MaxFeedback/26+1))[:review.MaxFeedback]
	var commits []string
	for i := 0; i < len(sentence); i += 3 {
		commits = append(commits, string(sentence[i:min(i+3, len(sentence))]))
	}
	if got := capTyped(t, commits); got != string(sentence) {
		t.Errorf("typed %d characters of Chinese; the program reads %d", len(sentence), utf8.RuneCountInString(got))
	}
}
