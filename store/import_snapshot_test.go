package store

import (
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"assessor/demo"
	"assessor/review"
)

// snapshotStore opens a store with a fixed clock and pseudonym source, the
// bundled rubrics, a fixed badge secret, a reviewer and one imported file,
// so that two stores built alike are byte for byte the same.
func snapshotStore(t *testing.T, rs []review.Rubric, now time.Time) *Store {
	t.Helper()
	s := rubricStore(t, rs, now)
	if _, err := s.Import("f1.jsonl", firstFile(rs, now)); err != nil {
		t.Fatal(err)
	}
	return s
}

// rubricStore is snapshotStore before its first file: rubrics, badge
// secret and a reviewer, no application.
func rubricStore(t *testing.T, rs []review.Rubric, now time.Time) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "s.db"), Options{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{9}),
		// Mapped ahead, so no commit needs bbolt to remap, which would
		// wait for the import's snapshot to end.
		MapSize: 64 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	for _, r := range rs {
		if _, err := s.AddRubric(r); err != nil {
			t.Fatal(err)
		}
	}
	fixBadgeSecret(t, s)
	if err := s.AddReviewer(review.Reviewer{ID: "rev-x"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func firstFile(rs []review.Rubric, now time.Time) []review.Record {
	return demo.Records(rs, demo.Options{Seed: 3, Applications: 150, Now: now, Reviewers: 20})
}

// sharedCandidate picks a pending attempt of the first file and returns
// it with second plus a new application of the same candidate (by e-mail)
// in the same credential, passed: a reviewer's pass of the attempt and the
// file's pass then meet in the candidate's stack pass count.
func sharedCandidate(t *testing.T, s *Store, rs []review.Rubric, first, second []review.Record) (review.AttemptKey, []review.Record) {
	t.Helper()
	q, err := s.Queue("", "", 0)
	if err != nil || len(q) == 0 {
		t.Fatalf("queue: %v, %v", q, err)
	}
	k := review.AttemptKey{Application: q[0].Application, Attempt: q[0].Attempt}
	var sub review.Submission
	for _, r := range first {
		if r.Submission != nil && r.Submission.Application == k.Application && r.Submission.Candidate != nil {
			sub = *r.Submission
		}
	}
	if sub.Candidate == nil {
		t.Fatalf("no candidate for %s in the first file", k)
	}
	var levels map[string]string
	for _, r := range rs {
		if r.ID == sub.Credential {
			levels = passing(r)
		}
	}
	sub.Application, sub.Attempt = "A-SHARED", 1
	d := review.Decision{Application: sub.Application, Attempt: 1, Reviewer: "rev-z",
		DecidedAt: sub.SubmittedAt.Add(time.Hour), Outcome: review.Pass, Levels: levels}
	out := append(append([]review.Record(nil), second...),
		review.Record{Line: 1 << 20, Submission: &sub}, review.Record{Line: 1<<20 + 1, Decision: &d})
	return k, out
}

// withApplyHook sets importApplyHook for the rest of the test.
func withApplyHook(t *testing.T, hook func()) {
	t.Helper()
	importApplyHook = hook
	t.Cleanup(func() { importApplyHook = nil })
}

// decideDuring runs decide on another goroutine while the import waits
// at the end of its compute, and fails the test unless it commits
// meanwhile: the import must not hold the writer's lock.
func decideDuring(t *testing.T, decide func() error) func() {
	return func() {
		done := make(chan error, 1)
		go func() { done <- decide() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("decision during the import: %v", err)
			}
		case <-time.After(time.Minute):
			t.Errorf("the decision waited for the import")
		}
	}
}

// TestDecisionDuringImport: a reviewer's claim, draft and decision (a pass
// of a candidate the file passes too) commit while an import is between
// its compute and its apply, and the store ends
// as if the decision had come first and the file after it, byte for byte
// (history sequence numbers, tallies, queue and all), with no fallback to
// the import inside the write transaction.
func TestDecisionDuringImport(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	second := demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150})
	build := func(concurrent bool) string {
		s := decideAndImport(t, rs, now, second, func(decide func() error) {
			if concurrent {
				withApplyHook(t, decideDuring(t, decide))
			} else if err := decide(); err != nil {
				t.Fatal(err)
			}
		})
		return dumpStore(t, s.db)
	}
	sameStores(t, "decided, then imported", build(false), "decided during the import", build(true))
	// The snapshot ended before the apply took the writer's lock, as when
	// a commit that grows bbolt's map waits for it: writeGens instead.
	defer func(was time.Duration) { snapshotLockWait = was }(snapshotLockWait)
	snapshotLockWait = 0
	sameStores(t, "decided, then imported", build(false), "decided during the import, snapshot ended early", build(true))
}

// TestImportConflictFallsBack: the file decides the very attempt a
// reviewer decides during the import. The apply sees the conflict and the
// import runs again inside the write transaction, so the outcome is that
// of the decision first and the file after it.
func TestImportConflictFallsBack(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	second := demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150})
	build := func(concurrent bool) (string, string) {
		s := snapshotStore(t, rs, now)
		as, err := s.Next("rev-x", "")
		if err != nil {
			t.Fatal(err)
		}
		k := as.Attempt.Key()
		recs := append(append([]review.Record(nil), second...), review.Record{Line: 1 << 20, Decision: &review.Decision{
			Application: k.Application, Attempt: k.Attempt, Reviewer: "rev-z", DecidedAt: now,
			Outcome: review.Pass, Levels: passing(as.Rubric),
		}})
		decide := func() error { _, err := s.Decide("rev-x", k, passing(as.Rubric), nil); return err }
		fallbacks := snapshotFallbacks.Load()
		if concurrent {
			withApplyHook(t, decideDuring(t, decide))
		} else if err := decide(); err != nil {
			t.Fatal(err)
		}
		_, err = s.Import("f2.jsonl", recs)
		importApplyHook = nil
		if n := snapshotFallbacks.Load() - fallbacks; concurrent && n != 1 {
			t.Errorf("%d fallbacks, want 1", n)
		}
		return dumpStore(t, s.db), errString(err)
	}
	seqStore, seqErr := build(false)
	conStore, conErr := build(true)
	sameRefusal(t, "during the import", seqStore, seqErr, conStore, conErr)
}

// decideAndImport builds snapshotStore's store and claims, as rev-x, a
// pending attempt of a candidate the file second passes too
// (sharedCandidate); arrange runs decide (a claim by rev-y, a draft and
// rev-x's pass of that attempt) before the import or during it. Then it
// imports second and checks the outcome (importAfterDecision).
func decideAndImport(t *testing.T, rs []review.Rubric, now time.Time, second []review.Record, arrange func(decide func() error)) *Store {
	t.Helper()
	s := snapshotStore(t, rs, now)
	shared, second := sharedCandidate(t, s, rs, firstFile(rs, now), second)
	as, err := s.Claim("rev-x", shared)
	if err != nil {
		t.Fatal(err)
	}
	k := as.Attempt.Key()
	decide := func() error {
		// A second claim and a draft too, on the next attempt.
		if _, err := s.Next("rev-y", ""); err != nil && !strings.Contains(err.Error(), "unknown") {
			return err
		}
		if err := s.SaveDraft("rev-x", k, review.Draft{Levels: passing(as.Rubric)}); err != nil {
			return err
		}
		_, err := s.Decide("rev-x", k, passing(as.Rubric), nil)
		return err
	}
	fallbacks := snapshotFallbacks.Load()
	arrange(decide)
	importAfterDecision(t, s, second, k, fallbacks)
	return s
}

// importAfterDecision imports recs into s, in which rev-x decided k
// before or during the import, and checks that something was imported,
// nothing fell back or started over since fallbacks, the decision of k
// is rev-x's, and check is clean.
func importAfterDecision(t *testing.T, s *Store, recs []review.Record, k review.AttemptKey, fallbacks int64) {
	t.Helper()
	st, err := s.Import("f2.jsonl", recs)
	if err != nil {
		t.Fatal(err)
	}
	importApplyHook = nil
	if st.Submissions == 0 || st.Decisions == 0 {
		t.Fatalf("imported %+v", st)
	}
	if n := snapshotFallbacks.Load() - fallbacks; n != 0 {
		t.Errorf("%d imports fell back or started over (%s)", n, lastFallback)
	}
	decidedBy(t, s, k, "rev-x")
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// decidedBy fails unless the decision of record of k is reviewer's.
func decidedBy(t *testing.T, s *Store, k review.AttemptKey, reviewer string) {
	t.Helper()
	if d, ok, err := s.Decision(k); err != nil || !ok || d.Reviewer != reviewer {
		t.Fatalf("decision of %s: %+v %v %v", k, d, ok, err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestImportSnapshotBadLineLeavesNothing: a bad line fails the import
// before its apply: the hook is never reached and the store is unchanged.
func TestImportSnapshotBadLineLeavesNothing(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	s := snapshotStore(t, rs, now)
	before := dumpStore(t, s.db)
	recs := demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150})
	bad := *recs[len(recs)-1].Submission
	if recs[len(recs)-1].Submission == nil {
		t.Fatal("the file should end with a submission")
	}
	bad.Credential = "no-such-credential"
	recs = append(recs, review.Record{Line: 99999, Submission: &bad})
	withApplyHook(t, func() { t.Error("a failed file reached its apply") })
	_, err := s.Import("bad.jsonl", recs)
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:99999") {
		t.Fatalf("err = %v, want one naming bad.jsonl:99999", err)
	}
	sameStores(t, "before", before, "after the failed import", dumpStore(t, s.db))
}

// TestImportSnapshotMatchesLocked: the same files imported through the
// snapshot and inside the write transaction leave the same bytes.
func TestImportSnapshotMatchesLocked(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	second := demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150})
	build := func(snap bool) string {
		defer func(was bool) { snapshotImports = was }(snapshotImports)
		snapshotImports = snap
		fallbacks := snapshotFallbacks.Load()
		s := snapshotStore(t, rs, now)
		if _, err := s.Import("f2.jsonl", second); err != nil {
			t.Fatal(err)
		}
		if n := snapshotFallbacks.Load() - fallbacks; n != 0 {
			t.Errorf("%d imports fell back (%s)", n, lastFallback)
		}
		return dumpStore(t, s.db)
	}
	sameStores(t, "in the write transaction", build(false), "through the snapshot", build(true))
}

// sameStores fails at the first line where two dumpStore outputs differ.
func sameStores(t *testing.T, an, a, bn, b string) {
	t.Helper()
	if a == b {
		return
	}
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			t.Fatalf("stores differ at line %d:\n%s: %.300s\n%s: %.300s", i, an, al[i][max(0, firstDiff(al[i], bl[i])-100):], bn, bl[i][max(0, firstDiff(al[i], bl[i])-100):])
		}
	}
	t.Fatalf("stores differ in length: %s %d lines, %s %d", an, len(al), bn, len(bl))
}

// TestImportWindowWriteFallsBack: when the snapshot ends before the apply
// takes the writer's lock, a commit in between that writes a bucket the
// import read without key-level record (the rubrics) is seen through
// writeGens, and the import runs again in the write transaction.
func TestImportWindowWriteFallsBack(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	s := snapshotStore(t, rs, now)
	second := demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150})
	defer func(was time.Duration) { snapshotLockWait = was }(snapshotLockWait)
	snapshotLockWait = 0
	importWindowHook = func() {
		if _, err := s.AddRubric(testRubric("window-cred", 1, 3)); err != nil {
			t.Error(err)
		}
	}
	t.Cleanup(func() { importWindowHook = nil })
	fallbacks := snapshotFallbacks.Load()
	st, err := s.Import("f2.jsonl", second)
	if err != nil {
		t.Fatal(err)
	}
	// Adding a rubric writes the rubrics and the stack index.
	if n := snapshotFallbacks.Load() - fallbacks; n != 1 || !strings.Contains(lastFallback, "bucket ") {
		t.Errorf("%d fallbacks (%s), want 1 for a bucket read whole", n, lastFallback)
	}
	if st.Submissions == 0 {
		t.Fatalf("imported %+v", st)
	}
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// TestImportFilesThroughSnapshot: evidence files (blobs, file leaks) are
// staged like the rest, so an import with files needs no fallback either.
func TestImportFilesThroughSnapshot(t *testing.T) {
	f := newFixture(t)
	fallbacks := snapshotFallbacks.Load()
	src := Files{"plan.pdf": []byte("%PDF-not-really"), "notes.txt": []byte("Write to jo@example.org")}
	st, err := f.importFiles(src,
		withFiles("A-1", 1, "2024-02-01T10:00:00Z", "plan.pdf", "notes.txt"),
		withFiles("A-2", 1, "2024-02-02T10:00:00Z", "plan.pdf"))
	if err != nil || st.Submissions != 2 {
		t.Fatalf("import: %+v, %v", st, err)
	}
	if n := snapshotFallbacks.Load() - fallbacks; n != 0 {
		t.Errorf("%d fallbacks (%s)", n, lastFallback)
	}
	if n := blobCount(t, f); n != 2 {
		t.Errorf("%d blobs, want 2", n)
	}
	flagged, err := f.Flagged()
	if err != nil || len(flagged) != 1 {
		t.Errorf("flagged %+v, %v: want A-1 for the e-mail in its file", flagged, err)
	}
	if problems, err := f.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// firstDiff is the first byte where a and b differ.
func firstDiff(a, b string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// sameRefusal checks that a file deciding an attempt a reviewer decided is
// refused alike whether the reviewer decided first or while the import
// ran (when), and leaves the same store.
func sameRefusal(t *testing.T, when, seqStore, seqErr, conStore, conErr string) {
	t.Helper()
	if !strings.Contains(seqErr, "decided") {
		t.Errorf("the file's decision of an attempt decided before it: %q, want it refused", seqErr)
	}
	if seqErr != conErr {
		t.Errorf("import error: decided first %q, %s %q", seqErr, when, conErr)
	}
	sameStores(t, "decided, then imported", seqStore, "decided "+when, conStore)
}
