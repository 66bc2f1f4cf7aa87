package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"assessor/review"
)

// A lead works the flags (review/flag_work.go): every read of the flagged
// spans and of the evidence as submitted, and every action, writes an
// audit record in the same transaction; actions are kept per attempt in
// bucketFlagActions. The attempt's Leaks stay its open flags, the queue
// entry's count follows them, and bucketLeakIndex lists only attempts that
// still have one.

// The lead's view of flags: the types live in review (flag_report.go), so
// the lead's flag screen reads them without importing the store.
type (
	FlagSpan     = review.FlagSpan
	RedactedFile = review.RedactedFile
	FlagReport   = review.FlagReport
)

// contextChars is how much text a lead sees on each side of a span.
const contextChars = 60

// FlagReport reads an attempt's flags in context, and what import
// redacted from the evidence as submitted, for lead, with reason; the read
// is audited (review.AuditShowFlags).
func (s *Store) FlagReport(lead string, key review.AttemptKey, reason string) (FlagReport, error) {
	var rep FlagReport
	err := s.update(func(t *txn) error {
		a, orig, err := t.leadFlagRead(lead, key, review.AuditShowFlags, reason, nil)
		if err != nil {
			return err
		}
		rep, err = t.flagReport(a, orig)
		return err
	})
	if err != nil {
		return FlagReport{}, fmt.Errorf("leaks show: %w", err)
	}
	return rep, nil
}

// flagReport is attempt a's flags in context and what import redacted
// from orig, its evidence as submitted (nil: nothing was).
func (t *txn) flagReport(a review.Attempt, orig *submittedEvidence) (FlagReport, error) {
	var rep FlagReport
	var err error
	_, rep.Decided, err = t.decision(a.Key())
	if err != nil {
		return rep, err
	}
	rep.Handle = a.Handle()
	files := map[string]string{}
	for i := range a.Leaks {
		f, err := t.openFlag(a, i, files)
		if err != nil {
			return rep, err
		}
		rep.Open = append(rep.Open, f)
	}
	if orig != nil {
		for _, l := range orig.Redacted {
			text, err := t.spanText(orig.Parts, orig.Note, l, files)
			if err != nil {
				return rep, err
			}
			rep.Redacted = append(rep.Redacted, FlagSpan{Place: review.LeakPlaceOf(a.Parts, l, nil), Kind: l.Kind, Context: spanContext(text, l)})
		}
	}
	rep.Files = redactedFiles(a)
	rep.Actions, err = t.flagActions(a.Key())
	return rep, err
}

// openFlag is attempt a's open flag i as a lead reads it; files caches the
// text of attachments between calls.
func (t *txn) openFlag(a review.Attempt, i int, files map[string]string) (FlagSpan, error) {
	l := a.Leaks[i]
	text, err := t.spanText(a.Parts, a.Note, l, files)
	if err != nil {
		return FlagSpan{}, err
	}
	return FlagSpan{N: i + 1, Place: review.LeakPlaceOf(a.Parts, l, a.Leaks), Kind: l.Kind, Context: spanContext(text, l)}, nil
}

// redactedFiles is attempt a's files that reviewers read redacted, f1, f2, …
// in part order.
func redactedFiles(a review.Attempt) []RedactedFile {
	var out []RedactedFile
	eachRedactedFile(a, func(id string, part, file int) bool {
		out = append(out, RedactedFile{ID: id, Place: review.LeakPlace(a.Parts, part, 0) + fmt.Sprintf(", file %d", file),
			Name: a.Parts[part].Attachments[file-1].Name})
		return true
	})
	return out
}

// eachRedactedFile calls fn with the id ("f1", "f2", …), part and file
// (1-based) of each of a's files that reviewers read redacted, in part
// order, while fn returns true.
func eachRedactedFile(a review.Attempt, fn func(id string, part, file int) bool) {
	n := 0
	for i, p := range a.Parts {
		for j, at := range p.Attachments {
			if at.Redacted {
				n++
				if !fn(fmt.Sprintf("f%d", n), i, j+1) {
					return
				}
			}
		}
	}
}

// reportAfterWork is the flags of key as an action just left them, for
// the lead who took it: the action's audit record, with its reason, covers
// this read too, so a screen showing the result writes no second one.
func (t *txn) reportAfterWork(key review.AttemptKey) (FlagReport, error) {
	a, ok, err := t.attempt(key)
	if err != nil {
		return FlagReport{}, err
	} else if !ok {
		return FlagReport{}, fmt.Errorf("attempt: %w", ErrNotFound)
	}
	orig, ok, err := t.submitted(key)
	if err != nil {
		return FlagReport{}, err
	}
	if !ok {
		return t.flagReport(a, nil)
	}
	return t.flagReport(a, &orig)
}

// WorkFlag redacts or clears (review.FlagRedact, FlagClear) open flag n
// (1-based, as FlagReport numbers them) of the attempt, for lead with
// reason, audited, and returns the flags as it left them
// (reportAfterWork). seen, when given, is flag n as the lead read it: if
// flag n is another now (another lead worked the flags since), it fails
// with review.ErrFlagsChanged; while the attempt is submitted after now,
// with review.ErrWorkedBeforeSubmitted.
func (s *Store) WorkFlag(lead string, key review.AttemptKey, n int, seen *FlagSpan, action, reason string) (FlagReport, error) {
	var rep FlagReport
	err := s.update(func(t *txn) error {
		auditAs := review.AuditClear
		if action == review.FlagRedact {
			auditAs = review.AuditRedact
		}
		// The record names the flag, as leaks show lists it.
		which := func(a review.Attempt) string {
			if n < 1 || n > len(a.Leaks) {
				return "" // refused below: the record goes with the transaction
			}
			l := a.Leaks[n-1]
			return fmt.Sprintf(" flag %d (%s, %s)", n, l.Kind, review.LeakPlaceOf(a.Parts, l, a.Leaks))
		}
		a, orig, err := t.leadFlagWork(lead, key, auditAs, reason, which)
		if err != nil {
			return err
		}
		if n < 1 || n > len(a.Leaks) {
			if seen != nil {
				return fmt.Errorf("flag %d of %s: %w", n, a.Handle(), review.ErrFlagsChanged)
			}
			return review.Mendf(review.LeaksShow(a.Handle()), "", "flag %d of %s: %w (%s lists them)", n, a.Handle(), review.ErrNoFlag)
		}
		if seen != nil {
			now, err := t.openFlag(a, n-1, nil)
			if err != nil {
				return err
			}
			if now.Place != seen.Place || now.Kind != seen.Kind || now.Context != seen.Context {
				return fmt.Errorf("flag %d of %s is now %s (%s): %w", n, a.Handle(), now.Place, now.Kind, review.ErrFlagsChanged)
			}
		}
		l := a.Leaks[n-1]
		var text string
		if l.Attachment && action == review.FlagRedact {
			if text, err = t.spanText(a.Parts, a.Note, l, nil); err != nil {
				return err
			}
		}
		out, newText, err := review.WorkFlag(a, n-1, action, text)
		if err != nil {
			return err
		}
		if action == review.FlagRedact {
			if orig == nil { // the first change to the reviewer's copy
				if err := t.putSubmitted(key, submittedEvidence{Parts: a.Parts, Note: a.Note}); err != nil {
					return err
				}
			}
			if l.Attachment {
				at := &out.Parts[l.Part].Attachments[l.File-1]
				red := review.NewAttachment(at.Name, []byte(newText))
				red.Name, red.Type, red.Redacted = at.Name, review.TypeText, true
				*at = red
				if err := t.putBlob(red.Hash, []byte(newText)); err != nil {
					return err
				}
			}
		}
		if err := t.recordFlagWork(a, out, review.FlagAction{Action: action, Leak: l}, lead, reason); err != nil {
			return err
		}
		rep, err = t.reportAfterWork(key)
		rep.Worked = strings.TrimSpace(which(a))
		return err
	})
	if err != nil {
		return FlagReport{}, fmt.Errorf("leaks %s: %w", action, err)
	}
	s.notify(review.AttemptNotice{Key: key, Evidence: true})
	return rep, nil
}

// ReleaseFile gives the reviewer a redacted file (id "f1"…, as FlagReport
// lists them) as submitted, for lead with reason, audited as a release of
// that file, and returns the flags as it left them (reportAfterWork).
// seen, when given, is the file as the lead read it, as for WorkFlag, and
// it is refused as WorkFlag is before the submission.
func (s *Store) ReleaseFile(lead string, key review.AttemptKey, id string, seen *RedactedFile, reason string) (FlagReport, error) {
	var rep FlagReport
	err := s.update(func(t *txn) error {
		which := func(a review.Attempt) string {
			if part, file := redactedFileAt(a, id); part >= 0 {
				// Its flags close with it, unworked one by one: the record
				// says how many went.
				n := 0
				for _, l := range a.Leaks {
					if l.Part == part && l.File == file && l.Attachment {
						n++
					}
				}
				closed := ""
				if n > 0 {
					closed = "; " + review.Count(n, "open flag", "open flags") + " in it closed"
				}
				return fmt.Sprintf(" %s (%s, file %d%s)", strings.ToLower(id), review.LeakPlace(a.Parts, part, 0), file, closed)
			}
			return "" // refused below: the record goes with the transaction
		}
		a, orig, err := t.leadFlagWork(lead, key, review.AuditRelease, reason, which)
		if err != nil {
			return err
		}
		part, file := redactedFileAt(a, id)
		if seen != nil {
			files := redactedFiles(a)
			i := slices.IndexFunc(files, func(f RedactedFile) bool { return f.ID == strings.ToLower(id) })
			if i < 0 || files[i] != *seen {
				return fmt.Errorf("%s of %s: %w", id, a.Handle(), review.ErrFlagsChanged)
			}
		}
		if part < 0 || orig == nil || part >= len(orig.Parts) || file > len(orig.Parts[part].Attachments) {
			return review.Mendf(review.LeaksShow(a.Handle()), "", "%s of %s: %w (%s lists them)", id, a.Handle(), review.ErrNotRedactedFile)
		}
		out, err := review.ReleaseFile(a, part, file, orig.Parts[part].Attachments[file-1])
		if err != nil {
			return err
		}
		if err := t.recordFlagWork(a, out, review.FlagAction{Action: review.FlagRelease, Leak: review.Leak{Part: part, File: file, Attachment: true}}, lead, reason); err != nil {
			return err
		}
		rep, err = t.reportAfterWork(key)
		rep.Worked = strings.TrimSpace(which(a))
		return err
	})
	if err != nil {
		return FlagReport{}, fmt.Errorf("leaks clear: %w", err)
	}
	s.notify(review.AttemptNotice{Key: key, Evidence: true})
	return rep, nil
}

// redactedFileAt finds redacted file id ("f2": the second redacted file
// in part order); -1 when there is none.
func redactedFileAt(a review.Attempt, id string) (part, file int) {
	part = -1
	eachRedactedFile(a, func(f string, i, j int) bool {
		if f == strings.ToLower(id) {
			part, file = i, j
		}
		return part < 0
	})
	return part, file
}

// leadFlagRead checks lead and reason, reads the attempt and its evidence
// as submitted (nil when never redacted), and writes the audit record of
// action on the attempt and, when which is given, on which of its flags
// or files (which's words after the handle).
func (t *txn) leadFlagRead(lead string, key review.AttemptKey, action, reason string, which func(review.Attempt) string) (review.Attempt, *submittedEvidence, error) {
	if err := t.requireLead(lead); err != nil {
		return review.Attempt{}, nil, err
	}
	a, ok, err := t.attempt(key)
	if err != nil {
		return a, nil, err
	} else if !ok {
		return a, nil, fmt.Errorf("attempt: %w", ErrNotFound)
	}
	app, ok, err := t.application(key.Application)
	if err != nil {
		return a, nil, err
	} else if !ok {
		return a, nil, fmt.Errorf("%w (attempt %s without its application)", ErrCorrupt, a.Handle())
	}
	rec, err := review.AuditAction(lead, t.s.clock(), app, action, reason)
	if err != nil {
		return a, nil, err
	}
	rec.Subject = a.Handle() // flags are an attempt's: "CR-P9C8#1", not the application's "CR-P9C8"
	if which != nil {
		rec.Subject += which(a)
	}
	if err := t.appendAudit(rec); err != nil {
		return a, nil, err
	}
	orig, ok, err := t.submitted(key)
	if err != nil || !ok {
		return a, nil, err
	}
	return a, &orig, nil
}

// leadFlagWork is leadFlagRead for an action on the flags, refused while
// the attempt is submitted after now (review.FlagsWorkable); the audit
// record goes with the transaction.
func (t *txn) leadFlagWork(lead string, key review.AttemptKey, action, reason string, which func(review.Attempt) string) (review.Attempt, *submittedEvidence, error) {
	a, orig, err := t.leadFlagRead(lead, key, action, reason, which)
	if err == nil {
		err = review.FlagsWorkable(a, t.s.clock())
	}
	return a, orig, err
}

// recordFlagWork stores the reviewer's new copy, the action, the queue's
// flag count and the leak index entry.
func (t *txn) recordFlagWork(before, after review.Attempt, act review.FlagAction, lead, reason string) error {
	if err := t.putAttempt(after, nil); err != nil {
		return err
	}
	act.At, act.Lead, act.Reason = t.s.clock(), lead, strings.TrimSpace(reason)
	acts, err := t.flagActions(after.Key())
	if err != nil {
		return err
	}
	b, err := t.createBucket(bucketFlagActions)
	if err != nil {
		return err
	}
	if err := putJSON(b, attemptKey(after.Key()), append(acts, act)); err != nil {
		return err
	}
	if len(after.Leaks) == 0 {
		if err := t.bucket(bucketLeakIndex).Delete(attemptKey(after.Key())); err != nil {
			return err
		}
	}
	return t.requeueFlags(after, review.LeakParts(after.Leaks))
}

// requeueFlags sets the flag count of a's queue entries, if it is pending.
func (t *txn) requeueFlags(a review.Attempt, flags int) error {
	k := queueKey(a.SubmittedAt, a.Key())
	for _, cred := range []string{"", a.Credential} {
		b, err := t.queueIndex(cred, false)
		if err != nil || b == nil {
			return err
		}
		v := b.Get(k)
		if v == nil {
			return nil
		}
		var e queueEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("%w (bad queue entry of %s: %v)", ErrCorrupt, a.Handle(), err)
		}
		e.Flags = flags
		if err := putJSON(b, k, e); err != nil {
			return err
		}
	}
	return nil
}

// flagActions lists what leads did with the attempt's flags.
func (t *txn) flagActions(k review.AttemptKey) ([]review.FlagAction, error) {
	var acts []review.FlagAction
	_, err := t.get(bucketFlagActions, attemptKey(k), &acts)
	return acts, err
}

// spanText is the text l is a span of: the note, a part's title or text,
// a file name, or a file's text as the reviewer reads it (a redacted file's text,
// else the text AttachmentText extracts, as the import scanned). files,
// when not nil, keeps each file's text by hash: a report of a file with
// thousands of flags extracts it once, not once a flag.
func (t *txn) spanText(parts []review.EvidencePart, note string, l review.Leak, files map[string]string) (string, error) {
	if l.Part < 0 {
		return note, nil
	}
	if l.Part >= len(parts) {
		return "", fmt.Errorf("%w (a flag names part %d of %d)", ErrCorrupt, l.Part+1, len(parts))
	}
	p := parts[l.Part]
	switch {
	case l.Title:
		return p.Title, nil
	case l.Attachment:
		if l.File < 1 || l.File > len(p.Attachments) {
			return "", fmt.Errorf("%w (a flag names file %d of part %d)", ErrCorrupt, l.File, l.Part+1)
		}
		at := p.Attachments[l.File-1]
		var data []byte
		if b := t.bucket(bucketBlobs); b != nil {
			data = b.Get([]byte(at.Hash))
		}
		if data == nil {
			return "", fmt.Errorf("%w (file %.12s has no stored bytes)", ErrCorrupt, at.Hash)
		}
		if text, ok := files[at.Hash]; ok {
			return text, nil
		}
		text, err := review.FileText(at, data)
		if err == nil && files != nil {
			files[at.Hash] = text
		}
		return text, err
	case l.File > 0:
		if l.File > len(p.Files) {
			return "", fmt.Errorf("%w (a flag names file %d of part %d)", ErrCorrupt, l.File, l.Part+1)
		}
		return p.Files[l.File-1], nil
	}
	return p.Text, nil
}

// spanContext is the text around l's span, the span between ⟦ ⟧, on one
// line and sanitized.
func spanContext(text string, l review.Leak) string {
	if l.Start < 0 || l.End > len(text) || l.Start > l.End {
		return "(span outside its text)"
	}
	lo := runeStartAt(text, max(l.Start-contextChars, 0))
	hi := runeStartAt(text, min(l.End+contextChars, len(text)))
	// One line, spaces where the text has them: "⟦Dana⟧'s", not "⟦Dana⟧ 's".
	out := strings.Join(strings.Fields(review.Sanitize(text[lo:l.Start]+"⟦"+text[l.Start:l.End]+"⟧"+text[l.End:hi])), " ")
	if lo > 0 {
		out = "…" + out
	}
	if hi < len(text) {
		out += "…"
	}
	return strings.TrimSpace(out)
}

// runeStartAt moves i back to the start of a rune.
func runeStartAt(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}
