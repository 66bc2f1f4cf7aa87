package reviewer

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"assessor/review"
	"assessor/store"
)

// redactedSet finds the values import redacts (review.Redactor) in a text:
// the full name, e-mail, district and a written-out state ignoring case, and
// each part of the name as written, capitalised, on whole words.
type redactedSet struct{ pats []*regexp.Regexp }

func redactedValues(c review.Candidate) redactedSet {
	var rs redactedSet
	add := func(v string, fold bool) {
		v = strings.TrimSpace(v)
		if v == "" {
			return
		}
		p := `\b` + strings.Join(strings.Fields(regexp.QuoteMeta(v)), `\s+`) + `\b`
		if fold {
			p = `(?i)` + p
		}
		rs.pats = append(rs.pats, regexp.MustCompile(p))
	}
	add(c.Name, true)
	add(c.Email, true)
	for _, v := range []string{c.District, c.State} {
		if len([]rune(v)) >= review.MinLeakValueLen {
			add(v, true)
		}
	}
	for _, part := range strings.FieldsFunc(c.Name, func(r rune) bool { return r == ' ' || r == '-' }) {
		if len([]rune(part)) >= 2 {
			add(part, false)
		}
	}
	return rs
}

// find returns the first value found in text, "" for none.
func (rs redactedSet) find(text string) string {
	for _, p := range rs.pats {
		if m := p.FindString(text); m != "" {
			return m
		}
	}
	return ""
}

// fileFrames is the text of every file a reviewer of asg can read: the
// attempt's own files and those of the attempts before it, fetched as the
// files overlay fetches them, under the reviewer's lease, and extracted as
// it extracts them.
func fileFrames(t *testing.T, st *store.Store, asg review.Assignment) (frames []string, redacted int) {
	t.Helper()
	key := asg.Attempt.Key()
	if _, err := st.Claim("anon-rev", key); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := st.Release("anon-rev", key); err != nil {
			t.Fatal(err)
		}
	}()
	read := func(k review.AttemptKey, parts []review.EvidencePart) {
		for _, p := range parts {
			for _, at := range p.Attachments {
				data, err := st.Attachment("anon-rev", k, at.Hash)
				if err != nil {
					t.Fatalf("%s: file %s: %v", asg.Attempt.Handle(), at.Name, err)
				}
				text, note := fileText(at, data)
				redacted += btoi(at.Redacted)
				frames = append(frames, at.Name+"\n"+text+note)
			}
		}
	}
	read(key, asg.Attempt.Parts)
	for _, p := range asg.Previous {
		read(p.Attempt.Key(), p.Attempt.Parts)
	}
	return frames, redacted
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestUnreadablePDFShowsNoOtherReadersText: a PDF the built-in reader
// cannot read shows no text, not the text another reader (pdftotext, here a
// stand-in on PATH) finds in it: the import never redacted or scanned it.
func TestUnreadablePDFShowsNoOtherReadersText(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pdftotext"), []byte("#!/bin/sh\necho 'Prepared by Dana Ruiz'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	data := []byte("%PDF-1.4 damaged beyond reading")
	text, note := fileText(review.NewAttachment("plan.pdf", data), data)
	if text != "" || note != noPDFText {
		t.Errorf("fileText = %q, %q; want no text and %q", text, note, noPDFText)
	}
}

// TestUnreadFileShowsNoText: a file the import did not read (past the
// attempt's text bound) shows no text, as it was never scanned.
func TestUnreadFileShowsNoText(t *testing.T) {
	data := []byte("Prepared by Dana Ruiz")
	at := review.NewAttachment("notes.txt", data)
	at.Unread = true
	if text, note := fileText(at, data); text != "" || !strings.Contains(note, "was not read") {
		t.Errorf("fileText = %q, %q", text, note)
	}
}
