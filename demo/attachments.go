package demo

import (
	"fmt"
	"hash/fnv"
	"path"
	"slices"
	"strings"

	"assessor/review"
)

// Demo evidence files. Records names files only; Attachments writes their
// bytes, so the demo store shows every inline type: plain-text transcripts,
// Markdown notes, CSV score sheets and one-page PDFs, each written here from
// the application's id (never from randomness, so Records' history is
// untouched), and minimal Word and Excel files. Photos (.jpg) get a short
// placeholder text, since the demo has none to offer.
//
// A resubmission keeps its earlier files byte for byte, except that some
// applications revise their text files, so the reviewer's diff shows a
// changed file. A few PDFs carry the candidate's name in a "prepared by"
// line, as real lesson plans do, for the import's leak scan to flag.

// Extra files some applications attach beside Records' names, so Markdown
// and CSV appear in the demo.
const (
	demoNotesFile  = "feedback-notes.md"
	demoScoresFile = "rubric-scores.csv"
)

// Attachments returns the records with a few extra file names on the
// artifact parts that already list files, and the bytes of every file each
// submission names, keyed by the submission. The records passed in are not
// modified.
func Attachments(recs []review.Record) ([]review.Record, map[*review.Submission]map[string][]byte) {
	out := make([]review.Record, len(recs))
	files := map[*review.Submission]map[string][]byte{}
	names := map[string]string{} // application → candidate name, from attempt 1
	for i, rec := range recs {
		out[i] = rec
		if rec.Submission == nil {
			continue
		}
		sub := *rec.Submission
		if sub.Candidate != nil {
			names[sub.Application] = sub.Candidate.Name
		}
		h := appHash(sub.Application)
		sub.Parts = slices.Clone(sub.Parts)
		bytesOf := map[string][]byte{}
		for j := range sub.Parts {
			p := &sub.Parts[j]
			if len(p.Files) == 0 {
				continue
			}
			p.Files = append(slices.Clone(p.Files), extraFiles(h, p.Files)...)
			for _, name := range p.Files {
				bytesOf[name] = demoFile(name, sub.Application, names[sub.Application], sub.Attempt, h)
			}
		}
		out[i].Submission = &sub
		files[&sub] = bytesOf
	}
	return out, files
}

// extraFiles are the extra names an application attaches, by its hash.
func extraFiles(h uint32, have []string) []string {
	var add []string
	switch h % 4 {
	case 0:
		add = []string{demoNotesFile}
	case 1:
		add = []string{demoScoresFile}
	case 2:
		add = []string{demoNotesFile, demoScoresFile}
	}
	var out []string
	for _, f := range add {
		if !slices.Contains(have, f) {
			out = append(out, f)
		}
	}
	return out
}

func appHash(s string) uint32 {
	f := fnv.New32a()
	f.Write([]byte(s))
	return f.Sum32()
}

// demoFile writes the bytes of one named file of one attempt.
func demoFile(name, app, candidate string, attempt int, h uint32) []byte {
	// Text files of one application in three change with each attempt.
	version := 1
	if h%3 == 0 {
		version = attempt
	}
	grade := 3 + int(h%6)
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return PDF(pdfLines(name, candidate, grade, h))
	case ".txt":
		return []byte(transcript(grade, version))
	case ".md":
		return []byte(notes(grade, version))
	case ".csv":
		return []byte(scores(h, version))
	case ".docx":
		return Office(".docx", pdfLines(name, candidate, grade, h))
	case ".xlsx":
		return Office(".xlsx", strings.Split(strings.TrimSpace(scores(h, version)), "\n"))
	}
	return []byte(fmt.Sprintf("Demo placeholder for %s: the demo program has no photos.\n", name))
}

// pdfLines is a PDF's page: a title from its name and a few lines about the
// lesson. One application in thirteen signs its lesson plan.
func pdfLines(name, candidate string, grade int, h uint32) []string {
	title := strings.ReplaceAll(strings.TrimSuffix(name, path.Ext(name)), "-", " ")
	title = strings.ToUpper(title[:1]) + title[1:]
	lines := []string{
		title,
		"",
		fmt.Sprintf("Grade %d, unit %d", grade, 1+h%5),
		"Learning target: I can explain how my evidence supports my claim.",
		"Success criteria: I name the claim, cite two pieces of evidence,",
		"and explain how each one supports the claim.",
		"",
		"Sample 1: strength - the claim is clear. Next step: add a second source.",
		"Sample 2: strength - evidence is cited. Next step: explain the link.",
		"Sample 3: strength - uses the sentence frame. Next step: revise the ending.",
	}
	if h%13 == 0 && candidate != "" {
		lines = append(lines, "", "Prepared by "+candidate)
	}
	return lines
}

func transcript(grade, version int) string {
	s := fmt.Sprintf("Discussion transcript, grade %d\n\n", grade) +
		"T: What did the feedback on your draft ask you to do next?\n" +
		"S1: Add a second piece of evidence for my claim.\n" +
		"T: Where in your draft will that go?\n" +
		"S1: After my first reason, before the conclusion.\n" +
		"S2: Mine said to explain how the quote connects to the claim.\n"
	if version > 1 {
		s += fmt.Sprintf("\nAdded for attempt %d:\nT: Show your partner the sentence you changed and why.\nS2: I changed my ending so it answers the question.\n", version)
	}
	return s
}

func notes(grade, version int) string {
	s := fmt.Sprintf("# Feedback notes, grade %d\n\n", grade) +
		"## What I looked for\n\n" +
		"- a clear **claim** in the first sentence\n" +
		"- two pieces of *evidence*, each explained\n\n" +
		"## Patterns\n\n" +
		"| pattern | students |\n|---|---|\n| claim unclear | 4 |\n| evidence not explained | 9 |\n"
	if version > 1 {
		s += fmt.Sprintf("\n## Revised for attempt %d\n\nEach comment now names one next step the student can act on in class.\n", version)
	}
	return s
}

func scores(h uint32, version int) string {
	var b strings.Builder
	b.WriteString("student,criterion,draft,revision,next step\n")
	for i := range 6 {
		draft := 1 + int((h>>uint(i))%3)
		rev := min(draft+int((h>>uint(i+3))%2)+version-1, 4)
		fmt.Fprintf(&b, "S%d,claim and evidence,%d,%d,%s\n", i+1, draft, rev, []string{"cite a second source", "explain the link", "revise the ending"}[i%3])
	}
	return b.String()
}
