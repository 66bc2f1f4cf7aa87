package server

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// imeReader gives text some characters a read, each after a pause, as a
// terminal sends what an input method commits while a reviewer types
// Chinese.
type imeReader struct{ rs []rune }

func (r *imeReader) Read(p []byte) (int, error) {
	if len(r.rs) == 0 {
		return 0, io.EOF
	}
	time.Sleep(10 * time.Millisecond)
	k := min(20, len(r.rs))
	s := string(r.rs[:k])
	r.rs = r.rs[k:]
	return copy(p, s), nil
}

// TestSessionInputKeepsTypedChinese: a reviewer over ssh types a
// paragraph of Chinese feedback, which has no spaces between words; every
// character typed reaches the screen (342 of 416 did).
func TestSessionInputKeepsTypedChinese(t *testing.T) {
	sentence := "学生的反馈非常具体，很好地说明了学习目标和下一步骤。"
	text := strings.Repeat(sentence, 16) // 416 characters, no space
	in := newSessionInput(&imeReader{rs: []rune(text)})
	defer in.close()
	var got bytes.Buffer
	buf := make([]byte, 256)
	for {
		n, err := in.Read(buf)
		got.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if got.String() != text {
		t.Errorf("typed %d characters; the screen reads %d", utf8.RuneCountInString(text), utf8.RuneCount(got.Bytes()))
	}
}
