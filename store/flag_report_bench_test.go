package store

import (
	"fmt"
	"strings"
	"testing"

	"assessor/review"
)

// BenchmarkFlagReportManyFlags: a lead's report of an attempt whose 1 MB
// file holds 2,000 flags (other people's e-mails), as `leaks show` reads
// it: each flag's context comes from the file's text.
func BenchmarkFlagReportManyFlags(b *testing.B) {
	f := newFixture(b)
	var text strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&text, "Ask aide%d@school.example.org about the plan. %s\n", i, strings.Repeat("Lesson notes. ", 32))
	}
	src := Files{"notes.txt": []byte(text.String())}
	sub := withFiles("A-1", 1, "2024-02-01T10:00:00Z", "notes.txt")
	if _, err := f.importFiles(src, sub); err != nil {
		b.Fatal(err)
	}
	if err := f.AddReviewer(review.Reviewer{ID: "lead", Role: review.RoleLead}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		rep, err := f.FlagReport("lead", key("A-1", 1), "bench")
		if err != nil || len(rep.Open) < 2000 {
			b.Fatalf("%d flags, %v", len(rep.Open), err)
		}
	}
}
