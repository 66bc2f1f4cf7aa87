package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/demo"
	"assessor/review"
)

// withChunks makes every import of more than lines records go in chunks
// of lines, and runs hook after each chunk commit, for the rest of the test.
func withChunks(t *testing.T, lines int, hook func(n int) error) {
	t.Helper()
	was := chunkLines
	chunkLines, chunkHook = lines, hook
	t.Cleanup(func() { chunkLines, chunkHook = was, nil })
}

// secondFile is a file of new applications for snapshotStore's store.
func secondFile(rs []review.Rubric, now time.Time) []review.Record {
	return demo.Records(rs, demo.Options{Seed: 4, Applications: 150, Now: now, Reviewers: 20, IDOffset: 150})
}

// viewDump is what another transaction sees of every bucket, through the
// store's own bucket access (filtered while an import runs): each key and
// value by cursor, each value read again by Get, without sequences (a
// chunk draws history's for real).
func viewDump(t *testing.T, s *Store) string {
	t.Helper()
	var out string
	if err := s.view(func(tx *txn) error { out = txnDump(t, tx); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// txnDump is viewDump in the transaction tx.
func txnDump(t *testing.T, tx *txn) string {
	t.Helper()
	var out strings.Builder
	var walk func(path string, b *bucket) error
	walk = func(path string, b *bucket) error {
		fmt.Fprintf(&out, "bucket %s\n", path)
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil {
				if nb := b.Bucket(k); nb != nil {
					if err := walk(path+"/"+string(k), nb); err != nil {
						return err
					}
					continue
				}
			}
			if got := b.Get(k); !bytes.Equal(got, v) {
				return fmt.Errorf("%s %q: Get %q, cursor %q", path, k, got, v)
			}
			fmt.Fprintf(&out, "%q=%q\n", k, v)
		}
		n := 0
		_ = b.ForEach(func(k, v []byte) error { n++; return nil })
		fmt.Fprintf(&out, "(%d by ForEach)\n", n)
		return nil
	}
	for _, name := range bucketNames() {
		if name == bucketImportPending || name == bucketImportJournal {
			continue
		}
		if b := tx.rawBucket(name); b != nil {
			if err := walk(name, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out.String()
}

// journaled lists the journal's entries as bucket and key, raw.
func journaled(t *testing.T, db *bolt.DB) (out [][2][]byte) {
	t.Helper()
	err := db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketImportJournal)).ForEach(func(k, _ []byte) error {
			i := bytes.IndexByte(k, 0)
			out = append(out, [2][]byte{bytes.Clone(k[:i]), bytes.Clone(k[i+1:])})
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// journalTarget is the bucket of tx and the key a journal entry names;
// queue is true when the key is a credential's queue (nested bucket) the
// import created.
func journalTarget(tx *txn, bk [2][]byte) (b *bucket, key []byte, queue bool) {
	b, key = tx.rawBucket(string(bk[0])), bk[1]
	if string(bk[0]) != bucketQueueByCredential {
		return b, key, false
	}
	cred, rest, entry := bytes.Cut(key, []byte{0})
	if !entry {
		return b, key, true
	}
	return b.child(b.b.Bucket(cred), cred), rest, false
}

// storeFigures is what the lead's report says of the whole store.
func storeFigures(t *testing.T, s *Store) string {
	t.Helper()
	r, err := s.Report(time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Counts()
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal([]any{r, c})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// decideAtChunk makes imports go in chunks of 60 records and runs decide
// once: when concurrent, from another goroutine after chunk n committed
// (the decision must commit while the import waits); otherwise now.
func decideAtChunk(t *testing.T, n int, concurrent bool, decide func() error) {
	t.Helper()
	if !concurrent {
		if err := decide(); err != nil {
			t.Fatal(err)
		}
		withChunks(t, 60, nil)
		return
	}
	once := false
	withChunks(t, 60, func(at int) error {
		if at == n && !once {
			once = true
			decideDuring(t, decide)()
		}
		return nil
	})
}

// TestImportChunksHidden: while an import is between its chunks, another
// transaction sees nothing of it: every bucket by cursor, ForEach and Get
// as before the import, each key the chunks stored missing to Get and to
// a cursor's Seek, the report's figures unchanged, check clean; a read
// transaction begun then and first used after the import ended still sees
// none of it. After its final commit everything is there, as one commit
// would have left it. It runs on a store with applications, and on one
// with none, where the import creates each credential's queue.
func TestImportChunksHidden(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	t.Run("second file", func(t *testing.T) { importChunksHidden(t, rs, now, snapshotStore) })
	t.Run("first file", func(t *testing.T) { importChunksHidden(t, rs, now, rubricStore) })
}

func importChunksHidden(t *testing.T, rs []review.Rubric, now time.Time, build func(*testing.T, []review.Rubric, time.Time) *Store) {
	oneCommit := func() string {
		s := build(t, rs, now)
		if _, err := s.Import("f2.jsonl", secondFile(rs, now)); err != nil {
			t.Fatal(err)
		}
		return dumpStore(t, s.db)
	}()
	s := build(t, rs, now)
	before, figures := viewDump(t, s), storeFigures(t, s)
	chunks := 0
	everJournaled := map[string]bool{}
	var early *bolt.Tx // begun during the import, first used after it
	withChunks(t, 60, func(n int) error {
		chunks = n
		if n == 1 {
			var err error
			if early, err = s.db.Begin(false); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = early.Rollback() }) // before the store closes

		}
		if got := viewDump(t, s); got != before {
			sameStores(t, "before the import", before, fmt.Sprintf("after chunk %d", n), got)
		}
		if got := storeFigures(t, s); got != figures {
			t.Errorf("after chunk %d the figures moved:\n%s\nwas\n%s", n, got, figures)
		}
		if problems, err := s.Check(); err != nil || len(problems) > 0 {
			t.Errorf("check after chunk %d: %v %v", n, problems, err)
		}
		keys := journaled(t, s.db)
		if len(keys) == 0 {
			t.Fatalf("chunk %d journaled nothing", n)
		}
		buckets := map[string]bool{}
		err := s.view(func(tx *txn) error {
			for _, bk := range keys {
				buckets[string(bk[0])] = true
				b, key, queue := journalTarget(tx, bk)
				switch {
				case queue: // a credential's queue the import created
					if b.b.Bucket(key) == nil {
						return fmt.Errorf("journaled queue %q is not stored", key)
					}
					if b.Bucket(key) != nil {
						return fmt.Errorf("queue %q visible", key)
					}
					continue
				case b.b.Get(key) == nil:
					return fmt.Errorf("journaled %s %q is not stored", b.name, key)
				}
				jk := journalKey(b.jname, key)
				jv, _ := unseal(jk, tx.tx.Bucket([]byte(bucketImportJournal)).Get(jk))
				if len(jv) > 0 { // a share: seen without it
					raw, _ := unseal(key, b.b.Get(key))
					want, ok := withShare(b.jname, key, raw, jv, -1)
					if got := b.Get(key); !ok || !bytes.Equal(got, want) {
						return fmt.Errorf("%s %q with the import's share: Get %q, want %q", b.name, key, got, want)
					}
					continue
				}
				if b.Get(key) != nil {
					return fmt.Errorf("%s %q visible to Get", b.name, key)
				}
				if k, _ := b.Cursor().Seek(key); bytes.Equal(k, key) {
					return fmt.Errorf("%s %q visible to a cursor", b.name, key)
				}
			}
			return nil
		})
		for name := range buckets {
			everJournaled[name] = true
		}
		if err != nil {
			t.Error(err)
		}
		for _, name := range []string{bucketApplications, bucketAttempts, bucketVault, bucketHistory, bucketDecisions} {
			if !buckets[name] {
				t.Errorf("chunk %d journaled nothing in %s", n, name)
			}
		}
		return nil
	})
	dropBatch = 7 // the journal emptied in several commits
	t.Cleanup(func() { dropBatch = 200_000 })
	if _, err := s.Import("f2.jsonl", secondFile(rs, now)); err != nil {
		t.Fatal(err)
	}
	if chunks < 3 {
		t.Fatalf("%d chunks, want several", chunks)
	}
	// Queue entries and stack pass counts go in the chunks too, hidden;
	// and the keys of the sweeps (import_sweep.go) in their parts' commits.
	for _, name := range []string{bucketQueue, bucketQueueByCredential, bucketStackPasses, bucketTurnaroundFine, bucketPseudonyms, bucketFirstSubmitted} {
		if !everJournaled[name] {
			t.Errorf("no chunk journaled anything in %s", name)
		}
	}
	// A transaction that began before the final commit sees its snapshot
	// as it was: without the import, though the import has ended.
	if got := txnDump(t, s.newTxn(early)); got != before {
		sameStores(t, "before the import", before, "begun during the import, read after it", got)
	}
	sameStores(t, "one commit", oneCommit, "in chunks", dumpStore(t, s.db))
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// withoutSeq is a dumpStore without the history bucket's sequence, which
// a chunk draws for real and a rollback leaves drawn.
func withoutSeq(dump string) string {
	return regexp.MustCompile(`(?m)^bucket history seq \d+$`).ReplaceAllString(dump, "bucket history")
}

// dumpNoHistoryKeys is dumpStore with history's entries without their
// keys and checksums (in key order still) and its sequence: an import in
// chunks draws history's sequence numbers as it commits them, so a
// reviewer's entry meanwhile (or after an import that started over) gets
// another number than it would before or after the import.
func dumpNoHistoryKeys(t *testing.T, db *bolt.DB) string {
	t.Helper()
	var out strings.Builder
	err := db.View(func(tx *bolt.Tx) error {
		fmt.Fprintf(&out, "%s", withoutSeq(dumpStore(t, db)))
		return tx.Bucket([]byte(bucketHistory)).ForEach(func(k, v []byte) error {
			fmt.Fprintf(&out, "history %q\n", v[:len(v)-sumSize])
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	// The keyed history lines of dumpStore go; the unkeyed ones stay.
	lines := strings.Split(out.String(), "\n")
	in := false
	kept := lines[:0]
	for _, l := range lines {
		if strings.HasPrefix(l, "bucket ") {
			in = l == "bucket history"
		} else if in && strings.HasPrefix(l, `"`) {
			continue
		}
		kept = append(kept, l)
	}
	return strings.Join(kept, "\n")
}

// TestImportChunksBadLastLine: a bad line in the last chunk rolls back
// every chunk committed before it: the store is as before, byte for byte
// but for history's sequence, and check is clean.
func TestImportChunksBadLastLine(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	s := snapshotStore(t, rs, now)
	before := dumpStore(t, s.db)
	recs := secondFile(rs, now)
	last := recs[len(recs)-1]
	if last.Submission == nil {
		t.Fatal("the file should end with a submission")
	}
	bad := *last.Submission
	bad.Credential = "no-such-credential"
	recs = append(recs, review.Record{Line: 99999, Submission: &bad})
	chunks := 0
	withChunks(t, 60, func(n int) error { chunks = n; return nil })
	rollBackBatch = 7 // several rollback commits
	t.Cleanup(func() { rollBackBatch = 20_000 })
	_, err := s.Import("bad.jsonl", recs)
	if err == nil || !strings.Contains(err.Error(), "bad.jsonl:99999") {
		t.Fatalf("err = %v, want one naming bad.jsonl:99999", err)
	}
	if chunks < 3 {
		t.Fatalf("%d chunks committed before the bad line, want several", chunks)
	}
	sameStores(t, "before", withoutSeq(before), "after the failed import", withoutSeq(dumpStore(t, s.db)))
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// errCrash stops a chunked import as a crash would: its chunks stay.
var errCrash = errors.New("crashed")

// TestImportChunksCrash: an import that died after two chunks left its
// marker and chunks; a read-only open sees none of it, and the next
// read-write open rolls it back and says so in one line.
func TestImportChunksCrash(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	s := snapshotStore(t, rs, now)
	path := s.Path()
	before, view := dumpStore(t, s.db), viewDump(t, s)
	withChunks(t, 60, func(n int) error {
		if n == 2 {
			abandonChunks = true
			return errCrash
		}
		return nil
	})
	t.Cleanup(func() { abandonChunks = false })
	if _, err := s.Import("f2.jsonl", secondFile(rs, now)); !errors.Is(err, errCrash) {
		t.Fatalf("err = %v, want the crash", err)
	}
	if len(journaled(t, s.db)) == 0 {
		t.Fatal("the crash left no chunk")
	}
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := viewDump(t, ro); got != view {
		sameStores(t, "before", view, "read-only after the crash", got)
	}
	ro.Close()
	var lines []string
	rw, err := Open(path, Options{Notify: func(l string) { lines = append(lines, l) }})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if len(lines) != 1 || !strings.Contains(lines[0], "rolled back the unfinished import of f2.jsonl") || strings.Contains(lines[0], "\n") {
		t.Errorf("open said %q, want one line naming the rollback", lines)
	}
	sameStores(t, "before", withoutSeq(before), "reopened after the crash", withoutSeq(dumpStore(t, rw.db)))
	if problems, err := rw.Check(); err != nil || len(problems) > 0 {
		t.Errorf("check: %v %v", problems, err)
	}
}

// TestDecisionBetweenChunks: a reviewer's claim, draft and decision (a
// pass of a candidate the file passes too) commit while an import is
// between two chunks, and the store ends as if the decision had come
// first and the file after it, with no fallback or retry (history's
// entries numbered otherwise: dumpNoHistoryKeys).
func TestDecisionBetweenChunks(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	build := func(concurrent bool) string {
		s := decideAndImport(t, rs, now, secondFile(rs, now), func(decide func() error) {
			decideAtChunk(t, 2, concurrent, decide)
		})
		return dumpNoHistoryKeys(t, s.db)
	}
	sameStores(t, "decided, then imported", build(false), "decided between chunks", build(true))
}

// TestChunksConflictStartOver: the file decides the very attempt a
// reviewer decides between two chunks. The final commit sees the
// conflict, the chunks are rolled back and the import starts over, once,
// and then refuses the file's decision as an import after the decision
// would: same error, same store.
func TestChunksConflictStartOver(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	build := func(concurrent bool) (string, string) {
		s := snapshotStore(t, rs, now)
		as, err := s.Next("rev-x", "")
		if err != nil {
			t.Fatal(err)
		}
		k := as.Attempt.Key()
		// The file's decision first, so an early chunk commits it.
		recs := append([]review.Record{{Line: 1 << 20, Decision: &review.Decision{
			Application: k.Application, Attempt: k.Attempt, Reviewer: "rev-z", DecidedAt: now,
			Outcome: review.Pass, Levels: passing(as.Rubric),
		}}}, secondFile(rs, now)...)
		decide := func() error { _, err := s.Decide("rev-x", k, passing(as.Rubric), nil); return err }
		decideAtChunk(t, 2, concurrent, decide)
		fallbacks := snapshotFallbacks.Load()
		_, err = s.Import("f2.jsonl", recs)
		if n := snapshotFallbacks.Load() - fallbacks; concurrent && n != 1 {
			t.Errorf("%d retries, want 1 (%s)", n, lastFallback)
		}
		decidedBy(t, s, k, "rev-x")
		return dumpNoHistoryKeys(t, s.db), errString(err)
	}
	seqStore, seqErr := build(false)
	conStore, conErr := build(true)
	sameRefusal(t, "between chunks", seqStore, seqErr, conStore, conErr)
}

// TestImportChunksOwnDequeue: an attempt a chunk stores still pending gets
// its queue entries in that chunk's commit, hidden; a later chunk that
// decides it deletes them in its own commit, so no dequeue of the file's
// own attempts waits for the final commit.
func TestImportChunksOwnDequeue(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	rubric := map[string]review.Rubric{}
	for _, r := range rs {
		rubric[r.ID] = r
	}
	recs := secondFile(rs, now)
	// An application of the file's first records with two (submission,
	// decision): its decision moves to the third chunk.
	records := map[string]int{}
	for _, r := range recs {
		if r.Submission != nil {
			records[r.Submission.Application]++
		}
		if r.Decision != nil {
			records[r.Decision.Application]++
		}
	}
	var sub *review.Submission
	for _, r := range recs[:50] {
		if r.Submission != nil && r.Submission.Attempt == 1 && records[r.Submission.Application] == 2 && sub == nil {
			sub = r.Submission
		}
	}
	if sub == nil {
		t.Fatal("no application of two records among the file's first")
	}
	var kept []review.Record
	for _, r := range recs {
		if r.Decision == nil || r.Decision.Application != sub.Application {
			kept = append(kept, r)
		}
	}
	d := review.Decision{Application: sub.Application, Attempt: sub.Attempt, Reviewer: "rev-z",
		DecidedAt: sub.SubmittedAt.Add(time.Hour), Outcome: review.Pass, Levels: passing(rubric[sub.Credential])}
	recs = append(kept[:150:150], append([]review.Record{{Line: 1 << 20, Decision: &d}}, kept[150:]...)...)
	qk := queueKey(sub.SubmittedAt, review.AttemptKey{Application: sub.Application, Attempt: sub.Attempt})
	inQueue := func(s *Store) (in bool) {
		_ = s.db.View(func(tx *bolt.Tx) error {
			in = tx.Bucket([]byte(bucketQueue)).Get(qk) != nil
			return nil
		})
		return in
	}
	s := snapshotStore(t, rs, now)
	seen := map[int]bool{}
	withChunks(t, 60, func(n int) error {
		if n <= 3 {
			seen[n] = inQueue(s)
		}
		return nil
	})
	if _, err := s.Import("f2.jsonl", recs); err != nil {
		t.Fatal(err)
	}
	if !seen[1] || !seen[2] || seen[3] {
		t.Errorf("its queue entry after chunks 1, 2, 3: %v, %v, %v; want stored, stored, deleted", seen[1], seen[2], seen[3])
	}
	if inQueue(s) {
		t.Error("the decided attempt is still queued")
	}
}
