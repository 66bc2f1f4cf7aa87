package demo

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestSomeFilesAreSigned: a few demo PDFs carry the candidate's name in a
// "Prepared by" line, as real lesson plans do, so the demo shows the
// import finding and redacting identity in files, not only in the text;
// and no file carries another candidate's name.
func TestSomeFilesAreSigned(t *testing.T) {
	recs, files := Attachments(gen(t, 1, DefaultApplications))
	names := map[string]string{}
	signed := 0
	for _, rec := range recs {
		s := rec.Submission
		if s == nil {
			continue
		}
		if s.Candidate != nil {
			names[s.Application] = s.Candidate.Name
		}
		for name, data := range files[s] {
			if review.FileType(name) != review.TypePDF {
				continue
			}
			text, err := review.PDFText(data)
			if err != nil {
				t.Fatalf("%s#%d %s: %v", s.Application, s.Attempt, name, err)
			}
			_, by, ok := strings.Cut(text, "Prepared by ")
			if !ok {
				continue
			}
			if !strings.HasPrefix(by, names[s.Application]) {
				t.Errorf("%s#%d %s: signed %q, not by its candidate %q", s.Application, s.Attempt, name, by, names[s.Application])
			}
			signed++
		}
	}
	if signed == 0 {
		t.Error("no demo PDF is signed by its candidate: the demo shows no identity in a file")
	}
}
