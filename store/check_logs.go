package store

import (
	"bytes"
	"encoding/json"
	"maps"
	"strings"

	"assessor/review"
)

// logs checks the append-only records beside the decisions: the decision
// history, the audit log and the leak index.
func (c *checker) logs() {
	c.decisionHistory()
	c.audit()
	c.leakIndex()
	c.orphans()
}

// decisionHistory walks the history bucket once (its keys sort by attempt, then
// sequence) and compares each attempt's last entry with its decision of
// record.
func (c *checker) decisionHistory() {
	t := c.t
	decisions := t.bucket(bucketDecisions)
	seen := map[string]bool{}
	var lastKey []byte
	var last review.HistoryEntry
	finish := func() {
		if lastKey == nil {
			return
		}
		seen[string(lastKey)] = true
		var d review.Decision
		raw := decisions.Get(lastKey)
		switch {
		case raw == nil:
			c.problem("history of %s: the attempt has no decision of record", keyName(lastKey))
		case json.Unmarshal(raw, &d) != nil:
			c.problem("decision on %s: damaged", keyName(lastKey))
		case !sameRecord(d, last.Decision):
			c.problem("history of %s: its last entry is not the decision of record", keyName(lastKey))
		}
	}
	_ = t.bucket(bucketHistory).ForEach(func(k, v []byte) error {
		ak, ok := decodeAttemptKey(k)
		if !ok || len(k) != len(attemptKey(ak))+8 {
			c.problem("history entry %q: bad key", k)
			return nil
		}
		prefix := attemptKey(ak)
		if !bytes.Equal(prefix, lastKey) {
			finish()
			lastKey = prefix
		}
		var h review.HistoryEntry
		if err := json.Unmarshal(v, &h); err != nil {
			c.problem("history of %s: damaged entry", ak)
			return nil
		}
		if h.Action == review.ActionAmend && (h.By == "" || strings.TrimSpace(h.Reason) == "") {
			c.problem("history of %s: an amendment without who or why", ak)
		}
		last = h
		return nil
	})
	finish()
	_ = decisions.ForEach(func(k, _ []byte) error {
		if !seen[string(k)] {
			c.problem("decision on %s: no history records it", keyName(k))
		}
		return nil
	})
}

// sameRecord reports whether a history entry's decision is the decision of
// record, on the fields reports and exports read.
func sameRecord(a, b review.Decision) bool {
	return a.Reviewer == b.Reviewer && a.Outcome == b.Outcome && a.DecidedAt.Equal(b.DecidedAt) &&
		maps.Equal(a.Levels, b.Levels) && maps.Equal(a.Feedback, b.Feedback)
}

// audit checks that every audit record decodes and names a lead, a reason
// (where one is asked) and an application that carries the recorded
// pseudonym.
func (c *checker) audit() {
	_ = c.t.bucket(bucketAudit).ForEach(func(k, v []byte) error {
		var r review.AuditRecord
		if len(k) != 8 || json.Unmarshal(v, &r) != nil {
			c.problem("audit record %x: damaged", k)
			return nil
		}
		if r.Lead == "" || review.AuditNeedsReason(r.Action) && strings.TrimSpace(r.Reason) == "" || r.At.IsZero() {
			c.problem("audit record %x: lacks who, when or why", k)
		}
		if r.Action != "" {
			if r.Subject == "" {
				c.problem("audit record %x: %s of nobody", k, r.Action)
			}
			return nil // a change to people names no application
		}
		app, ok, err := c.t.application(r.Application)
		if err != nil || !ok || app.Pseudonym != r.Pseudonym {
			c.problem("audit record %x: names no application with pseudonym %s", k, r.Pseudonym)
		}
		return nil
	})
}

// leakIndex checks that the index lists exactly the attempts with leaks
// (an entry of no attempt: check_orphans.go), and that each leak points at
// a part the attempt has.
func (c *checker) leakIndex() {
	t := c.t
	index := t.bucket(bucketLeakIndex)
	_ = t.bucket(bucketAttempts).ForEach(func(k, v []byte) error {
		var a struct {
			Parts []struct {
				Files []string `json:"files"`
			} `json:"parts"`
			Leaks []review.Leak `json:"leaks"`
		}
		if json.Unmarshal(v, &a) != nil {
			return nil // records() reports damaged attempts
		}
		indexed := index.Get(k) != nil
		switch {
		case len(a.Leaks) > 0 && !indexed:
			c.problem("attempt %s: has identity leaks but is not in the leak index", keyName(k))
		case len(a.Leaks) == 0 && indexed:
			c.problem("attempt %s: in the leak index but has no leaks", keyName(k))
		}
		for _, l := range a.Leaks {
			if l.Part < -1 || l.Part >= len(a.Parts) || l.Start < 0 || l.End <= l.Start ||
				(l.Part >= 0 && (l.File < 0 || l.File > len(a.Parts[l.Part].Files))) {
				c.problem("attempt %s: a leak points outside its evidence", keyName(k))
				break
			}
		}
		return nil
	})
}
