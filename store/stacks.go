package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"assessor/review"
)

// Stack completion (report by_stack "stacks_completed") is kept like the
// other running tallies: updated in the transaction of the event, never by
// scanning. Two store-private indexes serve it:
//
//   - bucketStackPasses counts, per candidate and credential, the
//     candidate's passed applications. The candidate is named by
//     review.CandidateKey, a keyed hash of the normalized vault email, so
//     the index holds no identity.
//   - bucketStackMembers gives each credential's latest stack and each
//     stack's credentials, so a pass finds what else the stack needs
//     without decoding rubrics.
//
// A pass that makes a candidate hold every member of a stack adds one to
// the stack's subjectStackCompleted tally; taking the pass back (an amended
// decision, or a lead revoking its credential badge) subtracts it, and a
// revoked pass is not counted again. A rubric version that moves a credential between
// stacks recounts the stacks concerned from the index. Membership follows
// the latest rubric, as review.Recompute does, so Check can compare both.

// stackDecided counts (sign +1) or takes back (−1) decision d on attempt a
// in the stack index: a no-op unless d passes. Call it after the decision
// of record and the application's LastOutcome are written.
func (t *txn) stackDecided(a review.Attempt, d review.Decision, sign int) error {
	if d.Outcome != review.Pass {
		return nil
	}
	return t.stackPassed(a.Application, a.Credential, sign)
}

// stackPassed counts (sign +1) or takes back (−1) one passed application of
// credential in the stack index and the stack completion tallies. An
// application with no email on record counts nothing: its candidate cannot
// be told apart from others; nor one whose credential badge a lead
// revoked: Revoke took its pass out (revokePass), and an amendment or a
// later attempt must not move it again. Call it after the application's
// new state is written: the first call on a store without the index
// builds the index from what is stored, and then counts nothing more.
func (t *txn) stackPassed(application, credential string, sign int) error {
	members, built, err := t.stackMembers()
	if err != nil || built {
		return err
	}
	cand, ok, err := t.candidateKey(application, true)
	if err != nil || !ok {
		return err
	}
	secret, err := t.badgeSecret(false)
	if err != nil {
		return err
	}
	if revoked, err := t.passRevoked(secret, application); err != nil || revoked {
		return err
	}
	k := stackPassKey(cand, credential)
	if t.snap != nil { // an import's snapshot: a delta, completions at apply
		t.snap.passes = append(t.snap.passes, stackPassDelta{cand: cand, credential: credential, sign: sign})
		return nil
	}
	n := int64(decodeCounter(t.getRaw(bucketStackPasses, k))) + int64(sign)
	if n < 0 {
		return fmt.Errorf("%w (stack index lacks a pass of application %s being taken back)", ErrCorrupt, application)
	}
	if err := t.putOrDeleteRaw(bucketStackPasses, k, n == 0, counterValue(uint64(n))); err != nil {
		return err
	}
	stack := string(members.Get(credentialStackKey(credential)))
	d := completionChange(members, stack, cand, credential, n, sign, func(k []byte) bool { return t.getRaw(bucketStackPasses, k) != nil })
	if t.filter != nil && stack != "" { // an import in chunks runs (import_journal.go)
		if err := t.stackShareFix(members, stack, cand, credential, sign, d); err != nil {
			return err
		}
	}
	if d == 0 {
		return nil
	}
	return t.addStackCompleted(stack, d)
}

// completionChange is what a pass (sign +1) or one taken back (−1), which
// made cand's count of credential n, changes of cand's completion of stack
// ("" for none): sign when the count crossed zero and the candidate holds
// (has) every other member, else 0.
func completionChange(members *bucket, stack string, cand []byte, credential string, n int64, sign int, has func(k []byte) bool) int64 {
	if stack == "" || (n > 0) == (n-int64(sign) > 0) {
		return 0 // a second pass of one credential, or one of two taken back
	}
	c := members.Cursor()
	prefix := stackMemberPrefix(stack)
	for mk, _ := c.Seek(prefix); mk != nil && bytes.HasPrefix(mk, prefix); mk, _ = c.Next() {
		if other := string(mk[len(prefix):]); other != credential && !has(stackPassKey(cand, other)) {
			return 0
		}
	}
	return int64(sign)
}

// revokePass takes the pass of application out of the stack index, as the
// badge set leaves a revoked pass out of every stack (badges.go). Revoke
// calls it before it writes the revocation, after which stackPassed
// counts nothing of that pass. An application not passed now (amended
// away since the lead listed its badge) has no pass to take out.
func (t *txn) revokePass(application string) error {
	app, ok, err := t.application(application)
	if err != nil || !ok || app.LastOutcome != review.Pass {
		return err
	}
	// Built here, not inside stackPassed, the index holds the pass to take
	// out: a build then returns counting nothing.
	if _, _, err := t.stackMembers(); err != nil {
		return err
	}
	return t.stackPassed(app.ID, app.Credential, -1)
}

// passRevoked reports whether a lead revoked the credential badge of
// application (secret is the badge secret; nil when there is none, and so
// no badge): the first of its chain, or one issued after those published
// revoked (badges_credential.go). Through getRaw, an import's snapshot
// keeps the reads.
func (t *txn) passRevoked(secret []byte, application string) (bool, error) {
	if secret == nil {
		return false, nil
	}
	_, id, err := t.credentialChain(secret, application)
	return err == nil && t.getRaw(bucketRevocations, []byte(id)) != nil, err
}

// rubricAdded updates stack membership after rubric r was stored: when r
// is its credential's latest version and names another stack than before,
// both stacks are recounted from the index.
func (t *txn) rubricAdded(r review.Rubric) error {
	passes, members, built, err := t.stackIndex()
	if err != nil || built {
		return err
	}
	latest, err := t.rubric(r.ID, 0)
	if err != nil || latest.Version != r.Version {
		return err // an older version moves nothing
	}
	old := string(members.Get(credentialStackKey(r.ID)))
	if old == r.Stack {
		return nil
	}
	if err := setMembership(members, r.ID, old, r.Stack); err != nil {
		return err
	}
	for _, s := range []string{old, r.Stack} {
		if err := t.recountStack(passes, members, s); err != nil {
			return err
		}
	}
	return nil
}

// setMembership moves credential from stack old to stack new ("" is none).
func setMembership(members *bucket, credential, old, new string) error {
	if old != "" {
		if err := members.Delete(stackMemberKey(old, credential)); err != nil {
			return err
		}
	}
	if new == "" {
		return members.Delete(credentialStackKey(credential))
	}
	if err := members.Put(credentialStackKey(credential), []byte(new)); err != nil {
		return err
	}
	return members.Put(stackMemberKey(new, credential), nil)
}

// recountStack sets a stack's completion tally from the index: the
// candidates holding a pass in every member credential. It reads the whole
// index, so only rubric changes and the first build call it.
func (t *txn) recountStack(passes, members *bucket, stack string) error {
	if stack == "" {
		return nil
	}
	need := map[string]bool{}
	c := members.Cursor()
	prefix := stackMemberPrefix(stack)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		need[string(k[len(prefix):])] = true
	}
	held := map[string]int{}
	var done int64
	err := passes.ForEach(func(k, _ []byte) error {
		if len(k) > sha256.Size && need[string(k[sha256.Size:])] {
			cand := string(k[:sha256.Size])
			if held[cand]++; held[cand] == len(need) {
				done++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	tb := t.bucket(bucketTallies)
	return putOrDelete(tb, stackCompletedSubject(stack), done == 0, tallyValue(done))
}

// addStackCompleted adds delta to a stack's completion tally, deleting it
// at zero as a recomputation would have none.
func (t *txn) addStackCompleted(stack string, delta int64) error {
	if t.snap != nil { // an import's snapshot: added at apply
		t.snap.stackDone[stack] += delta
		return nil
	}
	tb := t.bucket(bucketTallies)
	subject := stackCompletedSubject(stack)
	n, err := readTally(tb.Get(subject), subject, decodeStackCompleted)
	if err != nil {
		return err
	}
	if n += delta; n < 0 {
		return fmt.Errorf("%w (completion tally of stack %q falls below zero)", ErrCorrupt, stack)
	}
	return putOrDelete(tb, subject, n == 0, tallyValue(n))
}

// decodeStackCompleted reverses the tallyValue of a completion tally.
func decodeStackCompleted(b []byte) (n int64, ok bool) { return n, decodeTally(b, &n) }

// stackIndex returns the stack index buckets of a write transaction. On a
// store that has none yet (new, or written before stacks were counted) it
// first builds them from the stored rubrics, passed applications and vault,
// and reports built: the index then already reflects everything stored,
// so the caller must not count its own change again.
func (t *txn) stackIndex() (passes, members *bucket, built bool, err error) {
	passes, members = t.bucket(bucketStackPasses), t.bucket(bucketStackMembers)
	if members != nil && members.Get([]byte(keyStacksIndexed)) != nil {
		return passes, members, false, nil
	}
	for _, name := range []string{bucketStackPasses, bucketStackMembers} {
		if t.bucket(name) != nil {
			if err := t.deleteBucket(name); err != nil {
				return nil, nil, false, err
			}
		}
	}
	if passes, err = t.createBucket(bucketStackPasses); err != nil {
		return nil, nil, false, err
	}
	if members, err = t.createBucket(bucketStackMembers); err != nil {
		return nil, nil, false, err
	}
	return passes, members, true, t.buildStackIndex(passes, members)
}

// stackMembers is stackIndex without the passes bucket, for stackPassed,
// which reads and writes passes through the transaction (staged during an
// import, import_stage.go).
func (t *txn) stackMembers() (members *bucket, built bool, err error) {
	if m := t.bucket(bucketStackMembers); m != nil && m.Get([]byte(keyStacksIndexed)) != nil {
		return m, false, nil
	}
	_, members, built, err = t.stackIndex()
	return members, built, err
}

// buildStackIndex fills empty index buckets from the store and sets every
// stack's completion tally. An application has passed iff its last
// outcome is pass: a pass ends it (rule 4), and amendments keep it so. A
// pass whose badge a lead revoked is left out, as stackPassed leaves it.
func (t *txn) buildStackIndex(passes, members *bucket) error {
	creds, err := t.credentials()
	if err != nil {
		return err
	}
	stacks := map[string]bool{}
	for _, r := range creds {
		if err := setMembership(members, r.ID, "", r.Stack); err != nil {
			return err
		}
		stacks[r.Stack] = true
	}
	secret, err := t.badgeSecret(true)
	if err != nil {
		return err
	}
	err = t.eachApplication(func(app review.Application) error {
		if app.LastOutcome != review.Pass {
			return nil
		}
		if revoked, err := t.passRevoked(secret, app.ID); err != nil || revoked {
			return err
		}
		c, ok, err := t.candidate(app.ID)
		if err != nil || !ok || review.NormalizeEmail(c.Email) == "" {
			return err
		}
		pk := stackPassKey(review.CandidateKey(secret, c.Email), app.Credential)
		return passes.Put(pk, counterValue(decodeCounter(passes.Get(pk))+1))
	})
	if err != nil {
		return err
	}
	// Old completion tallies (from before a rebuild) are dropped first.
	tc := t.bucket(bucketTallies).Cursor()
	for k, _ := tc.Seek([]byte{subjectStackCompleted}); k != nil && k[0] == subjectStackCompleted; k, _ = tc.Seek([]byte{subjectStackCompleted}) {
		if err := tc.Delete(); err != nil {
			return err
		}
	}
	for s := range stacks {
		if err := t.recountStack(passes, members, s); err != nil {
			return err
		}
	}
	return members.Put([]byte(keyStacksIndexed), []byte{1})
}

// candidateKey is the stack index key of the candidate behind an
// application, from the normalized vault email; ok is false when no email
// is on record. create lets a write transaction make the badge secret on
// first use; without a secret (a read of a store that never had one) the
// key is still consistent within the transaction, which is all a
// recomputation needs.
func (t *txn) candidateKey(application string, create bool) ([]byte, bool, error) {
	c, ok, err := t.candidate(application)
	if err != nil || !ok || review.NormalizeEmail(c.Email) == "" {
		return nil, false, err
	}
	secret, err := t.badgeSecret(create)
	if err != nil {
		return nil, false, err
	}
	return review.CandidateKey(secret, c.Email), true, nil
}

// candidateHex is candidateKey in hex for review.History.Candidate: "" when
// no email is on record.
func (t *txn) candidateHex(application string) (string, error) {
	k, ok, err := t.candidateKey(application, false)
	if err != nil || !ok {
		return "", err
	}
	return hex.EncodeToString(k), nil
}

// badgeSecret returns the store's badge secret, creating it when missing
// and create is set (write transactions only); nil when missing otherwise.
func (t *txn) badgeSecret(create bool) ([]byte, error) {
	if b := t.bucket(bucketIssuer); b != nil {
		if v := b.Get([]byte(keyBadgeSecret)); len(v) == review.BadgeSecretSize {
			return bytes.Clone(v), nil
		}
	}
	if !create {
		return nil, nil
	}
	secret := make([]byte, review.BadgeSecretSize)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("badge secret: %w", err)
	}
	b, err := t.createBucket(bucketIssuer)
	if err != nil {
		return nil, err
	}
	return secret, b.Put([]byte(keyBadgeSecret), secret)
}

// stackCompletedTally reads one completion tally entry for storedTallies.
func stackCompletedTally(ts review.Tallies, k, v []byte) bool {
	n, ok := decodeStackCompleted(v)
	if ok {
		ts.StacksCompleted[string(k[1:])] = n
	}
	return ok
}
