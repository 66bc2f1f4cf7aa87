package store

import (
	"bytes"
	"encoding/binary"
	"math"
	"time"

	"assessor/review"
)

// Bucket names, all of them. Every bucket is top level, and every one but
// bucketUpgradeDone is in bucketNames: Open creates them all in a fresh
// store, and a new one comes with a schema version and a migration step
// (migrate.go has the recipe).
// Readers still treat a missing one as empty (a fresh store opened
// read-only); the per-credential queues nested in bucketQueueByCredential
// are created on first use. Values are JSON unless noted.
const (
	bucketMeta              = "meta"                // keySchema and the counters below; values decimal / 8-byte BE
	bucketRubrics           = "rubrics"             // rubricKey → review.Rubric
	bucketApplications      = "applications"        // application id → review.Application
	bucketPseudonyms        = "pseudonyms"          // pseudonym → application id (raw bytes)
	bucketVault             = "vault"               // application id → review.Candidate: the identity vault
	bucketAttempts          = "attempts"            // attemptKey → review.Attempt, never with identity
	bucketDecisions         = "decisions"           // attemptKey → review.Decision of record
	bucketHistory           = "history"             // historyKey → review.HistoryEntry, append-only
	bucketQueue             = "queue"               // queueKey → queueEntry, pending attempts only
	bucketQueueByCredential = "queue_by_credential" // credential → nested bucket laid out like bucketQueue
	bucketLeases            = "leases"              // attemptKey → leaseValue (binary: read on every queue step)
	bucketDrafts            = "drafts"              // draftKey → review.Draft
	bucketReviewers         = "reviewers"           // reviewer id → review.Reviewer
	bucketSnippets          = "snippets"            // snippetKey → review.Snippet: the comment banks (snippets.go), personal and shared alike

	// Report aggregates (tally.go, median.go), all binary, all written in
	// the same transaction as the event they count.
	bucketAppFacts       = "app_facts"          // application id → appFacts: what fixes its report groups
	bucketFirstSubmitted = "by_first_submitted" // firstSubmittedKey → empty: applications by attempt 1's submitted_at
	bucketTallies        = "tallies"            // subject → tally varints (tallyValue)
	bucketTurnaroundHist = "turnaround_hist"    // subject → sparse coarse histogram of turnarounds
	bucketTurnaroundFine = "turnaround_fine"    // fineKey → 8-byte BE count of decisions with that turnaround; finePrefix → minute histogram (median.go)

	// Anonymity (config.go, audit.go, flags.go).
	bucketConfig    = "config"     // config key → JSON value (keyListedNames)
	bucketAudit     = "audit"      // 8-byte BE sequence → review.AuditRecord, append-only: no method edits or deletes one
	bucketLeakIndex = "leak_index" // attemptKey → empty: attempts whose evidence holds a likely identity leak

	// Credentials and evidence files (stacks.go, badges.go, revocations.go,
	// blobs.go).
	bucketIssuer       = "issuer"        // keyIssuerProfile → review.Issuer; keyBadgeSecret → raw secret
	bucketRevocations  = "revocations"   // assertion id → Revocation, kept forever: no method edits or deletes one
	bucketStackPasses  = "stack_passes"  // stackPassKey → 8-byte BE count of the candidate's passed applications
	bucketStackMembers = "stack_members" // credentialStackKey → latest stack; stackMemberKey → empty; keyStacksIndexed
	bucketBlobs        = "blobs"         // lower-case hex sha256 → the file's raw bytes, each distinct content once

	// Review quality (calibration.go, second_review.go).
	// bucketCalibration keeps calibration apart from decisions, drafts
	// and tallies, so calibration can never touch a decision of record.
	bucketCalibration   = "calibration"    // calibrationExampleKey → review.CalibrationExample; calibrationResponseKey → review.CalibrationResponse; calibrationDraftKey → review.Draft
	bucketSecondReview  = "second_review"  // attemptKey → review.SecondReview, for each sampled attempt still without a decision of record
	bucketDisputes      = "disputes"       // queueKey → empty: attempts whose two reviews disagree, awaiting a lead, oldest submitted first
	bucketDoubleReviews = "double_reviews" // attemptKey → review.DoubleReview, written once when the attempt gets its decision of record, never changed

	// Claims (claim.go).
	bucketReleases = "releases" // 8-byte BE sequence → review.ReleaseRecord: claims a lead ended, append-only: no method edits or deletes one

	// Redaction and flag work (import_redact.go, flag_actions.go).
	// bucketSubmitted is vault data: leads only, reads audited.
	bucketSubmitted   = "submitted"    // attemptKey → submittedEvidence: the evidence as submitted, for attempts whose reviewer copy was redacted
	bucketFlagActions = "flag_actions" // attemptKey → []review.FlagAction: what leads did with the attempt's flags

	// Review time (activity.go).
	bucketActivity    = "activity"     // attemptKey → review.Activity: the running active time of the reviewer at work on it
	bucketReviewTimes = "review_times" // attemptKey + reviewer → active nanoseconds (8-byte BE) of a finished review

	// Imports in chunks (import_journal.go): what a running import has
	// committed so far, hidden from every other transaction until its
	// final commit.
	bucketImportPending = "import_pending" // keyImportMarker → importMarker while an import runs; keyImportConflict when another writer overwrote one of its keys; keyStackFix + stack → 8-byte BE completion change for its final commit (stackShareFix)
	bucketImportJournal = "import_journal" // bucket name + 0x00 + key → empty for a key a running import created; 8-byte BE share for a count it added to (turnaround fine keys, stack passes); "queue_by_credential" + 0x00 + credential → empty for a credential's queue it created, + 0x00 + key for an entry in one

	// A step of the upgrade that changes stored attempts
	// (migrate_chunks.go), while it is under way: not in bucketNames.
	bucketUpgradeDone = "upgrade_done" // attemptKey → empty for each attempt the step has changed
)

// bucketNames lists every top-level bucket, the const block above in its
// order: Open creates them in a fresh store, Check requires them. A new
// bucket is appended here and created by its migration step (migrate.go).
func bucketNames() []string {
	return []string{
		bucketMeta, bucketRubrics, bucketApplications, bucketPseudonyms,
		bucketVault, bucketAttempts, bucketDecisions, bucketHistory,
		bucketQueue, bucketQueueByCredential, bucketLeases, bucketDrafts,
		bucketReviewers, bucketSnippets,
		bucketAppFacts, bucketFirstSubmitted, bucketTallies,
		bucketTurnaroundHist, bucketTurnaroundFine,
		bucketConfig, bucketAudit, bucketLeakIndex,
		// Schema 2: created up front from here on.
		bucketIssuer, bucketRevocations, bucketStackPasses, bucketStackMembers, bucketBlobs,
		bucketCalibration, bucketSecondReview, bucketDisputes, bucketDoubleReviews,
		// Schema 3.
		bucketReleases,
		// Schema 4: redaction, flag work, review time.
		bucketSubmitted, bucketFlagActions, bucketActivity, bucketReviewTimes,
		// Schema 6: imports in chunks.
		bucketImportPending, bucketImportJournal,
	}
}

// Keys in bucketMeta. The schema is a decimal string so it can be read by
// eye with bbolt's CLI; counters are 8-byte big-endian unsigned integers.
const (
	keySchema       = "schema"
	keyApplications = "count.applications"
	keyAttempts     = "count.attempts"
	keyPending      = "count.pending"
	keyDecided      = "count.decided"
	// keyTurnaroundMinutes marks that bucketTurnaroundFine holds the minute
	// level of the turnaround index (median.go); Open builds it, once, in a
	// store written before it.
	keyTurnaroundMinutes = "index.turnaround_minutes"
	// keyTurnaroundExact marks that the turnaround index counts to the
	// nanosecond (schema 19, migrate_turnarounds.go); Open builds it
	// again from the decisions while it is missing.
	keyTurnaroundExact = "index.turnaround_ns"
)

// sep ends an id inside a composite key. Ids are [A-Za-z0-9._-] (docs/formats.md),
// so sep never occurs in one and a prefix ending in sep names exactly one id.
const sep = 0x00

// idPrefix is id + sep: the prefix of every attempt key of application id,
// and of every rubric key of credential id.
func idPrefix(id string) []byte {
	b := make([]byte, 0, len(id)+1)
	b = append(b, id...)
	return append(b, sep)
}

// attemptKey is application id + sep + 4-byte big-endian attempt number, so
// an application's attempts sort in number order.
func attemptKey(k review.AttemptKey) []byte {
	return appendAttemptKey(make([]byte, 0, len(k.Application)+5), k)
}

// appendAttemptKey appends attemptKey(k) to dst, for loops that reuse one
// buffer. The number must fit 4 bytes: what enters from outside is held to
// review.MaxAttempt (ParseLine, importFrom), and what is stored fits.
func appendAttemptKey(dst []byte, k review.AttemptKey) []byte {
	dst = append(append(dst, k.Application...), sep)
	return binary.BigEndian.AppendUint32(dst, uint32(k.Attempt))
}

// decodeAttemptKey reverses attemptKey, ignoring any bytes after it.
func decodeAttemptKey(b []byte) (review.AttemptKey, bool) {
	i := bytes.IndexByte(b, sep)
	if i < 1 || len(b) < i+5 {
		return review.AttemptKey{}, false
	}
	return review.AttemptKey{Application: string(b[:i]), Attempt: int(binary.BigEndian.Uint32(b[i+1:]))}, true
}

// queueKey is 8-byte big-endian submitted_at in Unix nanoseconds + attemptKey,
// so a cursor walks the queue oldest first (rule 5) and ties break by
// application and attempt.
func queueKey(submitted time.Time, k review.AttemptKey) []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(k.Application)+5), uint64(submitted.UnixNano()))
	return append(b, attemptKey(k)...)
}

// decodeQueueKey reverses queueKey.
func decodeQueueKey(b []byte) (time.Time, review.AttemptKey, bool) {
	if len(b) < 8 {
		return time.Time{}, review.AttemptKey{}, false
	}
	k, ok := decodeAttemptKey(b[8:])
	return time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(), k, ok
}

// queueTimeOK reports whether t fits a queueKey: UnixNano covers 1970–2262.
func queueTimeOK(t time.Time) bool {
	return !t.Before(time.Unix(0, 0)) && !t.After(time.Unix(0, math.MaxInt64))
}

// draftKey is attemptKey + reviewer id: one draft per reviewer per attempt,
// and the drafts of one attempt share the attemptKey prefix.
func draftKey(k review.AttemptKey, reviewer string) []byte {
	return appendDraftKey(make([]byte, 0, len(k.Application)+5+len(reviewer)), k, reviewer)
}

// appendDraftKey appends draftKey(k, reviewer) to dst.
func appendDraftKey(dst []byte, k review.AttemptKey, reviewer string) []byte {
	return append(appendAttemptKey(dst, k), reviewer...)
}

// historyKey is attemptKey + 8-byte big-endian sequence number of the history
// bucket, so an attempt's history reads in the order it was written.
func historyKey(k review.AttemptKey, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(attemptKey(k), seq)
}

// rubricKey is credential id + sep + 4-byte big-endian version, so the last
// key with prefix idPrefix(id) is the latest version.
func rubricKey(id string, version int) []byte {
	return binary.BigEndian.AppendUint32(idPrefix(id), uint32(version))
}

// rubricAfter is the smallest key above every rubricKey of id.
func rubricAfter(id string) []byte {
	return append([]byte(id), sep+1)
}

// counterValue encodes a counter for bucketMeta.
func counterValue(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// decodeCounter reverses counterValue; a missing counter is zero.
func decodeCounter(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// leaseValue is 8-byte big-endian expiry in Unix nanoseconds + reviewer id.
// Leases are read for every attempt a queue walk passes, so they skip JSON.
func leaseValue(reviewer string, expires time.Time) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(reviewer)), uint64(expires.UnixNano())), reviewer...)
}

// decodeLease reverses leaseValue.
func decodeLease(b []byte) (reviewer string, expires time.Time, ok bool) {
	if len(b) < 8 {
		return "", time.Time{}, false
	}
	return string(b[8:]), time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(), true
}

// A subject names what a running tally counts: one report group, one
// reviewer or one criterion of one credential. It is a kind byte followed by
// the group's key, so a subject is a whole key and needs no terminator:
// "o" (overall), "c"+credential, "s"+stack, "m"+"2024-02", "r"+reviewer, and
// "k"+credential+sep+criterion.
const (
	subjectOverall    = 'o'
	subjectCredential = 'c'
	subjectStack      = 's'
	subjectMonth      = 'm'
	subjectReviewer   = 'r'
	subjectCriterion  = 'k'
)

// groupKinds pairs each report group kind with its subject byte.
var groupKinds = [...]struct {
	kind review.GroupKind
	b    byte
}{
	{review.GroupCredential, subjectCredential},
	{review.GroupMonth, subjectMonth},
	{review.GroupOverall, subjectOverall},
	{review.GroupStack, subjectStack},
}

// groupSubject is the subject of a report group.
func groupSubject(g review.Group) []byte {
	for _, k := range groupKinds {
		if k.kind == g.Kind {
			return append([]byte{k.b}, g.Key...)
		}
	}
	panic("store: unknown report group kind " + string(g.Kind))
}

// reviewerSubject is the subject of a reviewer's decisions.
func reviewerSubject(id string) []byte { return append([]byte{subjectReviewer}, id...) }

// criterionSubject is the subject of one criterion of one credential.
func criterionSubject(k review.CriterionKey) []byte {
	return append(append([]byte{subjectCriterion}, idPrefix(k.Credential)...), k.Criterion...)
}

// decodeGroupSubject reverses groupSubject; ok is false for other subjects.
func decodeGroupSubject(b []byte) (review.Group, bool) {
	if len(b) == 0 {
		return review.Group{}, false
	}
	for _, k := range groupKinds {
		if k.b == b[0] {
			return review.Group{Kind: k.kind, Key: string(b[1:])}, true
		}
	}
	return review.Group{}, false
}

// decodeCriterionSubject reverses criterionSubject.
func decodeCriterionSubject(b []byte) (review.CriterionKey, bool) {
	i := bytes.IndexByte(b, sep)
	if len(b) == 0 || b[0] != subjectCriterion || i < 2 {
		return review.CriterionKey{}, false
	}
	return review.CriterionKey{Credential: string(b[1:i]), Criterion: string(b[i+1:])}, true
}

// Turnaround index resolution (median.go): coarse buckets are 0.1 day wide,
// 0 to 179.9 days, plus one overflow bucket for 180 days and more; negative
// turnarounds (a decision clock behind the submission) fall in bucket 0.
const (
	coarseWidth    = 8640 // seconds: 0.1 day
	overflowBucket = 1800 // 180 days / 0.1 day
)

// coarseBucket is the coarse bucket holding a turnaround of secs seconds.
// It never decreases as secs grows, so bucket order is turnaround order.
func coarseBucket(secs int64) uint16 {
	switch {
	case secs < 0:
		return 0
	case secs/coarseWidth >= overflowBucket:
		return overflowBucket
	}
	return uint16(secs / coarseWidth)
}

// fineKey is 2-byte BE subject length + subject + 2-byte BE coarse bucket +
// 8-byte BE whole turnaround seconds (rounded down) with the sign bit
// flipped + 4-byte BE nanoseconds past them (0 … 999,999,999), so the keys
// of one bucket sort by turnaround, negatives first. The length prefix
// keeps any subject from being a prefix of another's keys. ns is
// review.Turnaround.
func fineKey(subject []byte, ns int64) []byte {
	secs, rem := splitNanos(ns)
	return fineKeyAt(subject, secs, rem)
}

// fineKeyAt is the fineKey of a turnaround of secs seconds and rem
// nanoseconds.
func fineKeyAt(subject []byte, secs int64, rem uint32) []byte {
	k := binary.BigEndian.AppendUint64(finePrefix(subject, coarseBucket(secs)), uint64(secs)^(1<<63))
	return binary.BigEndian.AppendUint32(k, rem)
}

// splitNanos is a turnaround of ns nanoseconds as whole seconds, rounded
// down so that negatives keep their order, and the nanoseconds past them.
func splitNanos(ns int64) (secs int64, rem uint32) {
	secs, r := ns/int64(time.Second), ns%int64(time.Second)
	if r < 0 {
		secs, r = secs-1, r+int64(time.Second)
	}
	return secs, uint32(r)
}

// turnaroundSecs is ns in whole seconds, rounded down: the unit of the
// coarse buckets (coarseBucket) and the minute level (minuteOf).
func turnaroundSecs(ns int64) int64 {
	secs, _ := splitNanos(ns)
	return secs
}

// finePrefix is the prefix of every fineKey of one subject and bucket.
func finePrefix(subject []byte, bucket uint16) []byte {
	return binary.BigEndian.AppendUint16(subjectPrefix(subject), bucket)
}

// subjectPrefix is the prefix of every fineKey of one subject: its length
// first, so no other subject's keys share it.
func subjectPrefix(subject []byte) []byte {
	b := binary.BigEndian.AppendUint16(make([]byte, 0, 2+len(subject)+2+8+4), uint16(len(subject)))
	return append(b, subject...)
}

// decodeFineKey reverses fineKey, giving the turnaround in nanoseconds. A
// key without the nanoseconds, as schemas before 19 wrote them (whole
// seconds, truncated), reads as whole seconds: the migrations up to 19
// move and count such keys before step 19 builds the index again.
func decodeFineKey(b []byte) (subject []byte, bucket uint16, ns int64, ok bool) {
	if len(b) < 2 {
		return nil, 0, 0, false
	}
	n := int(binary.BigEndian.Uint16(b))
	var rem uint32
	switch len(b) {
	case 2 + n + 2 + 8:
	case 2 + n + 2 + 8 + 4:
		if rem = binary.BigEndian.Uint32(b[2+n+2+8:]); rem >= uint32(time.Second) {
			return nil, 0, 0, false
		}
	default:
		return nil, 0, 0, false
	}
	secs := int64(binary.BigEndian.Uint64(b[4+n:]) ^ (1 << 63))
	// secs·10⁹ may pass the int64 range by less than rem, wrapping, for a
	// turnaround near −292 years; the sum is exact all the same.
	return b[2 : 2+n], binary.BigEndian.Uint16(b[2+n:]), secs*int64(time.Second) + int64(rem), true
}

// firstSubmittedKey is 8-byte BE attempt 1 submitted_at in Unix nanoseconds
// + application id, so a date range of applications is one cursor range.
// Submission times are checked to fit (queueTimeOK) before anything is
// stored, so the unsigned order is the time order.
func firstSubmittedKey(first time.Time, application string) []byte {
	return append(binary.BigEndian.AppendUint64(make([]byte, 0, 8+len(application)), uint64(first.UnixNano())), application...)
}

// decodeFirstSubmittedKey reverses firstSubmittedKey.
func decodeFirstSubmittedKey(b []byte) (time.Time, string, bool) {
	if len(b) < 9 {
		return time.Time{}, "", false
	}
	return time.Unix(0, int64(binary.BigEndian.Uint64(b))).UTC(), string(b[8:]), true
}

// snippetPrefix is credential + sep + criterion + sep: the prefix of every
// snippet key of one criterion, so one cursor range is one criterion's bank.
func snippetPrefix(credential, criterion string) []byte {
	return append(idPrefix(credential), idPrefix(criterion)...)
}

// snippetKey is snippetPrefix + snippet id.
func snippetKey(credential, criterion, id string) []byte {
	return append(snippetPrefix(credential, criterion), id...)
}

// Keys in bucketConfig.
const (
	keyListedNames      = "leaks.listed"              // []string: school and district names the leak scan looks for
	keyFileLimits       = "files.limits"              // review.FileLimits: evidence file size limits (blobs.go)
	keyFlagsWorked      = "leaks.require_worked"      // bool: open flags hold an attempt back from reviewers (flags_policy.go)
	keyFairnessMinGroup = "report.fairness_min_group" // int: k, the fewest applications a fairness group shows (report_fairness.go)
	keyActiveFloor      = "report.active_floor"       // time.Duration (ns): decisions with less active time are flagged (activity.go)
)

// Keys in bucketIssuer and bucketStackMembers.
const (
	keyIssuerProfile = "profile"
	// keyBadgeSecret holds review.BadgeSecretSize random bytes from which
	// candidate keys, assertion ids and salts are derived (review/badge_ids.go).
	keyBadgeSecret = "secret"
	// keyStacksIndexed marks that the stack index covers every stored pass;
	// a store without it (new, or older than stacks) builds it on its next
	// write that touches stacks.
	keyStacksIndexed = "indexed"
)

// subjectStackCompleted is the tally subject "S"+stack: one varint, the
// number of candidates who completed the stack. Its byte is upper case, so
// it is no other subject's.
const subjectStackCompleted = 'S'

// stackCompletedSubject is the subject of a stack's completion count.
func stackCompletedSubject(stack string) []byte {
	return append([]byte{subjectStackCompleted}, stack...)
}

// stackPassKey is a candidate key (review.CandidateKey, sha256.Size bytes,
// never the email) + credential id, so one candidate's passes are one
// cursor range.
func stackPassKey(candidate []byte, credential string) []byte {
	return append(append(make([]byte, 0, len(candidate)+len(credential)), candidate...), credential...)
}

// credentialStackKey is "c" + credential: its value is the stack of the
// credential's latest rubric, absent when it has none.
func credentialStackKey(credential string) []byte { return append([]byte{'c'}, credential...) }

// stackMemberPrefix is "s" + 2-byte BE length + stack: the prefix of the
// keys of a stack's member credentials. The length keeps one stack's name
// from being the start of another's.
func stackMemberPrefix(stack string) []byte {
	return append(binary.BigEndian.AppendUint16([]byte{'s'}, uint16(len(stack))), stack...)
}

// stackMemberKey is stackMemberPrefix + credential id.
func stackMemberKey(stack, credential string) []byte {
	return append(stackMemberPrefix(stack), credential...)
}

// Keys in bucketConfig for review quality.
const (
	keyCalibrationPolicy = "calibration"   // review.CalibrationPolicy
	keySecondReviewRate  = "second_review" // secondReviewPolicy
)

// Kinds of key in bucketCalibration: a byte, then the rest.
const (
	calibrationExample  = 'e' // 'e' + attemptKey
	calibrationResponse = 'r' // 'r' + idPrefix(reviewer) + attemptKey
	calibrationDraft    = 'd' // 'd' + idPrefix(reviewer) + attemptKey
)

func calibrationExampleKey(k review.AttemptKey) []byte {
	return append([]byte{calibrationExample}, attemptKey(k)...)
}

// calibrationReviewerPrefix is kind + reviewer + sep: the prefix of one
// reviewer's responses (or drafts), so one cursor range is theirs.
func calibrationReviewerPrefix(kind byte, reviewer string) []byte {
	return append([]byte{kind}, idPrefix(reviewer)...)
}

func calibrationResponseKey(reviewer string, k review.AttemptKey) []byte {
	return append(calibrationReviewerPrefix(calibrationResponse, reviewer), attemptKey(k)...)
}

func calibrationDraftKey(reviewer string, k review.AttemptKey) []byte {
	return append(calibrationReviewerPrefix(calibrationDraft, reviewer), attemptKey(k)...)
}

// Subjects of reviewer agreement in bucketTallies (second_review.go); upper
// case, so they are no other subject's:
// "A"+reviewer → varints comparisons, agreed (review.AgreementTally), and
// "P"+reviewer+sep+own level+sep+other level → varint count: one cell of
// the reviewer's confusion matrix of criterion levels.
const (
	subjectAgreement = 'A'
	subjectLevelPair = 'P'
)

func agreementSubject(reviewer string) []byte {
	return append([]byte{subjectAgreement}, reviewer...)
}

func levelPairSubject(k review.PairKey) []byte {
	b := append(append([]byte{subjectLevelPair}, idPrefix(k.Reviewer)...), idPrefix(k.Own)...)
	return append(b, k.Other...)
}

// decodeLevelPairSubject reverses levelPairSubject.
func decodeLevelPairSubject(b []byte) (review.PairKey, bool) {
	if len(b) == 0 || b[0] != subjectLevelPair {
		return review.PairKey{}, false
	}
	parts := bytes.SplitN(b[1:], []byte{sep}, 3)
	if len(parts) != 3 || len(parts[0]) == 0 {
		return review.PairKey{}, false
	}
	return review.PairKey{Reviewer: string(parts[0]), LevelPair: review.LevelPair{Own: string(parts[1]), Other: string(parts[2])}}, true
}
