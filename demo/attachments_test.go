package demo

import (
	"strings"
	"testing"

	"assessor/review"
)

// TestPDFReadsBack: the generated PDF is read back by the PDF reader the
// import and the review screen use.
func TestPDFReadsBack(t *testing.T) {
	b := PDF([]string{"Lesson plan (grade 6)", `Back\slash and caf` + "\u00e9", "Prepared by Dana Ruiz"})
	text, err := review.PDFText(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Lesson plan (grade 6)", `Back\slash and caf?`, "Prepared by Dana Ruiz"} {
		if !strings.Contains(text, want) {
			t.Errorf("text %q lacks %q", text, want)
		}
	}
	// The xref offsets point at the objects.
	s := string(b)
	for _, obj := range []string{"1 0 obj", "5 0 obj"} {
		if !strings.Contains(s, obj) {
			t.Fatalf("no %s", obj)
		}
	}
}

// TestAttachmentsCoverEveryType: the demo's files include each inline type,
// every named file has bytes, and text-like ones read back as text.
func TestAttachmentsCoverEveryType(t *testing.T) {
	recs, files := Attachments(gen(t, 1, 120))
	seen := map[string]int{}
	for _, rec := range recs {
		if rec.Submission == nil {
			continue
		}
		for _, p := range rec.Submission.Parts {
			for _, name := range p.Files {
				data, ok := files[rec.Submission][name]
				if !ok {
					t.Fatalf("%s#%d: no bytes for %s", rec.Submission.Application, rec.Submission.Attempt, name)
				}
				typ := review.FileType(name)
				seen[typ]++
				if review.TextLike(typ) && seen[typ] < 5 {
					if _, err := review.AttachmentText(typ, data); err != nil {
						t.Errorf("%s: %v", name, err)
					}
				}
			}
		}
	}
	for _, typ := range []string{review.TypeText, review.TypeMarkdown, review.TypeCSV, review.TypePDF} {
		if seen[typ] < 3 {
			t.Errorf("only %d files of type %s", seen[typ], typ)
		}
	}
}
