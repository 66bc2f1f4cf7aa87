package review

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Candidate is the identity of the teacher behind an application. It lives
// only in the identity vault and never reaches a reviewer.
type Candidate struct {
	Name     string            `json:"name,omitempty"`
	Email    string            `json:"email,omitempty"`
	District string            `json:"district,omitempty"`
	State    string            `json:"state,omitempty"`
	Extra    map[string]string `json:"extra,omitempty"` // any other candidate.* field
}

// field is the named field a candidate.* key stands for, whatever its
// case: an export that writes "Name" must not leave the name unredacted,
// unmatched against conflicts, or out of the badge. nil for any other key.
func (c *Candidate) field(key string) *string {
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "name":
		return &c.Name
	case "email":
		return &c.Email
	case "district":
		return &c.District
	case "state":
		return &c.State
	}
	return nil
}

// FoldFields moves an extra attribute whose key names a field in another
// case into that field, as import now reads it: releases before that kept
// "Name" as an attribute. The value fills an empty field and is dropped
// when the field already holds it; one that differs stays an attribute
// (still scanned for as another's detail). It reports whether c changed.
func (c *Candidate) FoldFields() bool {
	changed := false
	for _, k := range sortedKeys(c.Extra) {
		f := c.field(k)
		if f == nil {
			continue
		}
		v := c.Extra[k]
		if *f == "" {
			*f = v
		} else if !strings.EqualFold(strings.TrimSpace(*f), strings.TrimSpace(v)) {
			continue
		}
		delete(c.Extra, k)
		changed = true
	}
	if len(c.Extra) == 0 {
		c.Extra = nil
	}
	return changed
}

// Values lists every non-empty identity value, for leak checks.
func (c Candidate) Values() []string {
	var vs []string
	for _, v := range []string{c.Name, c.Email, c.District, c.State} {
		if v != "" {
			vs = append(vs, v)
		}
	}
	for _, v := range c.Extra {
		if v != "" {
			vs = append(vs, v)
		}
	}
	return vs
}

// Role decides what a person may do.
type Role string

// Roles.
const (
	RoleReviewer Role = "reviewer"
	RoleLead     Role = "lead"
	RoleAdmin    Role = "admin"
)

// Reviewer is a person who scores attempts.
type Reviewer struct {
	ID                string   `json:"id"`
	Role              Role     `json:"role"`
	ConflictDistricts []string `json:"conflict_districts,omitempty"`
	ConflictStates    []string `json:"conflict_states,omitempty"`
	// Keys are SSH public keys in authorized_keys form ("ssh-ed25519 AAAA…"),
	// by which `assessor serve` knows the reviewer.
	Keys []string `json:"keys,omitempty"`
}

// CanLead reports whether the role may use lead screens and actions
// (dashboard, amend, reveal).
func (r Reviewer) CanLead() bool { return r.Role == RoleLead || r.Role == RoleAdmin }

// QueueItem is one pending attempt as the queue shows it.
type QueueItem struct {
	Application string // internal id, for claiming; never shown
	Pseudonym   string
	Credential  string
	Attempt     int
	SubmittedAt time.Time
	Claimed     bool // held by another reviewer's live lease
	Flags       int  // possible identifying details found at import

	// What the queue tells about the claim on it (Actor.ClaimSeen): who
	// holds its live lease, the asking reviewer included ("" when nobody
	// does, or when the holder is hidden), until when, and whether it is
	// the asking reviewer's own. Draft: the asking reviewer saved a draft.
	Holder string
	Until  time.Time
	Mine   bool
	Draft  bool

	// Disputed: its two reviews disagree and it waits for a lead's
	// adjudication. Only the lead's list of the oldest pending attempts
	// has such items; a reviewer's queue never lists them.
	Disputed bool
}

// Handle is the reviewer-facing name, e.g. "DF-7KQ2#2".
func (q QueueItem) Handle() string { return fmt.Sprintf("%s#%d", q.Pseudonym, q.Attempt) }

// Key identifies the attempt.
func (q QueueItem) Key() AttemptKey { return AttemptKey{q.Application, q.Attempt} }

// SortQueue puts items in queue order (rule 5): oldest submitted first, then
// by attempt key, so equal times still list the same way every time.
func SortQueue(items []QueueItem) {
	sort.Slice(items, func(i, j int) bool {
		if !items[i].SubmittedAt.Equal(items[j].SubmittedAt) {
			return items[i].SubmittedAt.Before(items[j].SubmittedAt)
		}
		return items[i].Key().String() < items[j].Key().String()
	})
}

// Audit actions on people, besides reveals (AuditRecord.Action).
const (
	AuditReviewerRemoved  = "reviewer removed"
	AuditKeyRemoved       = "key removed"
	AuditReviewerAdded    = "reviewer added"
	AuditRoleChanged      = "role changed"
	AuditKeyAdded         = "key added"
	AuditConflictsChanged = "conflicts changed"
)

// AuditNeedsReason reports whether a record of action must say why:
// everything but the changes reviewers add makes (ReviewerChanges) and
// backups, for which no reason is asked.
func AuditNeedsReason(action string) bool {
	switch action {
	case AuditReviewerAdded, AuditRoleChanged, AuditKeyAdded, AuditConflictsChanged, AuditBackup:
		return false
	}
	return true
}

// ReviewerChanges are the audit records of an admin (by) saving after over
// before (existed false: a new reviewer): the reviewer added, their role
// changed, each key added (named by fingerprint, which gives a key line's
// SHA256:… form), their conflicts changed. What grants access is recorded
// as what takes it away is; no reason is asked, as none is for adding.
func ReviewerChanges(by string, now time.Time, before Reviewer, existed bool, after Reviewer, fingerprint func(line string) string) []AuditRecord {
	var out []AuditRecord
	add := func(action, subject string) {
		out = append(out, AuditRecord{At: now, Lead: by, Action: action, Subject: subject})
	}
	switch {
	case !existed:
		add(AuditReviewerAdded, fmt.Sprintf("%s (%s)", after.ID, after.Role))
	case before.Role != after.Role:
		add(AuditRoleChanged, fmt.Sprintf("%s: %s → %s", after.ID, before.Role, after.Role))
	}
	for _, k := range after.Keys {
		if !slices.Contains(before.Keys, k) {
			add(AuditKeyAdded, after.ID+" "+fingerprint(k))
		}
	}
	if !SameConflicts(before, after) {
		c := after.ConflictsText()
		if c == "" {
			c = "none"
		}
		add(AuditConflictsChanged, after.ID+": "+c)
	}
	return out
}

// PeopleRecord is the audit record of an admin's change to who may sign
// in: by whom, when, what (action) on whom or which key (subject), and why
// (ErrNoReason when blank).
func PeopleRecord(admin string, now time.Time, action, subject, reason string) (AuditRecord, error) {
	reason, err := Reason(reason)
	if err != nil {
		return AuditRecord{}, err
	}
	return AuditRecord{At: now, Lead: admin, Action: action, Subject: subject, Reason: reason}, nil
}

// ValidRole reports whether r is one of the three roles; "" is not one.
func ValidRole(r Role) bool { return r == RoleReviewer || r == RoleLead || r == RoleAdmin }
