package review

import (
	"strings"
	"time"
)

// NormalizeEmail is the form of an email that identifies a candidate across
// applications: trimmed and lowercased, so "Dana@Example.org " and
// "dana@example.org" are one person.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// StackMembers lists, for each stack, the credentials whose latest rubric
// names it, sorted by id. Membership follows the latest rubric: a stack is
// earned by holding what the program asks for today.
func StackMembers(credentials map[string]Rubric) map[string][]string {
	out := map[string][]string{}
	for _, id := range sortedMapKeys(credentials) {
		if s := credentials[id].Stack; s != "" {
			out[s] = append(out[s], id)
		}
	}
	return out
}

// CandidatePass is one passed application of a candidate known by an opaque
// key (never the email itself).
type CandidatePass struct {
	Candidate   string
	Credential  string
	Application string
	PassedAt    time.Time
}

// StackCompletion is one candidate's completion of one stack: a pass in
// every member credential.
type StackCompletion struct {
	Stack     string
	Candidate string
	// Passes earned it: the candidate's earliest pass of each member
	// credential, in credential order.
	Passes []CandidatePass
	// IssuedOn is the latest of Passes: the day the last piece arrived.
	IssuedOn time.Time
}

// CompletedStacks lists every stack completion among passes, sorted by
// stack then candidate. Passes without a candidate key are ignored, as is a
// stack with no member credential.
func CompletedStacks(credentials map[string]Rubric, passes []CandidatePass) []StackCompletion {
	// earliest[candidate][credential] is the pass that first earned it;
	// ties go to the lower application id so the result is stable.
	earliest := map[string]map[string]CandidatePass{}
	for _, p := range passes {
		if p.Candidate == "" {
			continue
		}
		m := earliest[p.Candidate]
		if m == nil {
			m = map[string]CandidatePass{}
			earliest[p.Candidate] = m
		}
		old, ok := m[p.Credential]
		if !ok || p.PassedAt.Before(old.PassedAt) || p.PassedAt.Equal(old.PassedAt) && p.Application < old.Application {
			m[p.Credential] = p
		}
	}
	members := StackMembers(credentials)
	var out []StackCompletion
	for _, stack := range sortedMapKeys(members) {
		for _, cand := range sortedMapKeys(earliest) {
			c := StackCompletion{Stack: stack, Candidate: cand}
			for _, cred := range members[stack] {
				p, ok := earliest[cand][cred]
				if !ok {
					c.Passes = nil
					break
				}
				c.Passes = append(c.Passes, p)
				if p.PassedAt.After(c.IssuedOn) {
					c.IssuedOn = p.PassedAt
				}
			}
			if len(c.Passes) > 0 {
				out = append(out, c)
			}
		}
	}
	return out // sorted: both loops walk sorted keys
}

// historyPasses lists the passed applications among hs whose candidate is
// known and whose pass is not revoked, for CompletedStacks.
func historyPasses(hs []History) []CandidatePass {
	var out []CandidatePass
	for _, h := range hs {
		if h.Candidate == "" || h.PassRevoked {
			continue
		}
		for _, a := range h.Attempts {
			if d := a.Decision; d != nil && d.Outcome == Pass {
				out = append(out, CandidatePass{h.Candidate, h.Application.Credential, h.Application.ID, d.DecidedAt})
				break
			}
		}
	}
	return out
}

// StackProgress is how far candidates are through one stack: Earned[k-1]
// candidates hold k of its Credentials credentials (k = 1 … Credentials),
// so Earned[Credentials-1] completed it. Candidates with none are not
// counted: the store only knows candidates who passed something.
type StackProgress struct {
	Stack       string
	Credentials int
	Earned      []int64
}
