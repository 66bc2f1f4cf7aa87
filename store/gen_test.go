package store

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"assessor/review"
)

// genRubrics are three credentials on different stacks (one on none), with
// different criteria counts and level names, so groups and passing levels
// are exercised.
func genRubrics() []review.Rubric {
	a := testRubric("descriptive-feedback", 1, 3)
	b := testRubric("family-partnerships", 1, 2)
	b.Stack, b.Levels = "Culturally Responsive", []string{"beginning", "developing", "proficient"}
	c := testRubric("open-inquiry", 1, 4)
	c.Stack = ""
	return []review.Rubric{a, b, c}
}

// genApp is one generated application: its attempts in order, each with a
// decision or, for the last one only, none.
type genApp struct {
	id, cred string
	attempts []genAttempt
}

type genAttempt struct {
	submitted time.Time
	decision  *review.Decision
	viaDecide bool // made with Claim and Decide rather than imported
}

// genHistory draws n applications over the rubrics, decided by seven
// reviewers. Times fall on whole minutes, and a fifth of the turnarounds on
// a few fixed values, so same-second ties are common; a few turnarounds
// exceed 180 days and some last attempts stay pending. decideShare is the
// share of decisions made through Decide.
func genHistory(r *rand.Rand, n int, rs []review.Rubric, decideShare float64) []genApp {
	apps := make([]genApp, n)
	for i := range apps {
		apps[i] = genOne(r, i, rs, 7, decideShare)
	}
	return apps
}

// genOne draws application number i, decided by one of reviewers reviewers.
func genOne(r *rand.Rand, i int, rs []review.Rubric, reviewers int, decideShare float64) genApp {
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	rub := rs[r.IntN(len(rs))]
	app := genApp{id: fmt.Sprintf("G-%07d", i), cred: rub.ID}
	start := base.Add(time.Duration(r.IntN(400*24*60)) * time.Minute)
	closes := start.AddDate(0, review.WindowMonths, 0)
	at := start
	for {
		ga := genAttempt{submitted: at}
		if r.Float64() < 0.15 { // pending: the application ends here
			app.attempts = append(app.attempts, ga)
			return app
		}
		levels, feedback := map[string]string{}, map[string]string{}
		for _, c := range rub.Criteria {
			levels[c.ID] = rub.PassingLevel()
			if r.Float64() < 0.3 {
				levels[c.ID] = rub.AllLevels()[r.IntN(len(rub.AllLevels())-1)]
				feedback[c.ID] = "Show how students used the feedback in a second draft of " + c.ID + "."
			}
		}
		out, err := review.ComputeOutcome(rub, levels)
		if err != nil {
			panic(err)
		}
		ga.decision = &review.Decision{
			Application: app.id, Attempt: len(app.attempts) + 1, Reviewer: fmt.Sprintf("rev-%04d", r.IntN(reviewers)),
			DecidedAt: at.Add(genTurnaround(r)), Outcome: out, Levels: levels, Feedback: feedback,
		}
		ga.viaDecide = r.Float64() < decideShare
		app.attempts = append(app.attempts, ga)
		at = ga.decision.DecidedAt.Add(time.Duration(r.IntN(20*24*60)) * time.Minute)
		if out == review.Pass || !at.Before(closes) || r.Float64() < 0.2 {
			return app
		}
	}
}

// genTurnaround draws a turnaround: mostly under a month, sometimes a fixed
// value shared by many decisions, sometimes over 180 days.
func genTurnaround(r *rand.Rand) time.Duration {
	switch x := r.Float64(); {
	case x < 0.2:
		return []time.Duration{0, time.Hour, 24 * time.Hour, 72 * time.Hour}[r.IntN(4)]
	case x < 0.25:
		return time.Duration(180*24*60*60+r.IntN(200*24*60*60)) * time.Second
	default:
		return time.Duration(r.IntN(30*24*60*60)) * time.Second
	}
}

// histories is apps as review.Recompute takes them, computed from the
// generated data and the rubrics alone (one version each here).
func histories(apps []genApp, creds map[string]review.Rubric) []review.History {
	hs := make([]review.History, len(apps))
	for i, a := range apps {
		hs[i].Application = review.Application{ID: a.id, Credential: a.cred}
		hs[i].Stack = creds[a.cred].Stack
		if a.hasCandidate() {
			hs[i].Candidate = a.id // any key will do: each application has its own candidate
		}
		for n, at := range a.attempts {
			hs[i].Attempts = append(hs[i].Attempts, review.AttemptOutcome{Number: n + 1, SubmittedAt: at.submitted, Decision: at.decision})
		}
	}
	return hs
}

// candidateAttempt is the attempt the candidate's identity arrives with:
// most candidates appear on attempt 1, a few only on attempt 2 (0-based).
func (a genApp) candidateAttempt() int {
	if a.id[len(a.id)-1] == '7' {
		return 1
	}
	return 0
}

// hasCandidate reports whether the application's identity is imported.
func (a genApp) hasCandidate() bool { return a.candidateAttempt() < len(a.attempts) }

// genEvent is one step of building a generated history in a store.
type genEvent struct {
	at     time.Time
	rec    review.Record
	decide bool
}

// events lists the submissions and decisions of apps in time order; an
// application's own events keep their order on ties.
func events(apps []genApp) []genEvent {
	var evs []genEvent
	for _, a := range apps {
		for n, at := range a.attempts {
			sub := &review.Submission{
				Application: a.id, Credential: a.cred, Attempt: n + 1, SubmittedAt: at.submitted,
				Parts: []review.EvidencePart{{Title: "Part 1: Overview questions", Text: strings.Repeat("My students set goals. ", 20)}},
			}
			if n == a.candidateAttempt() {
				sub.Candidate = &review.Candidate{Name: "Cand " + a.id, Email: a.id + "@example.org", District: "Hilo", State: "HI"}
			}
			evs = append(evs, genEvent{at: at.submitted, rec: review.Record{Submission: sub}})
			if d := at.decision; d != nil {
				evs = append(evs, genEvent{at: d.DecidedAt, rec: review.Record{Decision: d}, decide: at.viaDecide})
			}
		}
	}
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].at.Before(evs[j].at) })
	return evs
}

// load builds the generated history in the store: runs of imports in
// batches of random size (each batch sometimes imported twice, which must
// count once), and the other decisions through Claim and Decide at their
// decided_at.
func (f *fixture) load(r *rand.Rand, apps []genApp) {
	f.t.Helper()
	var batch []review.Record
	flush := func() {
		if len(batch) == 0 {
			return
		}
		for i := range batch {
			batch[i].Line = i + 1
		}
		if _, err := f.Import("gen.jsonl", batch); err != nil {
			f.t.Fatal(err)
		}
		if r.IntN(4) == 0 {
			if st, err := f.Import("gen.jsonl", batch); err != nil || st.Unchanged != len(batch) {
				f.t.Fatalf("re-import: %+v, %v", st, err)
			}
		}
		batch = batch[:0]
	}
	size := 1 + r.IntN(40)
	for _, ev := range events(apps) {
		if !ev.decide {
			batch = append(batch, ev.rec)
			if len(batch) >= size {
				flush()
				size = 1 + r.IntN(40)
			}
			continue
		}
		flush()
		d := ev.rec.Decision
		k := review.AttemptKey{Application: d.Application, Attempt: d.Attempt}
		f.clock.Set(d.DecidedAt)
		if _, err := f.Claim(d.Reviewer, k); err != nil {
			f.t.Fatal(err)
		}
		if _, err := f.Decide(d.Reviewer, k, d.Levels, d.Feedback); err != nil {
			f.t.Fatal(err)
		}
	}
	flush()
}
