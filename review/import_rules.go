package review

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"
)

// Errors of import, returned inside a *LineError.
var (
	// ErrUnknownCredential means no rubric is stored for the credential.
	ErrUnknownCredential = errors.New("unknown credential")

	// ErrNoSuchAttempt means a decision names an attempt not imported.
	ErrNoSuchAttempt = errors.New("no such attempt")

	// ErrImportConflict means a submission's application and attempt are
	// already stored with different content; imports never overwrite.
	ErrImportConflict = errors.New("already imported with different content")

	// ErrCandidateMismatch means a later attempt repeats the candidate with
	// different identity values. The message never shows vault values.
	ErrCandidateMismatch = errors.New("differs from the candidate stored for this application")

	// ErrCandidateLate means a stored attempt is repeated with a candidate
	// it was imported without: it was redacted and scanned without one, and
	// an import never changes what is stored.
	ErrCandidateLate = errors.New("this attempt was imported without one, and an import never changes a stored attempt (give the candidate on the application's next attempt)")

	// ErrCredentialMismatch means a later attempt names another credential
	// than its application.
	ErrCredentialMismatch = errors.New("differs from the application's credential")

	// ErrStartedAtMismatch means a later attempt gives another started_at
	// than its application.
	ErrStartedAtMismatch = errors.New("differs from the application's started_at")

	// ErrExampleApplication means a later attempt names an application
	// that holds a calibration example: its reviewer would read the
	// example's answer as the earlier feedback.
	ErrExampleApplication = errors.New("its application holds a calibration example, whose answer the attempt's reviewer would read")
)

// SubmissionState is what importing one submission needs to know, as
// stored: the credential's latest rubric (HasRubric false when it has
// none), the application and the identity in the vault when they exist,
// the attempt already stored under the submission's key (nil when none),
// and, when the import stores evidence files, the parts with their
// attachments described (Files; WithFiles).
type SubmissionState struct {
	Rubric      Rubric
	HasRubric   bool
	Application Application
	AppExists   bool
	Vault       Candidate
	InVault     bool
	Stored      *Attempt
	WithFiles   bool
	Files       []EvidencePart
	// PrevDecided is when the attempt before this one was decided (zero
	// for attempt 1, or when unknown): a resubmission comes after it.
	PrevDecided time.Time
	// Now is the store's clock: no time of the line may be after it
	// (FutureSlack allowed); zero checks nothing.
	Now time.Time
	// AppExample is the handle of a calibration example among the
	// application's attempts ("" for none): it takes no more attempts.
	AppExample string
}

// SubmissionEffect is what importing a submission writes. When Unchanged,
// the line repeats what is stored and nothing is written. Otherwise
// Attempt is new, and Application is its application as it stands
// afterwards; when NewApplication, the caller draws both a pseudonym and
// counts the application. StoreCandidate says the submission's candidate
// goes into the vault now; Candidate is the identity on record afterwards
// (when HasCandidate), against which the evidence is scanned for leaks.
type SubmissionEffect struct {
	Unchanged      bool
	NewApplication bool
	Application    Application
	Attempt        Attempt
	StoreCandidate bool
	HasCandidate   bool
	Candidate      Candidate
}

// ImportSubmission applies the rules of one submission line: a known
// credential; a later attempt repeats its application's credential,
// started_at and candidate (compared by Candidate.Equal, never shown); an
// attempt stored without a candidate is not repeated with one; an
// attempt already stored must be repeated exactly (Unchanged) or it is
// ErrImportConflict; the attempt must be the application's next, within its
// window (rule 4, Application.CheckNextAttempt), of an application holding
// no calibration example (ErrExampleApplication), submitted after the
// attempt before it was decided and not in the future (s.Now). Errors are *FieldError
// naming the field at fault.
func ImportSubmission(sub *Submission, s SubmissionState) (SubmissionEffect, error) {
	if !s.HasRubric {
		return SubmissionEffect{}, fieldErr("credential", Mendf("rubrics add FILE", "rubrics add - < FILE", "%w %q (add its rubric with: %s)", ErrUnknownCredential, sub.Credential))
	}
	app := s.Application
	if s.AppExists {
		switch {
		case app.Credential != sub.Credential:
			return SubmissionEffect{}, fieldErr("credential", fmt.Errorf("%w %q", ErrCredentialMismatch, app.Credential))
		case !sub.StartedAt.IsZero() && !sub.StartedAt.Equal(app.StartedAt):
			return SubmissionEffect{}, fieldErr("started_at", fmt.Errorf("%w %s", ErrStartedAtMismatch, app.StartedAt.Format(time.RFC3339)))
		case sub.Candidate != nil && s.InVault && !s.Vault.Equal(*sub.Candidate):
			return SubmissionEffect{}, fieldErr("candidate", ErrCandidateMismatch)
		}
	}
	if old := s.Stored; old != nil {
		if sub.Candidate != nil && !s.InVault {
			return SubmissionEffect{}, fieldErr("candidate", ErrCandidateLate)
		}
		if repeats(*old, sub) && (!s.WithFiles || sameAttachments(old.Parts, s.Files)) {
			return SubmissionEffect{Unchanged: true}, nil
		}
		return SubmissionEffect{}, fieldErr("attempt", ErrImportConflict)
	}
	if s.AppExample != "" {
		return SubmissionEffect{}, fieldErr("attempt", Mendf("calibration remove "+s.AppExample, "", "%w (%s): a lead removes the example first (%s)", ErrExampleApplication, s.AppExample))
	}
	if !s.AppExists {
		app = Application{ID: sub.Application, Credential: sub.Credential, StartedAt: sub.StartedAt}
		if app.StartedAt.IsZero() {
			app.StartedAt = sub.SubmittedAt
		}
	}
	if err := app.CheckNextAttempt(sub.Attempt, sub.SubmittedAt); err != nil {
		if errors.Is(err, ErrExpired) || errors.Is(err, ErrBeforeStart) {
			return SubmissionEffect{}, fieldErr("submitted_at", err)
		}
		return SubmissionEffect{}, fieldErr("attempt", err)
	}
	// started_at comes before submitted_at (ErrBeforeStart): checking
	// this one checks both.
	if err := checkNotFuture(sub.SubmittedAt, s.Now); err != nil {
		return SubmissionEffect{}, fieldErr("submitted_at", err)
	}
	if sub.SubmittedAt.Before(s.PrevDecided) {
		return SubmissionEffect{}, fieldErr("submitted_at", fmt.Errorf("%w: attempt %d was decided %s", ErrBeforePrevDecided, sub.Attempt-1, s.PrevDecided.UTC().Format(time.RFC3339)))
	}
	eff := SubmissionEffect{NewApplication: !s.AppExists}
	if s.InVault {
		eff.HasCandidate, eff.Candidate = true, s.Vault
	} else if sub.Candidate != nil {
		eff.StoreCandidate, eff.HasCandidate, eff.Candidate = true, true, *sub.Candidate
	}
	app.Attempts, app.LastOutcome = sub.Attempt, ""
	eff.Application = app
	eff.Attempt = Attempt{
		Application: app.ID, Pseudonym: app.Pseudonym, Credential: app.Credential,
		RubricVersion: s.Rubric.Version, Number: sub.Attempt, SubmittedAt: sub.SubmittedAt.UTC(),
		Parts: sub.Parts, Note: sub.Note,
	}
	if s.WithFiles {
		eff.Attempt.Parts = s.Files
	}
	return eff, nil
}

// repeats reports whether sub repeats the stored attempt a.
func repeats(a Attempt, sub *Submission) bool {
	return a.Credential == sub.Credential && a.SubmittedAt.Equal(sub.SubmittedAt) && a.Note == sub.Note &&
		slices.EqualFunc(a.Parts, sub.Parts, func(x, y EvidencePart) bool {
			return x.Title == y.Title && x.Text == y.Text && slices.Equal(x.Files, y.Files)
		})
}

// sameAttachments reports whether the files described on a stored
// attempt's parts are those of parts.
func sameAttachments(stored, parts []EvidencePart) bool {
	for i := range stored {
		if len(stored[i].Attachments) == 0 || i >= len(parts) {
			continue
		}
		// A PDF stored before its lines were read apart, or an Office file
		// before its authors were, is the same file.
		same := func(x, y Attachment) bool { x.Lines, x.OfficeParts = y.Lines, y.OfficeParts; return x == y }
		if !slices.EqualFunc(stored[i].Attachments, parts[i].Attachments, same) {
			return false
		}
	}
	return true
}

// DecisionImportState is what importing one decision needs to know, as
// stored: its attempt (Found false when none), the attempt's decision of
// record (nil when pending), the rubric version the attempt is scored
// against (read when Found), the reviews so far of a sampled attempt, and
// whether the reviewer it names is known.
type DecisionImportState struct {
	Attempt       Attempt
	Found         bool
	Record        *Decision
	Imported      *Decision    // as an import first recorded it, when amended since
	Reviews       SecondReview // of a pending attempt sampled for a second review
	Rubric        Rubric
	ReviewerKnown bool
	Now           time.Time // as SubmissionState.Now
}

// DecisionImportEffect is what importing a decision writes. When
// Unchanged, the line repeats the decision of record and nothing is
// written. Otherwise Resolution is the new decision of record
// (ActionImport), and Register, when set, is the unknown reviewer it names,
// registered with role reviewer.
type DecisionImportEffect struct {
	Unchanged  bool
	Register   *Reviewer
	Resolution Resolution
}

// ImportDecision applies the rules of one decision line: its attempt must
// be imported (ErrNoSuchAttempt), is decided once (rule 3: a repeat is
// Unchanged, another decision ErrAlreadyDecided), not before it was
// submitted, nor while a review of its blind double review is stored
// (ErrReviewInProgress), and the decision must pass Validate against the
// attempt's rubric version (rules 1 and 2) with feedback only under its
// criteria or overall (CheckFeedbackKeys). The decision of record is d in UTC with
// that rubric version. Errors are *FieldError naming the field at fault.
func ImportDecision(d Decision, s DecisionImportState) (DecisionImportEffect, error) {
	if !s.Found {
		return DecisionImportEffect{}, fieldErr("attempt", fmt.Errorf("%w: import its submission first", ErrNoSuchAttempt))
	}
	d.Levels = s.Rubric.Spelled(d.Levels)
	if old := s.Record; old != nil {
		// A lead's amendment changed the record, not what was imported:
		// the same line again is still a repeat.
		if SameDecision(*old, d) || (s.Imported != nil && SameDecision(*s.Imported, d)) {
			return DecisionImportEffect{Unchanged: true}, nil
		}
		return DecisionImportEffect{}, fieldErr("attempt", ErrAlreadyDecided)
	}
	if s.Reviews.First != nil || s.Reviews.Second != nil {
		// Nothing is overwritten or deleted: the reviews would be.
		return DecisionImportEffect{}, fieldErr("attempt", ErrReviewInProgress)
	}
	if d.DecidedAt.Before(s.Attempt.SubmittedAt) {
		return DecisionImportEffect{}, fieldErr("decided_at", ErrBeforeSubmitted)
	}
	if err := checkNotFuture(d.DecidedAt, s.Now); err != nil {
		return DecisionImportEffect{}, fieldErr("decided_at", err)
	}
	if err := Validate(s.Rubric, d); err != nil {
		return DecisionImportEffect{}, err
	}
	// Feedback under a criterion the rubric lacks ("C9", "overal") would
	// be stored and never shown: refuse it like an unknown level.
	if err := CheckFeedbackKeys(s.Rubric, d.Feedback); err != nil {
		return DecisionImportEffect{}, err
	}
	var eff DecisionImportEffect
	if !s.ReviewerKnown {
		eff.Register = &Reviewer{ID: d.Reviewer, Role: RoleReviewer}
	}
	d.DecidedAt = d.DecidedAt.UTC()
	d.RubricVersion = s.Attempt.RubricVersion
	eff.Resolution = Resolution{Decision: d, Entry: HistoryEntry{Action: ActionImport, By: d.Reviewer, At: d.DecidedAt, Decision: d}}
	return eff, nil
}

// SameDecision reports whether d repeats the stored decision old. Its
// levels may be in another form (OneForm) than old's, which the rubric
// spells (Rubric.Spelled): a line is a repeat before its rubric is read.
func SameDecision(old, d Decision) bool {
	sameLevel := func(a, b string) bool { return OneForm(a) == OneForm(b) }
	return old.Reviewer == d.Reviewer && old.DecidedAt.Equal(d.DecidedAt) && old.Outcome == d.Outcome &&
		maps.EqualFunc(old.Levels, d.Levels, sameLevel) && maps.Equal(old.Feedback, d.Feedback)
}

func fieldErr(field string, err error) error { return &FieldError{Field: field, Err: err} }
