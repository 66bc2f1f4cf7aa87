package review

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Errors of lead actions.
var (
	// ErrNotLead means the person asking is not a lead or admin: revealing
	// an identity, amending, adjudicating and calibration examples are lead
	// actions.
	ErrNotLead = errors.New("needs role lead or admin")

	// ErrNoReason means a reveal, amendment or revocation came without a
	// stated reason, which the audit log and the history must carry.
	ErrNoReason = errors.New("a reason is required")

	// ErrReasonTooLong means a reason over MaxReason characters: it is
	// kept whole in the audit log and the history, and shown to leads.
	ErrReasonTooLong = fmt.Errorf("a reason is at most %d characters", MaxReason)
)

// MaxReason bounds a stated reason, in characters, wherever it comes from.
const MaxReason = 500

// RequireLead fails with ErrNotLead unless id names a known reviewer
// (known) whose role may lead.
func RequireLead(id string, r Reviewer, known bool) error {
	switch {
	case !known:
		return fmt.Errorf("reviewer %s: %w (no such reviewer)", id, ErrNotLead)
	case !r.CanLead():
		return fmt.Errorf("reviewer %s has role %s: %w", id, r.Role, ErrNotLead)
	}
	return nil
}

// Reason is a lead's stated reason as kept: sanitized for the terminal and
// trimmed. A blank one is ErrNoReason, a long one ErrReasonTooLong.
func Reason(reason string) (string, error) {
	reason = strings.TrimSpace(Sanitize(reason))
	if reason == "" {
		return "", ErrNoReason
	}
	if n := utf8.RuneCountInString(reason); n > MaxReason {
		return "", fmt.Errorf("%w; this one has %d", ErrReasonTooLong, n)
	}
	return reason, nil
}

// AuditRecord is one read of the identity vault: who, when, why and which
// application. Records are only ever appended. Its JSON is the stored form.
type AuditRecord struct {
	At          time.Time `json:"at"`
	Lead        string    `json:"lead"`
	Application string    `json:"application"`
	Pseudonym   string    `json:"pseudonym"`
	Reason      string    `json:"reason"`
	// Action is what was done: "" for a reveal (the records written before
	// there were other kinds), else one of the Audit* actions, on Subject.
	Action  string `json:"action,omitempty"`
	Subject string `json:"subject,omitempty"`
}

// Audited actions on the vault and the evidence as submitted, besides a
// reveal (""): AuditRecord.Action, with the attempt's pseudonym as Subject.
const (
	AuditShowFlags  = "show flags"           // flagged spans and the evidence as submitted
	AuditRedact     = "redact flag"          // a flagged span becomes a marker for reviewers
	AuditClear      = "clear flag"           // a flag judged not identifying
	AuditRelease    = "release file"         // a file redacted whole given to reviewers as submitted
	AuditNearMisses = "conflict near-misses" // candidates' districts near a reviewer's conflict
	AuditBackup     = "backup"               // a copy of the whole store, the vault in it, written out
)

// AuditAction is the audit record of action by lead on app, as Reveal's.
func AuditAction(lead string, now time.Time, app Application, action, reason string) (AuditRecord, error) {
	r, err := Reveal(lead, now, app, reason)
	r.Action, r.Subject = action, app.Pseudonym
	return r, err
}

// Reveal is the audit record that must be written, in the same
// transaction, before a lead may read the identity behind app: the lead
// (checked by RequireLead), now, the application and its pseudonym, and a
// reason that is not blank (ErrNoReason). The caller has found that the
// vault holds an identity for app.
func Reveal(lead string, now time.Time, app Application, reason string) (AuditRecord, error) {
	reason, err := Reason(reason)
	if err != nil {
		return AuditRecord{}, err
	}
	return AuditRecord{At: now, Lead: lead, Application: app.ID, Pseudonym: app.Pseudonym, Reason: reason}, nil
}
