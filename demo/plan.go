package demo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"assessor/review"
)

// favouredStack gets more applications: in the programs the demo imitates,
// the assessment credentials are the most requested.
const favouredStack = "Assessment Literacy"

// partKind is the role a part plays in the evidence, which decides the
// sentences it is written from.
type partKind uint8

const (
	kindOverview partKind = iota
	kindArtifacts
	kindReflection
)

// partPlan is one rubric part as the generator uses it.
type partPlan struct {
	title    string
	kind     partKind
	maxWords int   // 0: no limit
	crits    []int // criteria (indexes into rubricPlan.crits) that sit in this part
}

// critPlan is one criterion as the generator uses it.
type critPlan struct {
	id     string
	name   string // as written
	lower  string // first letter lowered, for use mid-sentence
	part   int    // index into rubricPlan.parts
	weight float64
	cat    feedbackCat
}

// rubricPlan is everything the generator needs from one rubric, computed
// once per Records call so the per-attempt work is lookups only.
type rubricPlan struct {
	id, title string
	stack     string
	weight    float64 // share of applications
	firstPass float64 // probability that attempt 1 passes
	pass      string
	notYet    []string // the non-passing levels
	parts     []partPlan
	crits     []critPlan
}

// difficulty spreads attempt-1 pass rates around 0.40 so the per-credential
// table of the dashboard has something to show; the offsets roughly cancel.
var difficulty = [...]float64{0, -0.04, 0.04, -0.07, 0.07, -0.02, 0.02, -0.05, 0.05}

// fallbackParts stand in for a rubric that names no parts, so every
// submission still has evidence to read.
var fallbackParts = [...]string{"Part 1: Overview questions", "Part 2: Artifacts", "Part 3: Reflection"}

func newRubricPlan(i int, r review.Rubric) rubricPlan {
	p := rubricPlan{
		id:        r.ID,
		title:     r.Title,
		stack:     r.Stack,
		weight:    1,
		firstPass: 0.40 + difficulty[i%len(difficulty)],
		pass:      r.PassingLevel(),
	}
	if r.Stack == favouredStack {
		p.weight = 1.5
	}
	levels := r.AllLevels()
	p.notYet = levels[:len(levels)-1]
	if len(p.notYet) == 0 { // a one-level rubric cannot send anyone back
		p.notYet = levels
	}
	numbers := make([]int, 0, len(r.Parts))
	for _, rp := range r.Parts {
		p.parts = append(p.parts, partPlan{title: rp.Title, maxWords: rp.MaxWords})
		numbers = append(numbers, rp.Number)
	}
	if len(p.parts) == 0 {
		for n, t := range fallbackParts {
			p.parts = append(p.parts, partPlan{title: t})
			numbers = append(numbers, n+1)
		}
	}
	for j := range p.parts {
		p.parts[j].kind = kindOf(p.parts[j].title, j, len(p.parts))
	}
	for _, c := range r.Criteria {
		cp := critPlan{id: c.ID, name: c.Name, lower: lowerFirst(c.Name)}
		cp.part = 0
		for j, n := range numbers {
			if n == c.Part && c.Part > 0 {
				cp.part = j
			}
		}
		cp.weight = notYetWeight(c.Name, p.parts[cp.part].kind)
		cp.cat = categorize(c.Name, p.parts[cp.part].kind)
		p.parts[cp.part].crits = append(p.parts[cp.part].crits, len(p.crits))
		p.crits = append(p.crits, cp)
	}
	return p
}

// kindOf reads the part's role from its title, falling back on position.
func kindOf(title string, i, n int) partKind {
	t := strings.ToLower(title)
	switch {
	case strings.Contains(t, "reflect"):
		return kindReflection
	case strings.Contains(t, "artifact"), strings.Contains(t, "evidence"):
		return kindArtifacts
	case strings.Contains(t, "overview"), strings.Contains(t, "context"):
		return kindOverview
	case i == 0:
		return kindOverview
	case i == n-1 && n > 2:
		return kindReflection
	}
	return kindArtifacts
}

// notYetWeight makes reflection and "acting on evidence" criteria the
// common reasons to send a submission back, as leads report, and context
// questions the rare ones.
func notYetWeight(name string, k partKind) float64 {
	w := 1.0
	switch k {
	case kindReflection:
		w = 2.2
	case kindOverview:
		w = 0.7
	}
	n := strings.ToLower(name)
	for _, kw := range [...]string{"acting", "act on", "evidence", "impact", "adjust", "use of", "closing the loop", "analysis", "interpretation"} {
		if strings.Contains(n, kw) {
			w *= 1.6
			break
		}
	}
	return w
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsUpper(r) {
		return s
	}
	// Keep acronyms ("ELL supports") as written.
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// stackOf names the stack of plan i ("" when its rubric has none).
func (g *generator) stackOf(i int) string { return g.plans[i].stack }
