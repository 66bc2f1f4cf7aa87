package review

import (
	"fmt"
	"maps"
	"strings"
)

// DefaultLevels returns the rubric levels used when a rubric names none; the
// last one is the passing level. It is a function so that no caller can
// change the default for everyone through a shared slice.
func DefaultLevels() []string { return []string{"not-yet", "meets"} }

// Part is one evidence section a rubric asks for, e.g. "Part 2: Artifacts".
type Part struct {
	Number   int    `json:"number"`
	Title    string `json:"title"`
	MaxWords int    `json:"max_words,omitempty"` // 0 means no limit
}

// Criterion is one scorable criterion of a rubric. Description is Markdown.
type Criterion struct {
	ID          string `json:"id"` // "C1", "C2", ...
	Name        string `json:"name"`
	Part        int    `json:"part,omitempty"` // number of the part it sits in; 0 if before any part
	Description string `json:"description"`
}

// MaxRubricVersion is the highest version a rubric may have: the store
// files each version under 32 bits, where a higher one would land on a
// lower one's place, and a 32-bit build (386, arm) holds it in an int.
const MaxRubricVersion = 1<<31 - 1

// Rubric is one version of a credential's rubric.
type Rubric struct {
	ID       string      `json:"id"`
	Title    string      `json:"title"`
	Stack    string      `json:"stack,omitempty"`
	Version  int         `json:"version"`
	Levels   []string    `json:"levels"`
	Parts    []Part      `json:"parts"`
	Criteria []Criterion `json:"criteria"`
	// Markdown is the rubric body (front matter removed), rendered to the
	// reviewer as written.
	Markdown string `json:"markdown"`
}

// PassingLevel is the last listed level.
func (r Rubric) PassingLevel() string {
	levels := r.levels()
	return levels[len(levels)-1]
}

func (r Rubric) levels() []string {
	if len(r.Levels) == 0 {
		return DefaultLevels()
	}
	return r.Levels
}

// AllLevels returns the rubric's levels, lowest first.
func (r Rubric) AllLevels() []string { return r.levels() }

// HasLevel reports whether l is one of the rubric's levels.
func (r Rubric) HasLevel(l string) bool {
	for _, x := range r.levels() {
		if x == l {
			return true
		}
	}
	return false
}

// Spelled is levels with each level the rubric lists written as the
// rubric spells it, however it came: matched in OneForm, "réussi" composed,
// as a web form's JSON or a terminal sends it, is the level a rubric saved
// decomposed lists. Outcomes, tallies and the report then compare one
// spelling. Levels the rubric lacks are kept, for ComputeOutcome to refuse.
func (r Rubric) Spelled(levels map[string]string) map[string]string {
	out := maps.Clone(levels)
	for id, l := range out {
		form := OneForm(l)
		for _, x := range r.levels() {
			if OneForm(x) == form {
				out[id] = x
				break
			}
		}
	}
	return out
}

// CriterionNumber is the number of criterion id without its leading zeros
// ("C01" and "C1" are both "1"): one criterion to a reader, so a rubric
// may not have both, nor spell one in a new version as another did.
func CriterionNumber(id string) string { return strings.TrimLeft(strings.TrimPrefix(id, "C"), "0") }

// CheckCriterionSpelling refuses r, a new version, when it spells the
// number of one of its criteria otherwise than version old did: decisions
// and the report name criteria by id, and would count the two apart.
func CheckCriterionSpelling(r, old Rubric) error {
	was := map[string]string{}
	for _, c := range old.Criteria {
		was[CriterionNumber(c.ID)] = c.ID
	}
	for _, c := range r.Criteria {
		if id, ok := was[CriterionNumber(c.ID)]; ok && id != c.ID {
			return fmt.Errorf("criterion %s is %s in version %d: keep its spelling, or decisions and the report count the two apart", c.ID, id, old.Version)
		}
	}
	return nil
}

// unknownCriterion is the error for id, which r lacks; when r spells the
// same number otherwise (C01 or c1 for C1), it says so, as they look alike.
func (r Rubric) unknownCriterion(id string) error {
	for _, c := range r.Criteria {
		if CriterionNumber(c.ID) == CriterionNumber(strings.ToUpper(id)) {
			return fmt.Errorf("%w (this rubric spells it %s)", ErrUnknownCriterion, c.ID)
		}
	}
	return ErrUnknownCriterion
}

// Criterion returns the criterion with the given id.
func (r Rubric) Criterion(id string) (Criterion, bool) {
	for _, c := range r.Criteria {
		if c.ID == id {
			return c, true
		}
	}
	return Criterion{}, false
}

// PartLimit returns the word limit of the part whose title matches title
// ("Part 2: Artifacts" matches part 2), or 0 when there is none.
func (r Rubric) PartLimit(title string) int {
	n := PartNumber(title)
	for _, p := range r.Parts {
		if p.Number == n && n > 0 {
			return p.MaxWords
		}
	}
	return 0
}
