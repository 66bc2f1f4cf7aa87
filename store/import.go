package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"assessor/review"
)

// maxPseudonymDraws bounds the redraws on pseudonym collisions; reaching it
// means the pseudonym space of a credential is nearly full.
const maxPseudonymDraws = 1000

// ImportStats counts what one Import did.
type ImportStats struct {
	Submissions int // attempts stored
	Decisions   int // decisions of record stored
	Unchanged   int // records already stored with identical content, skipped
}

// Import applies the records of one import file (formats.md §2), in order,
// in one transaction: all are stored or none. The first bad record aborts
// the import with a *review.LineError naming file, the record's line and the
// field ("FILE:LINE: field: message"). Re-importing the same records is a
// no-op counted in Unchanged. Candidate identity goes to the vault only;
// stored attempts carry the application's pseudonym. Each new attempt's
// evidence is scanned for likely identity leaks (flags.go).
func (s *Store) Import(file string, recs []review.Record) (ImportStats, error) {
	return s.ImportWithFiles(file, recs, nil)
}

// ImportWithFiles is Import storing evidence files too (blobs.go): for each
// submission, files(rec) serves the bytes of the names its parts list, and
// each file is stored once by content and described on the attempt
// (review.EvidencePart.Attachments). A name that is not a relative path
// inside the files folder, a file that cannot be opened, or one over the
// configured limits (FileLimits) fails its line like any bad field
// ("FILE:LINE: parts[0].files[1]: …") and nothing is stored. The text of
// text-like files is scanned for identity leaks like the evidence text.
// A nil files, or a nil FileSource for a record, stores names only, as
// Import does. Files are hashed and their text extracted before the write
// transaction begins, so a large import holds the store's lock no longer
// than it must.
func (s *Store) ImportWithFiles(file string, recs []review.Record, files func(review.Record) FileSource) (ImportStats, error) {
	prepared := make([]*preparedFiles, len(recs))
	if files != nil {
		limits, err := s.FileLimits()
		if err != nil {
			return ImportStats{}, err
		}
		for i, rec := range recs {
			if rec.Submission == nil {
				continue
			}
			if src := files(rec); src != nil {
				prepared[i] = prepareFiles(rec.Submission.Parts, src, limits)
			}
		}
	}
	var st ImportStats
	err := s.update(func(t *txn) error {
		st = ImportStats{}
		leaks, err := t.leakScanner()
		if err != nil {
			return err
		}
		for i, rec := range recs {
			var err error
			switch {
			case rec.Submission != nil:
				err = t.importSubmission(rec.Submission, &st, leaks, prepared[i])
			case rec.Decision != nil:
				err = t.importDecision(rec.Decision, &st)
			default:
				err = &review.FieldError{Field: "type", Err: review.ErrMissing}
			}
			if err != nil {
				return lineError(file, rec.Line, err)
			}
		}
		return nil
	})
	if err != nil {
		return ImportStats{}, err
	}
	return st, nil
}

// lineError places err at file:line, keeping a rule's field.
func lineError(file string, line int, err error) error {
	var fe *review.FieldError
	if errors.As(err, &fe) {
		return &review.LineError{File: file, Line: line, Field: fe.Field, Err: fe.Err}
	}
	return &review.LineError{File: file, Line: line, Err: err}
}

func fieldErr(field string, err error) error { return &review.FieldError{Field: field, Err: err} }

func (t *txn) importSubmission(sub *review.Submission, st *ImportStats, leaks *review.LeakScanner, pf *preparedFiles) error {
	if pf != nil && pf.err != nil {
		return pf.err
	}
	rub, err := t.rubric(sub.Credential, 0)
	if errors.Is(err, ErrNotFound) {
		return fieldErr("credential", fmt.Errorf("%w %q (add its rubric with: assessor rubrics add FILE)", ErrUnknownCredential, sub.Credential))
	} else if err != nil {
		return err
	}
	app, exists, err := t.application(sub.Application)
	if err != nil {
		return err
	}
	vault, inVault, err := t.candidate(sub.Application)
	if err != nil {
		return err
	}
	if exists {
		switch {
		case app.Credential != sub.Credential:
			return fieldErr("credential", fmt.Errorf("%w %q", ErrCredentialMismatch, app.Credential))
		case !sub.StartedAt.IsZero() && !sub.StartedAt.Equal(app.StartedAt):
			return fieldErr("started_at", fmt.Errorf("%w %s", ErrStartedAtMismatch, app.StartedAt.Format(time.RFC3339)))
		case sub.Candidate != nil && inVault && !vault.Equal(*sub.Candidate):
			return fieldErr("candidate", ErrCandidateMismatch)
		}
	}
	key := review.AttemptKey{Application: sub.Application, Attempt: sub.Attempt}
	if old, ok, err := t.attempt(key); err != nil {
		return err
	} else if ok {
		if sameSubmission(old, sub) && (pf == nil || sameAttachments(old.Parts, pf.parts)) {
			st.Unchanged++
			return nil
		}
		return fieldErr("attempt", ErrImportConflict)
	}
	if !exists {
		app = review.Application{ID: sub.Application, Credential: sub.Credential, StartedAt: sub.StartedAt}
		if app.StartedAt.IsZero() {
			app.StartedAt = sub.SubmittedAt
		}
	}
	if err := app.CheckNextAttempt(sub.Attempt, sub.SubmittedAt); err != nil {
		if errors.Is(err, review.ErrExpired) || errors.Is(err, review.ErrBeforeStart) {
			return fieldErr("submitted_at", err)
		}
		return fieldErr("attempt", err)
	}
	if !queueTimeOK(sub.SubmittedAt) {
		return fieldErr("submitted_at", fmt.Errorf("%w: must fall between 1970 and 2262", ErrInvalid))
	}
	if !exists {
		if app.Pseudonym, err = t.newPseudonym(sub.Credential, app.ID); err != nil {
			return err
		}
		if err := t.count(keyApplications, 1); err != nil {
			return err
		}
	}
	if sub.Candidate != nil && !inVault {
		vault, inVault = *sub.Candidate, true
		if err := t.put(bucketVault, []byte(app.ID), vault); err != nil {
			return err
		}
	}
	app.Attempts, app.LastOutcome = sub.Attempt, ""
	a := review.Attempt{
		Application: app.ID, Pseudonym: app.Pseudonym, Credential: app.Credential,
		RubricVersion: rub.Version, Number: sub.Attempt, SubmittedAt: sub.SubmittedAt.UTC(),
		Parts: sub.Parts, Note: sub.Note,
	}
	if pf != nil {
		a.Parts = pf.parts
		if err := pf.store(t); err != nil {
			return err
		}
	}
	var who *review.Candidate
	if inVault {
		who = &vault
	}
	flags, err := t.recordLeaks(&a, leaks, who)
	if err != nil {
		return err
	}
	if pf != nil {
		if flags, err = t.recordFileLeaks(&a, pf.scan(leaks, who)); err != nil {
			return err
		}
	}
	if err := t.put(bucketApplications, []byte(app.ID), app); err != nil {
		return err
	}
	if err := t.put(bucketAttempts, attemptKey(key), a); err != nil {
		return err
	}
	if err := t.enqueue(a, flags); err != nil {
		return err
	}
	if err := t.tallySubmission(a, rub.Stack, inVault); err != nil {
		return err
	}
	if err := t.sampleSecondReview(a); err != nil { // second_review.go
		return err
	}
	st.Submissions++
	return t.countAll(map[string]int{keyAttempts: 1, keyPending: 1})
}

// newPseudonym draws a pseudonym no other application has and reserves it
// for application.
func (t *txn) newPseudonym(credential, application string) (string, error) {
	b := t.bucket(bucketPseudonyms)
	for range maxPseudonymDraws {
		p, err := review.NewPseudonym(credential, t.s.rand)
		if err != nil {
			return "", fmt.Errorf("draw pseudonym: %w", err)
		}
		if b.Get([]byte(p)) == nil {
			return p, b.Put([]byte(p), []byte(application))
		}
	}
	return "", fmt.Errorf("draw pseudonym: %d collisions in a row for credential %s", maxPseudonymDraws, credential)
}

func (t *txn) importDecision(d *review.Decision, st *ImportStats) error {
	key := review.AttemptKey{Application: d.Application, Attempt: d.Attempt}
	a, ok, err := t.attempt(key)
	if err != nil {
		return err
	} else if !ok {
		return fieldErr("attempt", fmt.Errorf("%w: import its submission first", ErrNoSuchAttempt))
	}
	if old, ok, err := t.decision(key); err != nil {
		return err
	} else if ok {
		if sameDecision(old, *d) {
			st.Unchanged++
			return nil
		}
		return fieldErr("attempt", review.ErrAlreadyDecided)
	}
	if d.DecidedAt.Before(a.SubmittedAt) {
		return fieldErr("decided_at", review.ErrBeforeSubmitted)
	}
	rub, err := t.rubric(a.Credential, a.RubricVersion)
	if err != nil {
		return err
	}
	if err := review.Validate(rub, *d); err != nil {
		return err
	}
	if _, ok, err := t.reviewer(d.Reviewer); err != nil {
		return err
	} else if !ok {
		if err := t.put(bucketReviewers, []byte(d.Reviewer), review.Reviewer{ID: d.Reviewer, Role: review.RoleReviewer}); err != nil {
			return err
		}
	}
	dec := *d
	dec.DecidedAt = dec.DecidedAt.UTC()
	dec.RubricVersion = a.RubricVersion
	st.Decisions++
	return t.recordDecision(a, rub, dec, HistoryEntry{Action: ActionImport, By: dec.Reviewer, At: dec.DecidedAt})
}

// sameSubmission reports whether sub repeats the stored attempt a.
func sameSubmission(a review.Attempt, sub *review.Submission) bool {
	return a.Credential == sub.Credential && a.SubmittedAt.Equal(sub.SubmittedAt) && a.Note == sub.Note &&
		slices.EqualFunc(a.Parts, sub.Parts, func(x, y review.EvidencePart) bool {
			return x.Title == y.Title && x.Text == y.Text && slices.Equal(x.Files, y.Files)
		})
}

// sameDecision reports whether d repeats the stored decision old.
func sameDecision(old, d review.Decision) bool {
	return old.Reviewer == d.Reviewer && old.DecidedAt.Equal(d.DecidedAt) && old.Outcome == d.Outcome &&
		maps.Equal(old.Levels, d.Levels) && maps.Equal(old.Feedback, d.Feedback)
}
