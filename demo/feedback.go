package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"assessor/review"
)

// Reviewer feedback is assembled from fragments: an acknowledgement of the
// part, what the criterion still needs, what to add, and sometimes a
// closing line. Fragments are drawn without replacement within a decision,
// and each names its criterion, so no two criteria of one decision read the
// same and review.FeedbackWarnings stays quiet. None of them can carry a
// candidate's identity: they only ever contain rubric text.

// feedbackCat groups criteria by what reviewers typically ask for.
type feedbackCat uint8

const (
	catGeneral feedbackCat = iota
	catTarget
	catQuestions
	catEvidence
	catFeedback
	catStudents
	catFamily
	catTexts
	catQuality
	catContext
	catReflect
	numCats
)

// categorize picks the category from keywords in the criterion's name,
// most specific first; the part decides when nothing matches.
func categorize(name string, k partKind) feedbackCat {
	n := strings.ToLower(name)
	rules := [...]struct {
		cat feedbackCat
		kws []string
	}{
		{catReflect, []string{"reflection", "analysis", "evaluation", "impact", "application"}},
		{catFamily, []string{"famil"}},
		{catTexts, []string{"text"}},
		{catFeedback, []string{"feedback", "next steps", "specificity"}},
		{catEvidence, []string{"evidence", "data", "checkpoint", "accuracy", "adjust", "acting"}},
		{catQuestions, []string{"question", "response", "anticipation", "thinking"}},
		{catStudents, []string{"student", "engag", "voice", "involvement", "participation", "inclusive"}},
		{catTarget, []string{"target", "criteria", "destination", "purpose", "standard"}},
		{catQuality, []string{"quality", "alignment", "scoring", "revision", "audit", "embedding"}},
		{catContext, []string{"context", "knowledge", "assumption", "understanding", "selection", "decision"}},
	}
	for _, r := range rules {
		for _, kw := range r.kws {
			if strings.Contains(n, kw) {
				return r.cat
			}
		}
	}
	switch k {
	case kindOverview:
		return catContext
	case kindReflection:
		return catReflect
	}
	return catGeneral
}

// needs says what a not-yet criterion is missing; adds says what to put in.
var needs = [numCats][]string{
	catGeneral:   {"a clear link between the artifacts and the criterion", "specific examples drawn from your own classroom"},
	catTarget:    {"a learning target stated as learning rather than as an activity", "success criteria that students could use to judge their own work"},
	catQuestions: {"the questions you planned in advance and the answers you expected", "how every student, not only volunteers, responded"},
	catEvidence:  {"what the evidence showed for specific students and the decision it led to", "how you changed instruction in response to what students showed"},
	catFeedback:  {"feedback that names one strength and one next step in the language of the criteria", "a next step specific enough for the student to act on alone"},
	catStudents:  {"how students themselves used or shaped the work", "the voices of students who do not usually participate"},
	catFamily:    {"what you learned from families and how it changed your teaching", "two-way contact, with families sharing knowledge and not only receiving news"},
	catTexts:     {"how the texts connect to your students' identities and experiences", "how you evaluated each text before using it"},
	catQuality:   {"how each part of the task lines up with the learning goal", "the change you made and why it makes the assessment more accurate"},
	catContext:   {"specific details about your students rather than general statements", "why this focus matters for the particular students you teach"},
	catReflect:   {"a link between changes in student work and what you will do differently", "which moves worked, which did not, and why"},
}

var adds = [numCats][]string{
	catGeneral:   {"a short note on each artifact explaining what it shows", "one concrete example, with the student work that goes with it"},
	catTarget:    {"the target and the success criteria as students saw them", "one example of a student using the criteria to check their own work"},
	catQuestions: {"your planned questions with the responses you anticipated", "a record of how many students responded and how"},
	catEvidence:  {"the numbers before and after, and the adjustment you made in between", "two or three student examples and the instructional decision each one prompted"},
	catFeedback:  {"the feedback you wrote next to each revision it led to", "one comment per sample rewritten as a specific next step"},
	catStudents:  {"student quotes or survey results that show their role", "an example of a decision that changed because of student input"},
	catFamily:    {"entries from the contact log that show families sharing knowledge", "one lesson change that came directly from a family conversation"},
	catTexts:     {"your evaluation notes for each text", "student responses that show how the texts connected to them"},
	catQuality:   {"the original and revised versions side by side", "an annotation of the task showing which goal each item assesses"},
	catContext:   {"two or three specific details about the students in this class", "the reason you chose this focus, tied to something you observed"},
	catReflect:   {"specific differences between first and later work for named samples", "the next step you will take and the evidence that led you to it"},
}

var acks = [...]string{
	"Thank you for the detailed description of your lesson.",
	"Your evidence is well organized and easy to follow.",
	"The work samples you included are well chosen.",
	"You describe the routine you used clearly.",
	"It is clear that you put real thought into this task.",
	"Your writing gives a good sense of your classroom.",
}

var gaps = [...]string{
	"For {crit}, the evidence does not yet show {need}.",
	"The rubric for {crit} asks for {need}, and that is not yet visible in the submission.",
	"{Crit} is not yet met because the response stays general and does not show {need}.",
	"I could not find {need}, which is what {crit} looks for.",
	"To meet {crit}, the submission needs {need}.",
}

// shortestSuggestion indexes the shortest of suggestions.
const shortestSuggestion = 1

var suggestions = [...]string{
	"Add {add} to {part}.",
	"In your resubmission, include {add}.",
	"Consider adding {add}; a short table would work well here.",
	"Please add {add}, and explain in a sentence or two why it matters.",
	"A good way to show this is {add}.",
}

var closers = [...]string{
	"The rest of this part can stay as it is.",
	"This is a small change, and the rest of your evidence is strong.",
	"A paragraph or two is enough here.",
	"You are close on this one.",
	"Keep it brief and specific.",
}

var praises = [...]string{
	"the student quotes make the change visible",
	"the evidence is specific and well chosen",
	"your annotations explain each decision clearly",
	"the data are presented clearly",
	"this is a strong part of the submission",
	"the examples are concrete and convincing",
}

// passOpeners are followed by the credential's title and " micro-credential".
var passOpeners = [...]string{
	"Congratulations: your submission meets every criterion for the ",
	"Well done. Your evidence meets all the criteria for the ",
	"This submission meets every criterion, and you have earned the ",
}

var passDetails = [...]string{
	"The evidence is specific and well organized, and your reflection connects what students did to what you will do next.",
	"Your student work samples made the effect of your practice easy to see.",
	"The data and student quotes in your reflection were especially convincing.",
	"Your artifacts and reflection tell one consistent story, which made the review straightforward.",
}

var resubmitOpeners = [...]string{
	"Thank you for a thoughtful submission.",
	"Thank you for your work on this credential.",
	"You have a solid foundation here.",
	"There is a lot of strong practice in this submission.",
}

var resubmitClosers = [...]string{
	"You do not need to rewrite the parts that already meet the criteria.",
	"The feedback on each criterion explains what to add.",
	"Focus on the evidence; the length is already about right.",
}

// feedbacker builds decisions' feedback; it holds the parsed fragments.
type feedbacker struct {
	gaps, suggestions []tmpl
}

func newFeedbacker() feedbacker {
	return feedbacker{gaps: parseAll(gaps[:]), suggestions: parseAll(suggestions[:])}
}

// notYetText writes feedback of 20–60 words on criterion ci. used holds the
// fragment choices already made in this decision, so texts differ.
func (f *feedbacker) notYetText(rng *rand.Rand, p *rubricPlan, ci int, used *[4]uint32) string {
	c := &p.crits[ci]
	need := needs[c.cat][rng.IntN(len(needs[c.cat]))]
	add := adds[c.cat][rng.IntN(len(adds[c.cat]))]
	fill := func(b []byte, t tmpl) []byte {
		for _, s := range t.segs {
			b = append(b, s.lit...)
			switch s.slot {
			case slotCrit:
				b = append(b, c.lower...)
			case slotCritCap:
				b = append(b, c.name...)
			case slotNeed:
				b = append(b, need...)
			case slotAdd:
				b = append(b, add...)
			case slotPart:
				b = append(b, p.parts[c.part].title...)
			}
		}
		return b
	}
	var ack string
	if rng.IntN(3) > 0 {
		ack = acks[pickFresh(rng, len(acks), &used[0])]
	}
	gap := fill(make([]byte, 0, 160), f.gaps[pickFresh(rng, len(f.gaps), &used[1])])
	sug := fill(make([]byte, 0, 160), f.suggestions[pickFresh(rng, len(f.suggestions), &used[2])])
	closer := closers[pickFresh(rng, len(closers), &used[3])]
	core := countWords(gap) + countWords(sug)
	if core > 60 {
		// A long criterion name and long fragments: fall back on the
		// shortest suggestion rather than cut what the candidate must do.
		sug = fill(sug[:0], f.suggestions[shortestSuggestion])
		core = countWords(gap) + countWords(sug)
	}
	b := make([]byte, 0, 400)
	if ack != "" && core+countWords([]byte(ack)) <= 60 {
		b = append(b, ack...)
		b = append(b, ' ')
		core += countWords([]byte(ack))
	}
	b = append(b, gap...)
	b = append(b, ' ')
	b = append(b, sug...)
	if n := core + countWords([]byte(closer)); n <= 60 && (core < 28 || rng.IntN(2) == 0) {
		b = append(b, ' ')
		b = append(b, closer...)
	}
	return string(b)
}

// metText is optional praise for a criterion that meets the bar.
func metText(rng *rand.Rand, c *critPlan, used *uint32) string {
	return "Clear evidence for " + c.lower + ": " + praises[pickFresh(rng, len(praises), used)] + "."
}

// overallText is the decision's overall feedback.
func overallText(rng *rand.Rand, p *rubricPlan, out review.Outcome, attempt int, notYet, prevNotYet []int, closes time.Time) string {
	var b strings.Builder
	if out == review.Pass {
		b.WriteString(passOpeners[rng.IntN(len(passOpeners))])
		b.WriteString(p.title)
		b.WriteString(" micro-credential. ")
		if attempt > 1 && len(prevNotYet) > 0 {
			b.WriteString("Your revisions responded directly to the earlier feedback on ")
			b.WriteString(p.crits[prevNotYet[0]].lower)
			b.WriteString(". ")
		}
		b.WriteString(passDetails[rng.IntN(len(passDetails))])
		return b.String()
	}
	b.WriteString(resubmitOpeners[rng.IntN(len(resubmitOpeners))])
	b.WriteByte(' ')
	b.WriteString(numberWord(len(p.crits)-len(notYet), true))
	b.WriteString(" of ")
	b.WriteString(numberWord(len(p.crits), false))
	b.WriteString(" criteria are met. To earn the credential, focus your resubmission on ")
	for i, ci := range notYet {
		switch {
		case i == 0:
		case i == len(notYet)-1:
			b.WriteString(" and ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(p.crits[ci].id)
		b.WriteString(" (")
		b.WriteString(p.crits[ci].lower)
		b.WriteString(")")
	}
	b.WriteString(". ")
	b.WriteString(resubmitClosers[rng.IntN(len(resubmitClosers))])
	b.WriteString(" You can resubmit until ")
	b.WriteString(closes.Format("January 2, 2006"))
	b.WriteString(".")
	return b.String()
}

// pickFresh returns an index below n not yet set in *used, marking it; once
// all are used it starts over. n must be at most 32.
func pickFresh(rng *rand.Rand, n int, used *uint32) int {
	all := uint32(1)<<n - 1
	if *used&all == all {
		*used = 0
	}
	i := rng.IntN(n)
	for *used&(1<<i) != 0 {
		i = (i + 1) % n
	}
	*used |= 1 << i
	return i
}

var smallNumbers = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

// numberWord spells out small numbers, as prose does at the start of a
// sentence; larger ones stay digits.
func numberWord(n int, capital bool) string {
	if n < 0 || n >= len(smallNumbers) {
		return strconv.Itoa(n)
	}
	w := smallNumbers[n]
	if capital {
		w = strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}
