package store

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"assessor/review"
)

// ErrNoIssuer means no issuer profile is stored; badges name their issuer.
var ErrNoIssuer = errors.New("no issuer profile: set it with: assessor config issuer --name NAME --url URL --email EMAIL")

// Issuer returns the stored issuer profile, and false when none is set.
func (s *Store) Issuer() (review.Issuer, bool, error) {
	var is review.Issuer
	var ok bool
	err := s.view(func(t *txn) (err error) {
		if b := t.bucket(bucketIssuer); b != nil {
			ok, err = getJSON(b, []byte(keyIssuerProfile), &is)
		}
		return err
	})
	return is, ok, err
}

// ExportIssuer is the issuer profile an export publishes: ErrNoIssuer when
// none is stored, and an error wrapping review.ErrIssuer when the stored
// one would not pass review.Issuer.Validate now (a name of invisible or
// control characters, which earlier releases accepted).
func (s *Store) ExportIssuer() (review.Issuer, error) {
	is, ok, err := s.Issuer()
	switch {
	case err != nil:
		return is, err
	case !ok:
		return is, ErrNoIssuer
	}
	if err := is.Validate(); err != nil {
		return is, fmt.Errorf("the stored issuer profile: %w", err)
	}
	return is, nil
}

// SetIssuer stores the issuer profile badges are issued under, replacing
// any earlier one; it must pass review.Issuer.Validate. A changed base URL
// changes every URL of the next export, not the ids or salts.
func (s *Store) SetIssuer(is review.Issuer) error {
	if err := is.Validate(); err != nil {
		return fmt.Errorf("issuer: %w", err)
	}
	return s.update(func(t *txn) error {
		b, err := t.createBucket(bucketIssuer)
		if err != nil {
			return err
		}
		return putJSON(b, []byte(keyIssuerProfile), is)
	})
}

// Badge is one assertion the store issues: a passed application's
// micro-credential, or a candidate's completed stack. Its recipient is
// already hashed: the candidate's email never leaves the store.
type Badge struct {
	ID         string // assertion id, the same on every export
	Credential string // a credential badge's credential; "" for a stack
	Stack      string // a stack badge's stack; "" for a credential
	// Applications are the passed applications behind the badge: one for a
	// credential, the earliest pass of each member for a stack (in
	// credential order); Handles are their pseudonyms in the same order.
	Applications []string
	Handles      []string
	// Credentials are a stack badge's credentials, those of Applications
	// in their order: what the stack was when it was earned, which a
	// later rubric may have renamed (badges_issued.go).
	Credentials []string
	Attempt     int // the passing attempt of a credential badge
	IssuedOn    time.Time
	Recipient   review.Recipient
	Revocation  *Revocation // nil unless revoked
	// Chain is, for a stack earned again after its first assertion was
	// published, that first assertion's id (badges_issued.go).
	Chain string
}

// BadgeSet is every badge the store issues, with what describes them.
type BadgeSet struct {
	Badges []Badge // sorted by ID
	// Credentials is the latest rubric of each credential: a BadgeClass
	// describes the credential as the program defines it now.
	Credentials map[string]review.Rubric
	// NoEmail are the handles of passed applications with no email on
	// record: no assertion can name their candidate, so none is issued.
	NoEmail []string
}

// Badges lists every badge the store issues, for a lead or admin
// (review.ErrNotLead otherwise). It reads each passed application's vault email
// only to hash it: the email is not returned and no audit record is
// written, as nothing of the identity leaves the store. It reads every
// application, so it is for exports, not screens.
func (s *Store) Badges(lead string) (BadgeSet, error) {
	if err := s.view(func(t *txn) error { return t.requireLead(lead) }); err != nil {
		return BadgeSet{}, fmt.Errorf("badges: %w", err)
	}
	return s.badgeSet()
}

// OperatorBadges is Badges for the operator, who opened the store file
// and acts as admin naming no one: they hold the vault anyway, and
// listing or exporting badges records nothing under a lead's name.
func (s *Store) OperatorBadges() (BadgeSet, error) { return s.badgeSet() }

func (s *Store) badgeSet() (BadgeSet, error) {
	var set BadgeSet
	_, err := s.exportSecret()
	if err == nil {
		err = s.view(func(t *txn) (err error) { set, err = t.badges(); return err })
	}
	if err != nil {
		return BadgeSet{}, fmt.Errorf("badges: %w", err)
	}
	return set, nil
}

var errNoSecret = errors.New("no badge secret yet")

// exportSecret is the store's badge secret, which every id, salt and file
// name of an export derives from. It is made once, in its own short
// write, so the long reads of an export never hold the write lock.
func (s *Store) exportSecret() ([]byte, error) {
	var secret []byte
	err := s.view(func(t *txn) (err error) {
		if secret, err = t.badgeSecret(false); err == nil && secret == nil {
			err = errNoSecret
		}
		return err
	})
	if errors.Is(err, errNoSecret) {
		err = s.update(func(t *txn) (err error) { secret, err = t.badgeSecret(true); return err })
	}
	return secret, err
}

// FeedbackNamer names each decided attempt's feedback file in an export
// (review.FeedbackFileName), for export feedback --all and the evidence
// of the badges export links to it.
func (s *Store) FeedbackNamer() (func(application string, attempt int) string, error) {
	secret, err := s.exportSecret()
	if err != nil {
		return nil, fmt.Errorf("feedback file names: %w", err)
	}
	return func(application string, attempt int) string {
		return review.FeedbackFileName(secret, application, attempt)
	}, nil
}

// badges builds the badge set: one badge per passed application with an
// email on record (and per pass amended away, revoked), then one per stack
// completion (review.CompletedStacks over the passes not revoked), with
// their revocations, and the stack badges exports published that the
// stacks' present credentials no longer complete (badges_issued.go).
func (t *txn) badges() (BadgeSet, error) {
	set := BadgeSet{}
	secret, err := t.badgeSecret(false)
	if err != nil {
		return set, err
	}
	if set.Credentials, err = t.credentialMap(); err != nil {
		return set, err
	}
	revoked, err := t.revocations()
	if err != nil {
		return set, err
	}
	emails := map[string]string{} // candidate key (hex) → normalized email, never returned
	apps := map[string]review.Application{}
	current := map[string]string{} // application → its credential badge now, the last of its chain
	var passes []review.CandidatePass
	err = t.eachApplication(func(app review.Application) error {
		published, id, err := t.credentialChain(secret, app.ID) // badges_credential.go
		if err != nil {
			return err
		}
		for _, r := range published {
			set.Badges = append(set.Badges, r.badge(app))
			current[app.ID] = r.ID
		}
		if app.LastOutcome != review.Pass {
			return t.withdrawn(&set, secret, app, id, published, current)
		}
		c, _, err := t.candidate(app.ID)
		if err != nil {
			return err
		}
		email := review.NormalizeEmail(c.Email)
		if email == "" {
			set.NoEmail = append(set.NoEmail, app.Pseudonym)
			return nil
		}
		d, ok, err := t.decision(review.AttemptKey{Application: app.ID, Attempt: app.Attempts})
		if err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w (passed application %s has no decision on attempt %d)", ErrCorrupt, app.ID, app.Attempts)
		}
		passedAt, err := t.passedAt(review.AttemptKey{Application: app.ID, Attempt: app.Attempts}, d)
		if err != nil {
			return err
		}
		cand := hex.EncodeToString(review.CandidateKey(secret, email))
		emails[cand], apps[app.ID], current[app.ID] = email, app, id
		if _, no := revoked[id]; !no { // a revoked pass completes no stack
			passes = append(passes, review.CandidatePass{Candidate: cand, Credential: app.Credential, Application: app.ID, PassedAt: passedAt})
		}
		set.Badges = append(set.Badges, Badge{
			ID: id, Credential: app.Credential, Applications: []string{app.ID}, Handles: []string{app.Pseudonym},
			Attempt: app.Attempts, IssuedOn: passedAt.UTC(), Recipient: review.EmailRecipient(email, review.AssertionSalt(secret, id)),
		})
		return nil
	})
	if err != nil {
		return set, err
	}
	issued, err := t.issuedStacks()
	if err != nil {
		return set, err
	}
	chains := chainsOf(issued)
	// A stack renamed only in case, accents or spacing is the same stack
	// (one file, docs/formats.md §5): its published chains are one.
	renamed := map[string][]string{} // slug → the names published under it
	for _, r := range issued {
		if slug := review.StackSlug(r.Stack); !slices.Contains(renamed[slug], r.Stack) {
			renamed[slug] = append(renamed[slug], r.Stack)
		}
	}
	standing := map[string]bool{} // applications whose pass stands
	for _, p := range passes {
		standing[p.Application] = true
	}
	for _, c := range review.CompletedStacks(set.Credentials, passes) {
		first := review.StackAssertionID(secret, c.Stack, c.Candidate)
		var earned []string
		for _, p := range c.Passes {
			earned = append(earned, p.Application)
		}
		chain := chains[first]
		for _, name := range renamed[review.StackSlug(c.Stack)] {
			if name != c.Stack {
				chain = append(slices.Clip(chain), chains[review.StackAssertionID(secret, name, c.Candidate)]...)
			}
		}
		if holds(chain, issued, revoked, standing, earned) {
			continue // as published (keepIssued)
		}
		id, of := first, ""
		if _, published := issued[first]; published {
			id, of = review.StackAgainID(secret, first, len(chains[first]), earned), first
		}
		b := Badge{ID: id, Stack: c.Stack, IssuedOn: c.IssuedOn.UTC(), Applications: earned, Chain: of,
			Recipient: review.EmailRecipient(emails[c.Candidate], review.AssertionSalt(secret, id))}
		for _, app := range earned {
			b.Handles = append(b.Handles, apps[app].Pseudonym)
			b.Credentials = append(b.Credentials, apps[app].Credential)
		}
		set.Badges = append(set.Badges, b)
	}
	sort.Slice(set.Badges, func(i, j int) bool { return set.Badges[i].ID < set.Badges[j].ID })
	for i := range set.Badges {
		if r, ok := revoked[set.Badges[i].ID]; ok {
			set.Badges[i].Revocation = &r // a lead's own reason first
		}
	}
	return set, t.keepIssued(&set, issued, revoked, current) // badges_issued.go
}

// sameSet reports whether a and b hold the same applications.
func sameSet(a, b []string) bool {
	return len(a) == len(b) && allOf(a, setOf(b))
}

// allOf reports whether every one of apps is in set.
func allOf(apps []string, set map[string]bool) bool {
	for _, a := range apps {
		if !set[a] {
			return false
		}
	}
	return true
}

func setOf(apps []string) map[string]bool {
	m := make(map[string]bool, len(apps))
	for _, a := range apps {
		m[a] = true
	}
	return m
}

// withdrawn adds to set the credential badge of app, which is not passed
// now, when a lead's amendment took its pass away: the assertion was
// issued, and may be hosted still, so it stays, revoked by that
// amendment, rather than vanishing from an export (and being left online
// by a tar unpacked over the hosted folder). The pass may be an attempt
// before the last: its amendment to a resubmit let the candidate submit
// again. The badge's id is id, the next of app's chain after those
// published revoked (badges_credential.go), unless this very withdrawal
// is the last of them: then it is in set already. current is set to it.
func (t *txn) withdrawn(set *BadgeSet, secret []byte, app review.Application, id string, published []issuedCredential, current map[string]string) error {
	var passedAt time.Time
	var away *review.HistoryEntry
	for n := app.Attempts; n >= 1 && away == nil; n-- {
		hs, err := t.history(review.AttemptKey{Application: app.ID, Attempt: n})
		if err != nil {
			return err
		}
		was := review.Outcome("")
		for i, h := range hs {
			switch {
			case !h.OfRecord():
				continue // a review before the decision: nothing was issued
			case h.Decision.Outcome == review.Pass && was != review.Pass:
				passedAt, away = h.At, nil
				if h.Action != review.ActionAmend {
					passedAt = h.Decision.DecidedAt // as passedAt dates a pass
				}
			case h.Decision.Outcome != review.Pass && was == review.Pass:
				away = &hs[i]
			}
			was = h.Decision.Outcome
		}
	}
	if away == nil {
		return nil
	}
	if n := len(published); n > 0 && !away.At.After(published[n-1].Revoked.At) {
		return nil // published revoked by this withdrawal
	}
	c, _, err := t.candidate(app.ID)
	if err != nil {
		return err
	}
	email := review.NormalizeEmail(c.Email)
	if email == "" {
		return nil // no assertion was issued
	}
	current[app.ID] = id
	set.Badges = append(set.Badges, Badge{
		ID: id, Credential: app.Credential, Applications: []string{app.ID}, Handles: []string{app.Pseudonym},
		Attempt: away.Decision.Attempt, IssuedOn: passedAt.UTC(), Recipient: review.EmailRecipient(email, review.AssertionSalt(secret, id)),
		Revocation: &Revocation{Assertion: id, By: away.By, At: away.At.UTC(),
			Reason: "the pass was amended away on " + away.At.UTC().Format("2006-01-02") + ": the credential is not earned"},
	})
	return nil
}

// passedAt is when the passing decision d of k became a pass: its date, or
// the time of the amendment that made it one. An amendment keeps the
// decision's date (turnaround is the candidate's wait), but the credential
// was earned when the lead changed it.
func (t *txn) passedAt(k review.AttemptKey, d review.Decision) (time.Time, error) {
	hs, err := t.history(k)
	if err != nil {
		return time.Time{}, err
	}
	at, was := d.DecidedAt, review.Outcome("")
	for _, h := range hs {
		if !h.OfRecord() {
			continue
		}
		if h.Decision.Outcome == review.Pass && was != review.Pass && h.Action == review.ActionAmend {
			at = h.At
		}
		was = h.Decision.Outcome
	}
	return at, nil
}
