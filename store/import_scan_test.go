package store

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
)

// TestEncodeAttemptMatchesJSON checks that the attempt encoding Import uses
// with parts encoded ahead is json.Marshal's, byte for byte, so a store
// built either way is the same.
func TestEncodeAttemptMatchesJSON(t *testing.T) {
	rs := bundledRubrics(t)
	recs := demo.Records(rs, demo.Options{Seed: 7, Applications: 60, Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)})
	check := func(a review.Attempt) {
		t.Helper()
		want, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		parts, err := json.Marshal(a.Parts)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range [][]byte{parts, nil} {
			got, err := encodeAttempt(a, p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("encodeAttempt differs from json.Marshal:\n got %s\nwant %s", got, want)
			}
		}
	}
	n := 0
	for _, r := range recs {
		sub := r.Submission
		if sub == nil {
			continue
		}
		a := review.Attempt{Application: sub.Application, Pseudonym: "DF-7KQ2", Credential: sub.Credential,
			RubricVersion: 2, Number: sub.Attempt, SubmittedAt: sub.SubmittedAt.UTC(), Parts: sub.Parts, Note: sub.Note}
		check(a)
		a.Leaks = []review.Leak{{Part: -1, Start: 1, End: 3, Kind: review.LeakEmail}, {Part: 0, File: 1, Attachment: true, Kind: review.LeakPhone}}
		a.Note = "<see> & \"quoted\" \u2028 note"
		check(a)
		n++
	}
	check(review.Attempt{})
	check(review.Attempt{Note: "x", Parts: []review.EvidencePart{}})
	if n == 0 {
		t.Fatal("no submissions generated")
	}
}
