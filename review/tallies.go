package review

import (
	"sort"
	"time"
)

// CriterionKey names one criterion of one credential.
type CriterionKey struct{ Credential, Criterion string }

// Tallies are every running count a report is built from, with the median
// turnarounds that go beside them. The store reads them from its
// counters; Recompute builds them from raw history; both then call Report.
type Tallies struct {
	Groups          map[Group]Tally
	GroupMedians    map[Group]*Middle
	Reviewers       map[string]ReviewerTally
	ReviewerMedians map[string]*Middle
	Criteria        map[CriterionKey]CriterionTally
	// StacksCompleted counts, per stack, the candidates who completed it.
	StacksCompleted map[string]int64
	// Agreements and LevelPairs count, per reviewer, their double-reviewed
	// attempts (second_review.go): outcome agreement and the confusion
	// matrix of criterion levels behind their kappa.
	Agreements map[string]AgreementTally
	LevelPairs map[PairKey]PairTally
}

// NewTallies returns empty tallies ready to count into.
func NewTallies() Tallies {
	return Tallies{
		Groups:          map[Group]Tally{},
		GroupMedians:    map[Group]*Middle{},
		Reviewers:       map[string]ReviewerTally{},
		ReviewerMedians: map[string]*Middle{},
		Criteria:        map[CriterionKey]CriterionTally{},
		StacksCompleted: map[string]int64{},
		Agreements:      map[string]AgreementTally{},
		LevelPairs:      map[PairKey]PairTally{},
	}
}

// Report assembles the report. credentials gives each credential's title and
// stack (its latest rubric); every credential and stack in it gets a row, as
// does every month and reviewer with a tally. Rows are sorted by key.
func (ts Tallies) Report(credentials map[string]Rubric) Report {
	rep := Report{
		Overall:      ts.figures(Group{GroupOverall, ""}),
		ByCredential: []CredentialRow{},
		ByStack:      []StackRow{},
		ByReviewer:   []ReviewerRow{},
		ByMonth:      []MonthRow{},
		Criteria:     []CriterionRow{},
	}
	stacks := map[string]bool{}
	for _, id := range sortedMapKeys(credentials) {
		r := credentials[id]
		rep.ByCredential = append(rep.ByCredential, CredentialRow{id, r.Title, r.Stack, ts.figures(Group{GroupCredential, id})})
		if r.Stack != "" {
			stacks[r.Stack] = true
		}
	}
	var months []string
	for g := range ts.Groups {
		switch g.Kind {
		case GroupMonth:
			months = append(months, g.Key)
		case GroupStack:
			stacks[g.Key] = true
		case GroupCredential:
			if _, ok := credentials[g.Key]; !ok { // a credential whose rubric is gone still counts
				rep.ByCredential = append(rep.ByCredential, CredentialRow{Credential: g.Key, Figures: ts.figures(g)})
			}
		}
	}
	sort.Slice(rep.ByCredential, func(i, j int) bool { return rep.ByCredential[i].Credential < rep.ByCredential[j].Credential })
	for _, s := range sortedMapKeys(stacks) {
		rep.ByStack = append(rep.ByStack, StackRow{Stack: s, Figures: ts.figures(Group{GroupStack, s}), StacksCompleted: ts.StacksCompleted[s]})
	}
	sort.Strings(months)
	for _, m := range months {
		rep.ByMonth = append(rep.ByMonth, MonthRow{m, ts.figures(Group{GroupMonth, m})})
	}
	conf := ts.confusions()
	for _, id := range ts.reviewerIDs() {
		t := ts.Reviewers[id]
		row := ReviewerRow{Reviewer: id, Decisions: t.Decisions, PassRate: Rate(t.Passes, t.Decisions), MedianTurnaroundDays: Days(ts.ReviewerMedians[id]), Passes: t.Passes}
		ts.agreement(&row, conf[id])
		rep.ByReviewer = append(rep.ByReviewer, row)
	}
	keys := make([]CriterionKey, 0, len(ts.Criteria))
	for k := range ts.Criteria {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Credential != keys[j].Credential {
			return keys[i].Credential < keys[j].Credential
		}
		return keys[i].Criterion < keys[j].Criterion
	})
	for _, k := range keys {
		t := ts.Criteria[k]
		rep.Criteria = append(rep.Criteria, CriterionRow{k.Credential, k.Criterion, t.Scored, t.NotYet, Rate(t.NotYet, t.Scored)})
	}
	return rep
}

func (ts Tallies) figures(g Group) Figures { return ts.Groups[g].Figures(ts.GroupMedians[g]) }

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// History is one application's attempts as stored, for recomputing a report
// from raw data.
type History struct {
	Application Application
	// Stack is the stack the application counts under: that of the rubric
	// version its attempt 1 was imported against, so a later rubric version
	// moving a credential between stacks does not rewrite history.
	Stack    string
	Attempts []AttemptOutcome // attempt 1 first
	// Candidate is an opaque key of the candidate (a keyed hash of the
	// normalized vault email, never the email): equal keys are one person,
	// so stack completions can be counted. "" when no email is on record.
	Candidate string
	// PassRevoked: a lead revoked the application's credential badge, so
	// its pass completes no stack (docs/formats.md §5).
	PassRevoked bool
}

// AttemptOutcome is one attempt's submission time and decision of record
// (nil while pending).
type AttemptOutcome struct {
	Number      int
	SubmittedAt time.Time
	Decision    *Decision
	// PassingLevel is that of the rubric version the attempt was scored
	// against; "" means the latest rubric's.
	PassingLevel string
	// Double is the attempt's two independent reviews (and adjudication)
	// when it was double-reviewed and resolved; nil otherwise.
	Double *DoubleReview
}

// Recompute builds tallies from raw history, with exact medians. It is the
// reference the store's running counters are checked against. credentials
// gives each credential's latest rubric, whose passing level applies where
// an attempt names none and whose stack decides stack membership for
// StacksCompleted (counted over hs only).
func Recompute(credentials map[string]Rubric, hs []History) Tallies {
	ts := NewTallies()
	groupTimes := map[Group][]int64{}
	reviewerTimes := map[string][]int64{}
	for _, h := range hs {
		if len(h.Attempts) == 0 {
			continue
		}
		cred := h.Application.Credential
		groups := ApplicationGroups(cred, h.Stack, h.Attempts[0].SubmittedAt)
		count := func(f func(*Tally)) {
			for _, g := range groups {
				t := ts.Groups[g]
				f(&t)
				ts.Groups[g] = t
			}
		}
		count((*Tally).Opened)
		for _, a := range h.Attempts {
			count((*Tally).Submitted)
			d := a.Decision
			if d == nil {
				continue
			}
			count(func(t *Tally) { t.Decided(a.Number, d.Outcome, 1) })
			ns := Turnaround(a.SubmittedAt, d.DecidedAt)
			for _, g := range groups {
				groupTimes[g] = append(groupTimes[g], ns)
			}
			ts.countDouble(a.Double, 1)
			rt := ts.Reviewers[d.Reviewer]
			rt.Decided(d.Outcome, 1)
			ts.Reviewers[d.Reviewer] = rt
			reviewerTimes[d.Reviewer] = append(reviewerTimes[d.Reviewer], ns)
			passing := a.PassingLevel
			if passing == "" {
				passing = credentials[cred].PassingLevel()
			}
			for c, l := range d.Levels {
				k := CriterionKey{cred, c}
				ct := ts.Criteria[k]
				ct.Decided(l != passing, 1)
				ts.Criteria[k] = ct
			}
		}
	}
	for _, c := range CompletedStacks(credentials, historyPasses(hs)) {
		ts.StacksCompleted[c.Stack]++
	}
	for g, xs := range groupTimes {
		ts.GroupMedians[g] = Median(sortInt64(xs))
	}
	for r, xs := range reviewerTimes {
		ts.ReviewerMedians[r] = Median(sortInt64(xs))
	}
	return ts
}

func sortInt64(xs []int64) []int64 {
	sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })
	return xs
}
