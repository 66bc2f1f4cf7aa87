package store

import (
	"regexp"
	"strings"

	"assessor/review"
)

// Patterns of identifying details that need no vault value to spot.
var (
	emailPattern = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	phonePattern = regexp.MustCompile(`(?:\+?\d{1,2}[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b`)
)

// identityFlags counts the evidence parts (and the note, as one more) that
// hold a likely identity leak: the candidate's name, email or district, any
// email address, or a phone number. The count is shown to reviewers as a
// warning; the matched values never are. The design's configurable list of
// school and district names belongs with the rules in review/ once it exists.
func identityFlags(a review.Attempt, c *review.Candidate) int {
	var own []string
	if c != nil {
		for _, v := range []string{c.Name, c.Email, c.District} {
			if v = strings.ToLower(strings.TrimSpace(v)); len(v) >= 3 {
				own = append(own, v)
			}
		}
	}
	leaks := func(text string) bool {
		lower := strings.ToLower(text)
		for _, v := range own {
			if strings.Contains(lower, v) {
				return true
			}
		}
		return emailPattern.MatchString(text) || phonePattern.MatchString(text)
	}
	n := 0
	for _, p := range a.Parts {
		if leaks(p.Title + "\n" + p.Text + "\n" + strings.Join(p.Files, "\n")) {
			n++
		}
	}
	if leaks(a.Note) {
		n++
	}
	return n
}
