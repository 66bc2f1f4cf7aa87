package reviewer

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"assessor/review"
)

// fakeBackend is an in-memory Backend that records what the UI asked for.
// Safe for concurrent use: tea.Cmds call it from other goroutines.
type fakeBackend struct {
	mu       sync.Mutex
	rubrics  []review.Rubric
	attempts []review.Attempt
	previous map[review.AttemptKey][]review.PriorAttempt
	others   map[review.AttemptKey]bool // leased to another reviewer
	flags    map[review.AttemptKey]int
	decided  map[review.AttemptKey]bool
	drafts   map[review.AttemptKey]review.Draft

	queueCalls []string // credential filter of each Queue call
	saves      []review.Draft
	decisions  []review.Decision
	decideFrom []review.Draft // the copy of the draft each DecideDraft came from
	releases   []review.AttemptKey
	releasing  chan struct{} // when set, Release waits for it to close
	// holdSave, when set, holds the first SaveDraft until it closes, after
	// sending on saveHeld, as a slow store would.
	holdSave, saveHeld chan struct{}
	// Saves of an attempt whose release had begun: the store's SaveDraft
	// takes the claim, so such a save takes it back.
	releaseBegun      []review.AttemptKey
	savesAfterRelease int
	saveErr           error
	saveTries         int   // SaveDraft calls, refused ones too
	decideErr         error // DecideDraft fails with it when set
	queueErr          error // what Queue fails with, when set
	resumed           bool  // Next reports every attempt as one the reviewer held
	double            bool  // every attempt is one of two blind reviews

	// Comment bank: bank is every stored snippet, oldest first;
	// snippetSaves records each SaveSnippet request as the UI sent it.
	bank         []review.Snippet
	snippetSaves []review.Snippet
	snippetErr   error

	// Evidence files by hash (files_test.go), and the hashes asked for.
	blobs           map[string][]byte
	attachmentCalls []string
}

func newFake() *fakeBackend {
	f := &fakeBackend{
		rubrics:  testRubrics(),
		attempts: testAttempts(),
		previous: map[review.AttemptKey][]review.PriorAttempt{},
		others:   map[review.AttemptKey]bool{},
		flags:    map[review.AttemptKey]int{},
		decided:  map[review.AttemptKey]bool{},
		drafts:   map[review.AttemptKey]review.Draft{},
	}
	first := f.attempts[0]
	prev := first
	prev.Number = 1
	// Attempt 1 said less in parts 1 and 3 and had no note; part 2 is
	// unchanged, so attempt 2's diff shows changed and unchanged parts.
	prev.SubmittedAt = time.Date(2024, 2, 1, 9, 0, 0, 0, time.UTC)
	prev.Note = ""
	prev.Parts = []review.EvidencePart{
		{Title: "Part 1: Overview questions", Text: "I teach grade 7 science. My target is energy."},
		first.Parts[1],
		{Title: "Part 3: Reflection", Text: "Student A used the next step well; student C did not."},
	}
	f.previous[first.Key()] = []review.PriorAttempt{{Attempt: prev, Decision: review.Decision{
		Application: first.Application, Attempt: 1, Outcome: review.Resubmit,
		// A reviewer id that reads like a name: screens must never show it.
		Reviewer: "Jane Q. Reviewer", DecidedAt: time.Date(2024, 2, 12, 15, 0, 0, 0, time.UTC),
		Levels: map[string]string{"C1": "meets", "C2": "meets", "C3": "not-yet", "C4": "meets"},
		Feedback: map[string]string{
			"C3":      "Your next steps say add more detail; name the exact change each student should make.",
			"overall": "Strong targets and criteria; sharpen the next steps.",
		},
	}}}
	f.others[f.attempts[2].Key()] = true
	f.flags[f.attempts[1].Key()] = 2
	return f
}

func (f *fakeBackend) rubric(id string) review.Rubric {
	for _, r := range f.rubrics {
		if r.ID == id {
			return r
		}
	}
	return review.Rubric{}
}

func (f *fakeBackend) Credentials() ([]review.Rubric, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := append([]review.Rubric(nil), f.rubrics...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (f *fakeBackend) Queue(reviewer, credential string, limit int) ([]review.QueueItem, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queueCalls = append(f.queueCalls, credential)
	if f.queueErr != nil {
		return nil, f.queueErr
	}
	var out []review.QueueItem
	for _, a := range f.attempts {
		if f.decided[a.Key()] || (credential != "" && a.Credential != credential) || len(out) == limit {
			continue
		}
		out = append(out, review.QueueItem{Application: a.Application, Pseudonym: a.Pseudonym, Credential: a.Credential,
			Attempt: a.Number, SubmittedAt: a.SubmittedAt, Claimed: f.others[a.Key()], Flags: f.flags[a.Key()]})
	}
	return out, nil
}

func (f *fakeBackend) assignment(a review.Attempt) review.Assignment {
	// The application started with its first attempt.
	app := review.Application{StartedAt: a.SubmittedAt}
	if prev := f.previous[a.Key()]; len(prev) > 0 {
		app.StartedAt = prev[0].Attempt.SubmittedAt
	}
	return review.Assignment{Attempt: a, Rubric: f.rubric(a.Credential), Draft: f.drafts[a.Key()],
		LeaseExpiry: testNow.Add(review.LeaseDuration), Previous: f.previous[a.Key()], DoubleReview: f.double,
		WindowCloses: app.ClosesAt()}
}

func (f *fakeBackend) Next(reviewer, credential string) (review.Assignment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.attempts {
		if !f.decided[a.Key()] && !f.others[a.Key()] && (credential == "" || a.Credential == credential) {
			as := f.assignment(a)
			as.Resumed = f.resumed
			return as, nil
		}
	}
	return review.Assignment{}, review.ErrQueueEmpty
}

func (f *fakeBackend) Claim(reviewer string, key review.AttemptKey) (review.Assignment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.attempts {
		if a.Key() == key && !f.decided[key] {
			if f.others[key] {
				return review.Assignment{}, review.ErrClaimed
			}
			return f.assignment(a), nil
		}
	}
	return review.Assignment{}, review.ErrNotPending
}

func (f *fakeBackend) SaveDraft(reviewer string, key review.AttemptKey, d review.Draft) error {
	f.mu.Lock()
	if hold := f.holdSave; hold != nil {
		f.holdSave = nil
		f.mu.Unlock()
		f.saveHeld <- struct{}{}
		<-hold
		f.mu.Lock()
	}
	defer f.mu.Unlock()
	f.saveTries++
	if f.saveErr != nil {
		return f.saveErr
	}
	f.saves = append(f.saves, d)
	f.drafts[key] = d
	if slices.Contains(f.releaseBegun, key) {
		f.savesAfterRelease++
	}
	return nil
}

func (f *fakeBackend) Release(reviewer string, key review.AttemptKey) error {
	f.mu.Lock()
	f.releaseBegun = append(f.releaseBegun, key)
	f.mu.Unlock()
	if f.releasing != nil {
		<-f.releasing
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.releases = append(f.releases, key)
	return nil
}

func (f *fakeBackend) DecideDraft(reviewer string, key review.AttemptKey, from review.Draft) (review.Decision, error) {
	levels, feedback := from.Levels, from.Feedback
	f.mu.Lock()
	defer f.mu.Unlock()
	f.decideFrom = append(f.decideFrom, from)
	var a review.Attempt
	for _, x := range f.attempts {
		if x.Key() == key {
			a = x
		}
	}
	if f.decideErr != nil {
		return review.Decision{}, f.decideErr
	}
	out, err := review.ComputeOutcome(f.rubric(a.Credential), levels)
	if err != nil {
		return review.Decision{}, err
	}
	d := review.Decision{Application: key.Application, Attempt: key.Attempt, Reviewer: reviewer, DecidedAt: testNow,
		Outcome: out, Levels: maps.Clone(levels), Feedback: maps.Clone(feedback)}
	if err := review.Validate(f.rubric(a.Credential), d); err != nil {
		return review.Decision{}, err
	}
	f.decided[key] = true
	delete(f.drafts, key)
	f.decisions = append(f.decisions, d)
	return d, nil
}

// snapshot helpers for assertions.

func (f *fakeBackend) lastSave() (review.Draft, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.saves) == 0 {
		return review.Draft{}, 0
	}
	return f.saves[len(f.saves)-1], len(f.saves)
}

func (f *fakeBackend) gotDecisions() []review.Decision {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]review.Decision(nil), f.decisions...)
}

func (f *fakeBackend) gotQueueCalls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.queueCalls...)
}

func (f *fakeBackend) gotReleases() []review.AttemptKey {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]review.AttemptKey(nil), f.releases...)
}

// Snippets returns the shared snippets, then the reviewer's own, each
// newest first, as the store does.
func (f *fakeBackend) Snippets(reviewer, credential, criterion string) ([]review.Snippet, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.snippetErr != nil {
		return nil, f.snippetErr
	}
	var shared, own []review.Snippet
	for i := len(f.bank) - 1; i >= 0; i-- {
		sn := f.bank[i]
		switch {
		case sn.Credential != credential || sn.Criterion != criterion:
		case sn.Shared():
			shared = append(shared, sn)
		case sn.Owner == reviewer:
			own = append(own, sn)
		}
	}
	return append(shared, own...), nil
}

// SaveSnippet records the request and stores it as the reviewer's own; the
// fake has no leads, so a shared request fails.
func (f *fakeBackend) SaveSnippet(reviewer string, sn review.Snippet) (review.Snippet, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.snippetSaves = append(f.snippetSaves, sn)
	if f.snippetErr != nil {
		return review.Snippet{}, f.snippetErr
	}
	if sn.Owner == "" {
		return review.Snippet{}, errors.New("only a lead or admin may manage shared snippets")
	}
	sn.Owner, sn.CreatedAt = reviewer, testNow
	sn.ID = fmt.Sprintf("s%d", len(f.bank)+1)
	f.bank = append(f.bank, sn)
	return sn, nil
}

func (f *fakeBackend) gotSnippetSaves() []review.Snippet {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]review.Snippet(nil), f.snippetSaves...)
}

// Attachment serves f.blobs for a hash some attempt (current or previous)
// of key lists; the fake has no leases, so any listed hash is served.
func (f *fakeBackend) Attachment(reviewer string, key review.AttemptKey, hash string) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.attachmentCalls = append(f.attachmentCalls, hash)
	b, ok := f.blobs[hash]
	if !ok {
		return nil, errors.New("attachment: not found")
	}
	return append([]byte(nil), b...), nil
}
