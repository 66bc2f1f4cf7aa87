package demo

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// testNow is a fixed "now" so the tests do not depend on the clock.
var testNow = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// testRubrics mirrors the headings of the nine bundled rubrics (ids,
// stacks, parts, limits, criterion names) as literals, so the tests do not
// depend on the rubric parser.
func testRubrics() []review.Rubric {
	type spec struct {
		id, title, stack string
		limits           [3]int // Part 1 and Part 3 limits; Part 2 has none
		crits            [3][]string
	}
	al, crt := "Assessment Literacy", "Culturally Responsive Teaching"
	specs := []spec{
		{"classroom-embedded-assessment", "Classroom Embedded Performance Assessment", al, [3]int{500, 0, 400},
			[3][]string{{"Context and purpose of the assessment"}, {"Alignment of task to learning goals", "Quality of scoring criteria", "Embedding in instruction"}, {"Use of evidence to inform instruction"}}},
		{"culturally-relevant-texts", "Selecting Culturally Relevant Texts", crt, [3]int{500, 0, 350},
			[3][]string{{"Knowledge of students and current texts"}, {"Evaluation and use of selected texts"}, {"Reflection on impact and next steps"}}},
		{"descriptive-feedback", "Descriptive Feedback of Student Learning", al, [3]int{450, 0, 400},
			[3][]string{{"Learning target and criteria as the basis for feedback"}, {"Specificity and focus of feedback", "Actionable next steps"}, {"Analysis of feedback impact"}}},
		{"eliciting-evidence", "Eliciting Accurate Evidence of Student Learning", al, [3]int{500, 0, 400},
			[3][]string{{"Anticipation of student thinking", "Awareness of participation patterns"}, {"Quality of planned questions", "All-student response strategies", "Questioning moves during the lesson"}, {"Interpretation and response to evidence"}}},
		{"family-partnerships", "Building Partnerships with Families", crt, [3]int{500, 0, 400},
			[3][]string{{"Understanding of family context", "Examination of assumptions"}, {"Accessible, two-way communication", "Use of family knowledge in instruction"}, {"Reflection on partnership growth"}}},
		{"formative-assessment-cycle", "Formative Assessment in the Teaching and Learning Cycle", al, [3]int{400, 0, 400},
			[3][]string{{"Clarity of learning destination"}, {"Planned checkpoints for evidence", "Instructional adjustment based on evidence", "Student involvement in the cycle"}, {"Evaluation of the cycle"}}},
		{"learning-targets", "Learning Targets to Establish Success Criteria and Engage Students", al, [3]int{400, 0, 400},
			[3][]string{{"Deconstructing the standard"}, {"Quality of the learning target and success criteria", "Engaging students with the target and criteria"}, {"Reflection on student understanding and engagement"}}},
		{"quality-assessment-principles", "Foundational Principles of Quality Assessment", al, [3]int{500, 0, 350},
			[3][]string{{"Purpose and targets"}, {"Accuracy of the audit", "Quality of the revision"}, {"Application of quality principles"}}},
		{"student-voice", "Elevating Student Voice in Classroom Decisions", crt, [3]int{400, 0, 400},
			[3][]string{{"Selection of a meaningful decision"}, {"Inclusive structures for input", "Acting on and closing the loop"}, {"Reflection on shared decision-making"}}},
	}
	titles := [3]string{"Part 1: Overview questions", "Part 2: Artifacts", "Part 3: Reflection"}
	var rs []review.Rubric
	for _, s := range specs {
		r := review.Rubric{ID: s.id, Title: s.title, Stack: s.stack, Version: 1, Levels: []string{"not-yet", "meets"}}
		n := 0
		for p := range 3 {
			r.Parts = append(r.Parts, review.Part{Number: p + 1, Title: titles[p], MaxWords: s.limits[p]})
			for _, name := range s.crits[p] {
				n++
				id := "C" + string(rune('0'+n))
				r.Criteria = append(r.Criteria, review.Criterion{ID: id, Name: name, Part: p + 1, Description: "meets: " + name})
			}
		}
		rs = append(rs, r)
	}
	return rs
}

func rubricByID(rs []review.Rubric) map[string]review.Rubric {
	m := map[string]review.Rubric{}
	for _, r := range rs {
		m[r.ID] = r
	}
	return m
}

func gen(t testing.TB, seed int64, apps int) []review.Record {
	t.Helper()
	return Records(testRubrics(), Options{Seed: seed, Applications: apps, Now: testNow})
}

func jsonl(t testing.TB, recs []review.Record) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := review.WriteJSONL(&b, recs); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// appView groups one application's records.
type appView struct {
	subs []*review.Submission
	decs []*review.Decision // decs[i] decides subs[i]; may be shorter by one
}

func (a *appView) pending() bool { return len(a.decs) < len(a.subs) }

func (a *appView) passedAt() int {
	for _, d := range a.decs {
		if d.Outcome == review.Pass {
			return d.Attempt
		}
	}
	return 0
}

// byApp groups records by application, keeping first-seen order.
func byApp(recs []review.Record) ([]string, map[string]*appView) {
	var ids []string
	m := map[string]*appView{}
	for _, r := range recs {
		id := r.Application()
		a := m[id]
		if a == nil {
			a = &appView{}
			m[id] = a
			ids = append(ids, id)
		}
		if r.Submission != nil {
			a.subs = append(a.subs, r.Submission)
		} else {
			a.decs = append(a.decs, r.Decision)
		}
	}
	return ids, m
}

func fullText(s *review.Submission) string {
	var b strings.Builder
	for _, p := range s.Parts {
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	b.WriteString(s.Note)
	return b.String()
}
