package review

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Outcome is the result of a decided attempt.
type Outcome string

// The two outcomes of a decision.
const (
	Pass     Outcome = "pass"
	Resubmit Outcome = "resubmit"
)

// OverallKey is the Feedback map key of the overall feedback.
const OverallKey = "overall"

// Decision is the decision of record on one attempt.
type Decision struct {
	Application   string            `json:"application"`
	Attempt       int               `json:"attempt"`
	Reviewer      string            `json:"reviewer"`
	DecidedAt     time.Time         `json:"decided_at"`
	Outcome       Outcome           `json:"outcome"`
	Levels        map[string]string `json:"levels"`
	Feedback      map[string]string `json:"feedback,omitempty"`
	RubricVersion int               `json:"rubric_version,omitempty"`
}

// Draft is a reviewer's unfinished scoring of an attempt, saved as typed.
type Draft struct {
	Levels   map[string]string `json:"levels,omitempty"`
	Feedback map[string]string `json:"feedback,omitempty"`
	SavedAt  time.Time         `json:"saved_at"`
	// Revision counts the stored draft's saves (draft.go): 0 before the
	// first, and for drafts stored before revisions were kept. A copy
	// being saved or decided carries the revision it was read at.
	Revision int `json:"revision,omitempty"`
	// Session is a random token naming the opening of the attempt that
	// saved the stored draft, or that is saving or deciding this copy.
	Session string `json:"session,omitempty"`
}

// Empty reports whether the draft holds nothing typed.
func (d Draft) Empty() bool {
	for _, v := range d.Feedback {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return len(d.Levels) == 0
}

// Errors returned by the decision rules.
var (
	ErrUnscored         = errors.New("criterion not scored")
	ErrUnknownLevel     = errors.New("unknown level")
	ErrUnknownCriterion = errors.New("unknown criterion")
	ErrOutcomeMismatch  = errors.New("outcome disagrees with levels")
	ErrNoFeedback       = errors.New("feedback required on every criterion below the passing level")
)

// FieldError is a rule violation on one named field, e.g. "levels.C2".
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// ComputeOutcome applies rule 1: pass iff every criterion is at the passing
// level. Every criterion must be scored with a known level, and no level may
// name a criterion the rubric lacks.
func ComputeOutcome(r Rubric, levels map[string]string) (Outcome, error) {
	for _, id := range sortedKeys(levels) {
		if _, ok := r.Criterion(id); !ok {
			return "", &FieldError{"levels." + cut(id, MaxQuoted), r.unknownCriterion(id)}
		}
		if !r.HasLevel(levels[id]) {
			return "", &FieldError{"levels." + id, fmt.Errorf("%w %s (want one of %s)", ErrUnknownLevel, Quoted(levels[id]), strings.Join(r.AllLevels(), ", "))}
		}
	}
	out := Pass
	for _, c := range r.Criteria {
		l, ok := levels[c.ID]
		if !ok {
			return "", &FieldError{"levels." + c.ID, ErrUnscored}
		}
		if l != r.PassingLevel() {
			out = Resubmit
		}
	}
	return out, nil
}

// Validate checks a decision against rules 1 and 2: the outcome must be the
// computed one, and a resubmit needs feedback on every not-yet criterion.
func Validate(r Rubric, d Decision) error {
	out, err := ComputeOutcome(r, d.Levels)
	if err != nil {
		return err
	}
	if d.Outcome != out {
		return &FieldError{"outcome", fmt.Errorf("%w: levels give %q, not %q", ErrOutcomeMismatch, out, d.Outcome)}
	}
	return checkFeedback(r, d)
}

// scored is d with its outcome computed from its levels (rule 1), checked
// like Validate without computing the outcome a second time.
func scored(r Rubric, d Decision) (Decision, error) {
	var err error
	if d.Outcome, err = ComputeOutcome(r, d.Levels); err != nil {
		return Decision{}, err
	}
	if err := checkFeedback(r, d); err != nil {
		return Decision{}, err
	}
	return d, nil
}

// checkFeedback is rule 2's hard half, a *FieldError on the first not-yet
// criterion of d without feedback, after a field over MaxFeedback.
func checkFeedback(r Rubric, d Decision) error {
	if err := CheckFeedbackLength(d.Feedback); err != nil {
		return err
	}
	if miss := MissingFeedback(r, d.Levels, d.Feedback); len(miss) > 0 {
		// In the rubric's own words: "not-yet" is only the default's.
		return &FieldError{"feedback." + miss[0], fmt.Errorf("%w (%s is below %s)", ErrNoFeedback, d.Levels[miss[0]], r.PassingLevel())}
	}
	return nil
}

// MissingFeedback lists, in rubric order, the not-yet criteria without
// feedback: rule 2's hard half, which Validate enforces and the scoring
// screens show before a reviewer confirms.
func MissingFeedback(r Rubric, levels, feedback map[string]string) []string {
	var ids []string
	for _, id := range NotYet(r, levels) {
		if strings.TrimSpace(feedback[id]) == "" {
			ids = append(ids, id)
		}
	}
	return ids
}

// NotYet lists, in rubric order, the criteria scored below the passing level.
func NotYet(r Rubric, levels map[string]string) []string {
	var ids []string
	for _, c := range r.Criteria {
		if l, ok := levels[c.ID]; ok && l != r.PassingLevel() {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// MinFeedbackWords is the length under which feedback is flagged as thin.
const MinFeedbackWords = 15

// Warning is advice about feedback quality; it does not block a decision.
type Warning struct {
	Criterion string
	Message   string
}

// FeedbackWarnings applies the soft half of rule 2: feedback on a not-yet
// criterion under MinFeedbackWords words (FeedbackWords), or identical to another criterion's
// feedback, is flagged.
func FeedbackWarnings(r Rubric, levels, feedback map[string]string) []Warning {
	var ws []Warning
	seen := map[string]string{}
	for _, c := range r.Criteria {
		text := strings.TrimSpace(feedback[c.ID])
		if text == "" {
			continue
		}
		norm := strings.ToLower(strings.Join(strings.Fields(text), " "))
		if other, ok := seen[norm]; ok {
			ws = append(ws, Warning{c.ID, "same feedback as " + other + ": say what is specific to " + c.ID})
		} else {
			seen[norm] = c.ID
		}
		if levels[c.ID] != r.PassingLevel() && levels[c.ID] != "" {
			if n := FeedbackWords(text); n < MinFeedbackWords {
				ws = append(ws, Warning{c.ID, fmt.Sprintf("feedback is %s; aim for %d+ that name what to change", Count(n, "word", "words"), MinFeedbackWords)})
			}
		}
	}
	return ws
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
