package review_test

import (
	"strings"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
	"assessor/rubrics"
)

// BenchmarkScanLeaks scans demo submissions as an import does: one scanner,
// each submission against its own candidate.
func BenchmarkScanLeaks(b *testing.B) {
	subs := demoSubmissions(b)
	sc := review.NewLeakScanner([]string{"Kapolei High", "Waianae Intermediate", "Hilo Union"})
	bytes := 0
	for _, s := range subs {
		for _, p := range s.Parts {
			bytes += len(p.Text)
		}
	}
	b.SetBytes(int64(bytes / len(subs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := subs[i%len(subs)]
		sc.Scan(s.Parts, s.Note, s.Candidate)
	}
}

// BenchmarkScanLeaksWithoutSpaces scans 96 KB of one user-name form of the
// candidate's name after another, with no space between: each match asks
// whether it stands in a file name, which must not cost the whole run.
func BenchmarkScanLeaksWithoutSpaces(b *testing.B) {
	text := strings.Repeat("druiz,", 16000)
	c := &review.Candidate{Name: "Dana Ruiz"}
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		review.ScanLeaks([]review.EvidencePart{{Title: "Part 1", Text: text}}, "", c, nil)
	}
}

// BenchmarkRedactEvidence redacts demo submissions as an import does: a
// Redactor per submission, over its titles, texts, note and file names.
func BenchmarkRedactEvidence(b *testing.B) {
	subs := demoSubmissions(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := subs[i%len(subs)]
		review.NewRedactor(s.Candidate).RedactEvidence(s.Parts, s.Note)
	}
}

// demoSubmissions are the submissions of 200 demo applications that carry
// their candidate (the first attempts).
func demoSubmissions(b *testing.B) []*review.Submission {
	rs, err := rubrics.Bundled()
	if err != nil {
		b.Fatal(err)
	}
	var subs []*review.Submission
	for _, r := range demo.Records(rs, demo.Options{Seed: 1, Applications: 200, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}) {
		if r.Submission != nil && r.Submission.Candidate != nil {
			subs = append(subs, r.Submission)
		}
	}
	return subs
}
