package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"assessor/review"
)

// Report returns the lead's report (docs/formats.md §3) in one read transaction.
//
// With since and until both zero it covers every application and is built
// from the running tallies and the turnaround index alone: its cost grows
// with the number of report rows (credentials, stacks, months, reviewers,
// criteria), not with the number of attempts.
//
// Otherwise it covers the applications whose attempt 1 was submitted in
// [since, until): since inclusive, until exclusive, a zero bound meaning
// unbounded on that side. The CLI's --until is an inclusive date, so it
// passes the following midnight. Those applications are found through the
// by_first_submitted index and their attempts and decisions recomputed with
// review.Recompute; the reviewer and criteria rows then count the decisions
// on those applications only. Its cost grows with the applications in range.
//
// Both paths show credentials with the title and stack of their latest
// rubric, count each application under the stack its attempt 1 was
// imported with, and judge each criterion against the passing level of the
// rubric version the attempt was scored with.
func (s *Store) Report(since, until time.Time) (review.Report, error) {
	var rep review.Report
	err := s.view(func(t *txn) error {
		if missing := t.missingBuckets(); len(missing) > 0 {
			// Only a store opened read-only can lack buckets; Open adds them.
			return fmt.Errorf("store lacks buckets %v: open it once without read-only", missing)
		}
		creds, err := t.credentialMap()
		if err != nil {
			return err
		}
		if since.IsZero() && until.IsZero() {
			ts, err := t.storedTallies()
			if err != nil {
				return err
			}
			rep = ts.Report(creds)
			return nil
		}
		var hs []review.History
		rubrics := newRubricCache(t)
		err = t.applicationsBetween(since, until, func(id string) error {
			a, err := t.storedApp(id)
			if err != nil {
				return err
			}
			h, err := a.history(rubrics)
			hs = append(hs, h)
			return err
		})
		if err != nil {
			return err
		}
		rep = review.Recompute(creds, hs).Report(creds)
		return nil
	})
	if err != nil {
		return review.Report{}, fmt.Errorf("report: %w", err)
	}
	return rep, nil
}

// storedTallies reads every running tally, with the medians of the groups
// and reviewers from the turnaround index.
func (t *txn) storedTallies() (review.Tallies, error) {
	ts := review.NewTallies()
	c := t.bucket(bucketTallies).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		bad := func() error { return fmt.Errorf("%w (bad tally %q)", ErrCorrupt, k) }
		if handled, ok := storedAgreement(ts, k, v); handled { // second_review.go
			if !ok {
				return ts, bad()
			}
			continue
		}
		switch k[0] {
		case subjectReviewer:
			rt, ok := decodeReviewerTally(v)
			if !ok {
				return ts, bad()
			}
			id := string(k[1:])
			ts.Reviewers[id] = rt
			m, err := t.medianTurnaround(k, rt.Decisions)
			if err != nil {
				return ts, err
			}
			ts.ReviewerMedians[id] = m
		case subjectStackCompleted:
			if !stackCompletedTally(ts, k, v) {
				return ts, bad()
			}
		case subjectCriterion:
			ck, ok := decodeCriterionSubject(k)
			ct, ok2 := decodeCriterionTally(v)
			if !ok || !ok2 {
				return ts, bad()
			}
			ts.Criteria[ck] = ct
		default:
			g, ok := decodeGroupSubject(k)
			tl, ok2 := decodeGroupTally(v)
			if !ok || !ok2 {
				return ts, bad()
			}
			ts.Groups[g] = tl
			m, err := t.medianTurnaround(k, tl.DecidedAttempts)
			if err != nil {
				return ts, err
			}
			ts.GroupMedians[g] = m
		}
	}
	return ts, nil
}

// applicationsBetween calls fn with the id of each application whose
// attempt 1 was submitted in [since, until), oldest first; zero bounds are
// open.
func (t *txn) applicationsBetween(since, until time.Time, fn func(id string) error) error {
	lo := []byte{}
	if !since.IsZero() && since.After(time.Unix(0, 0)) {
		lo = firstSubmittedKey(clampTime(since), "")
	}
	var hi []byte
	if !until.IsZero() {
		if !until.After(time.Unix(0, 0)) {
			return nil
		}
		hi = firstSubmittedKey(clampTime(until), "")
	}
	c := t.bucket(bucketFirstSubmitted).Cursor()
	for k, _ := c.Seek(lo); k != nil && (hi == nil || bytes.Compare(k, hi) < 0); k, _ = c.Next() {
		_, id, ok := decodeFirstSubmittedKey(k)
		if !ok {
			return fmt.Errorf("%w (bad first-submitted key %q)", ErrCorrupt, k)
		}
		if err := fn(id); err != nil {
			return err
		}
	}
	return nil
}

// clampTime limits t to the range a firstSubmittedKey can hold.
func clampTime(t time.Time) time.Time {
	if last := time.Unix(0, math.MaxInt64); t.After(last) {
		return last
	}
	return t
}

// storedApp is one application as stored: the record, its attempts in
// number order, and their decisions of record (nil while pending).
type storedApp struct {
	app       review.Application
	attempts  []attemptLite
	decisions []*review.Decision
	doubles   []*review.DoubleReview // resolved second reviews (second_review.go)
}

// attemptLite is the part of a stored review.Attempt that reports and
// checks read; decoding it skips the evidence.
type attemptLite struct {
	Application   string    `json:"application"`
	Credential    string    `json:"credential"`
	RubricVersion int       `json:"rubric_version"`
	Number        int       `json:"attempt"`
	SubmittedAt   time.Time `json:"submitted_at"`
}

func (a attemptLite) key() review.AttemptKey {
	return review.AttemptKey{Application: a.Application, Attempt: a.Number}
}

// storedApp reads application id with its attempts and decisions.
// Decisions are read without feedback, which no figure needs.
func (t *txn) storedApp(id string) (storedApp, error) {
	var sa storedApp
	ok, err := t.get(bucketApplications, []byte(id), &sa.app)
	if err != nil {
		return sa, err
	} else if !ok {
		return sa, fmt.Errorf("%w (indexed application %s is missing)", ErrCorrupt, id)
	}
	prefix := idPrefix(id)
	c := t.bucket(bucketAttempts).Cursor()
	decisions := t.bucket(bucketDecisions)
	doubles := t.bucket(bucketDoubleReviews)
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var a attemptLite
		if err := json.Unmarshal(v, &a); err != nil {
			return sa, fmt.Errorf("%w (bad attempt %q: %v)", ErrCorrupt, k, err)
		}
		var d *review.Decision
		if raw := decisions.Get(k); raw != nil {
			var dl decisionLite
			if err := json.Unmarshal(raw, &dl); err != nil {
				return sa, fmt.Errorf("%w (bad decision %q: %v)", ErrCorrupt, k, err)
			}
			d = &review.Decision{Application: id, Attempt: a.Number, Reviewer: dl.Reviewer, DecidedAt: dl.DecidedAt,
				Outcome: dl.Outcome, Levels: dl.Levels, RubricVersion: dl.RubricVersion}
		}
		dr, err := doubleReview(doubles, k)
		if err != nil {
			return sa, err
		}
		sa.attempts = append(sa.attempts, a)
		sa.decisions = append(sa.decisions, d)
		sa.doubles = append(sa.doubles, dr)
	}
	return sa, nil
}

// decisionLite is a stored review.Decision without its feedback.
type decisionLite struct {
	Reviewer      string            `json:"reviewer"`
	DecidedAt     time.Time         `json:"decided_at"`
	Outcome       review.Outcome    `json:"outcome"`
	Levels        map[string]string `json:"levels"`
	RubricVersion int               `json:"rubric_version"`
}

// history is the application as review.Recompute takes it, with the stack
// and passing levels of the rubric versions its attempts were scored
// against, read from the rubrics themselves (not from the tallies' facts),
// so a recomputation stays independent of what it checks.
func (sa storedApp) history(rubrics *rubricCache) (review.History, error) {
	h := review.History{Application: sa.app, Attempts: make([]review.AttemptOutcome, len(sa.attempts))}
	for i, a := range sa.attempts {
		r, err := rubrics.get(a.Credential, a.RubricVersion)
		if err != nil {
			return h, err
		}
		if i == 0 {
			h.Stack = r.Stack
		}
		h.Attempts[i] = review.AttemptOutcome{Number: a.Number, SubmittedAt: a.SubmittedAt, Decision: sa.decisions[i], PassingLevel: r.PassingLevel(), Double: sa.doubles[i]}
	}
	cand, err := rubrics.t.candidateHex(sa.app.ID) // for stack completions: a keyed hash, never the email
	if err != nil || cand == "" {
		return h, err
	}
	h.Candidate = cand
	secret, err := rubrics.badgeSecret()
	if err != nil {
		return h, err
	}
	h.PassRevoked, err = rubrics.t.passRevoked(secret, sa.app.ID)
	return h, err
}

// rubricCache reads each rubric version once per transaction, and the
// badge secret once.
type rubricCache struct {
	t          *txn
	seen       map[string]review.Rubric
	secret     []byte // nil when there is none
	secretRead bool
}

// badgeSecret is t.badgeSecret(false), read once.
func (c *rubricCache) badgeSecret() ([]byte, error) {
	if !c.secretRead {
		secret, err := c.t.badgeSecret(false)
		if err != nil {
			return nil, err
		}
		c.secret, c.secretRead = secret, true
	}
	return c.secret, nil
}

func newRubricCache(t *txn) *rubricCache { return &rubricCache{t: t, seen: map[string]review.Rubric{}} }

func (c *rubricCache) get(id string, version int) (review.Rubric, error) {
	k := string(rubricKey(id, version))
	if r, ok := c.seen[k]; ok {
		return r, nil
	}
	r, err := c.t.rubric(id, version)
	if err == nil {
		c.seen[k] = r
	}
	return r, err
}

// missingBuckets lists the top-level buckets the store lacks.
func (t *txn) missingBuckets() []string {
	var out []string
	for _, name := range bucketNames() {
		if t.bucket(name) == nil {
			out = append(out, name)
		}
	}
	return out
}
