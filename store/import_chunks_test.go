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

// TestImportShares: while an import runs, a count it added to (a
// turnaround fine key) shows others the count without its share, and
// their writes keep the share: a Put adds it, a Delete leaves it; a key
// the import created is missing, and another writer's Put of it takes it
// from the import (out of the journal, the conflict flagged). A rollback
// takes the share back out and leaves the other writer's key.
func TestImportShares(t *testing.T) {
	s, err := Open(t.TempDir()+"/s.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	count, created := []byte("count-key"), []byte("created-key")
	raw := func(bucket string, k []byte) []byte {
		var out []byte
		_ = s.db.View(func(tx *bolt.Tx) error {
			if v := tx.Bucket([]byte(bucket)).Get(k); v != nil {
				out, _ = unseal(k, v)
				out = bytes.Clone(out)
			}
			return nil
		})
		return out
	}
	seen := func() (get []byte, walked []string) {
		_ = s.view(func(tx *txn) error {
			b := tx.rawBucket(bucketTurnaroundFine)
			get = bytes.Clone(b.Get(count))
			c := b.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				walked = append(walked, fmt.Sprintf("%s=%d", k, decodeCounter(v)))
			}
			return nil
		})
		return get, walked
	}
	write := func(fn func(b *bucket) error) {
		t.Helper()
		if err := s.update(func(tx *txn) error { return fn(tx.rawBucket(bucketTurnaroundFine)) }); err != nil {
			t.Fatal(err)
		}
	}
	write(func(b *bucket) error { return b.Put(count, counterValue(5)) })
	// The import: its marker, 3 added to the count, a key of its own.
	s.importing.Store(true) // as startChunks does
	err = s.update(func(tx *txn) error {
		tx.importer = true
		b, j := tx.rawBucket(bucketTurnaroundFine), tx.rawBucket(bucketImportJournal)
		return errors.Join(
			tx.rawBucket(bucketImportPending).Put([]byte(keyImportMarker), []byte(`{"file":"f"}`)),
			b.Put(count, counterValue(8)), j.Put(journalKey(bucketTurnaroundFine, count), counterValue(3)),
			b.Put(created, counterValue(1)), j.Put(journalKey(bucketTurnaroundFine, created), nil))
	})
	if err != nil {
		t.Fatal(err)
	}
	if get, walked := seen(); decodeCounter(get) != 5 || strings.Join(walked, " ") != "count-key=5" {
		t.Fatalf("during the import: Get %d, cursor %v; want 5 and the count alone", decodeCounter(get), walked)
	}
	write(func(b *bucket) error { return b.Put(count, counterValue(decodeCounter(b.Get(count))+1)) })
	if v := decodeCounter(raw(bucketTurnaroundFine, count)); v != 9 {
		t.Errorf("a reviewer's +1: stored %d, want 9 (6 and the import's 3)", v)
	}
	write(func(b *bucket) error { return b.Delete(count) })
	if get, walked := seen(); get != nil || len(walked) != 0 || decodeCounter(raw(bucketTurnaroundFine, count)) != 3 {
		t.Errorf("after a Delete: Get %v, cursor %v, stored %d; want missing, stored 3", get, walked, decodeCounter(raw(bucketTurnaroundFine, count)))
	}
	write(func(b *bucket) error { return b.Put(count, counterValue(2)) })
	write(func(b *bucket) error {
		if b.Get(created) != nil {
			t.Error("the import's key is visible")
		}
		return b.Put(created, counterValue(7))
	})
	if raw(bucketImportPending, []byte(keyImportConflict)) == nil {
		t.Error("a Put of the import's key did not flag the conflict")
	}
	if err := s.rollBackImport(); err != nil {
		t.Fatal(err)
	}
	if c, k := decodeCounter(raw(bucketTurnaroundFine, count)), decodeCounter(raw(bucketTurnaroundFine, created)); c != 2 || k != 7 {
		t.Errorf("after the rollback: count %d, want 2; the reviewer's key %d, want 7", c, k)
	}
	if raw(bucketImportPending, []byte(keyImportMarker)) != nil || len(journaled(t, s.db)) != 0 {
		t.Error("the rollback left its marker or journal")
	}
}

// TestStackCompletedBetweenChunks: the file's first chunk passes a
// candidate in every credential of a stack but one, and between chunks a
// reviewer passes the candidate's pending attempt in that one. Neither
// completes the stack alone, as each sees the counts (the reviewer
// without the import's shares); together they do. The store ends as
// "decide, then import": the stack's completion counted once, check clean.
func TestStackCompletedBetweenChunks(t *testing.T) {
	rs := bundledRubrics(t)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	rubric := map[string]review.Rubric{}
	stacks := map[string][]string{}
	for _, r := range rs {
		rubric[r.ID] = r
		if r.Stack != "" {
			stacks[r.Stack] = append(stacks[r.Stack], r.ID)
		}
	}
	first, second := firstFile(rs, now), secondFile(rs, now)
	build := func(concurrent bool) (string, string) {
		s := snapshotStore(t, rs, now)
		// A pending attempt in a stack of more than one credential.
		q, err := s.Queue("", "", 0)
		if err != nil {
			t.Fatal(err)
		}
		var k review.AttemptKey
		var sub *review.Submission
		for _, it := range q {
			if cred := rubric[it.Credential]; len(stacks[cred.Stack]) > 1 && sub == nil {
				k = review.AttemptKey{Application: it.Application, Attempt: it.Attempt}
				for _, r := range first {
					if r.Submission != nil && r.Submission.Application == k.Application && r.Submission.Candidate != nil {
						sub = r.Submission
					}
				}
			}
		}
		if sub == nil {
			t.Fatal("no pending attempt of a candidate in a stack of several credentials")
		}
		// The file passes the candidate in every other credential of it.
		var recs []review.Record
		for _, other := range stacks[rubric[sub.Credential].Stack] {
			if other == sub.Credential {
				continue
			}
			var like *review.Submission
			for _, r := range second {
				if r.Submission != nil && r.Submission.Credential == other && like == nil {
					like = r.Submission
				}
			}
			if like == nil {
				t.Fatalf("the second file has no submission of %s", other)
			}
			ns := *like
			ns.Application, ns.Attempt, ns.Candidate = "A-STK-"+other, 1, sub.Candidate
			d := review.Decision{Application: ns.Application, Attempt: 1, Reviewer: "rev-z",
				DecidedAt: ns.SubmittedAt.Add(time.Hour), Outcome: review.Pass, Levels: passing(rubric[other])}
			recs = append(recs, review.Record{Line: 1<<20 + len(recs), Submission: &ns}, review.Record{Line: 1<<20 + len(recs) + 1, Decision: &d})
		}
		recs = append(recs, second...)
		as, err := s.Claim("rev-x", k)
		if err != nil {
			t.Fatal(err)
		}
		decide := func() error { _, err := s.Decide("rev-x", k, passing(as.Rubric), nil); return err }
		decideAtChunk(t, 1, concurrent, decide)
		importAfterDecision(t, s, recs, k, snapshotFallbacks.Load())
		return dumpNoHistoryKeys(t, s.db), storeFigures(t, s)
	}
	seqStore, seqFigures := build(false)
	conStore, conFigures := build(true)
	sameStores(t, "decided, then imported", seqStore, "decided between chunks", conStore)
	if seqFigures != conFigures {
		t.Errorf("figures differ:\n%s\nagainst\n%s", conFigures, seqFigures)
	}
}

// TestImportMinuteShares: while an import runs, a minute histogram it
// added to shows others the histogram without its share; their Put keeps
// the share (their view plus it), a Delete leaves the share alone, and a
// rollback takes the share back out and leaves theirs.
func TestImportMinuteShares(t *testing.T) {
	s, err := Open(t.TempDir()+"/s.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	key := finePrefix([]byte("subject"), 3)
	if !isMinuteKey(key) {
		t.Fatal("not a minute histogram's key")
	}
	hist := func(bins ...int64) []byte { // minute, count, minute, count…
		var h minutes
		for i := 0; i < len(bins); i += 2 {
			h.add(bins[i], bins[i+1])
		}
		return h.encode()
	}
	stored := func() []byte {
		var out []byte
		_ = s.db.View(func(tx *bolt.Tx) error {
			out, _ = unseal(key, tx.Bucket([]byte(bucketTurnaroundFine)).Get(key))
			out = bytes.Clone(out)
			return nil
		})
		return out
	}
	seen := func() (out []byte) {
		_ = s.view(func(tx *txn) error { out = bytes.Clone(tx.rawBucket(bucketTurnaroundFine).Get(key)); return nil })
		return out
	}
	write := func(fn func(b *bucket) error) {
		t.Helper()
		if err := s.update(func(tx *txn) error { return fn(tx.rawBucket(bucketTurnaroundFine)) }); err != nil {
			t.Fatal(err)
		}
	}
	write(func(b *bucket) error { return b.Put(key, hist(10, 2)) })
	// The import: its marker, and 10:1, 20:4 added, journaled as its share.
	s.importing.Store(true) // as startChunks does
	err = s.update(func(tx *txn) error {
		tx.importer = true
		return errors.Join(
			tx.rawBucket(bucketImportPending).Put([]byte(keyImportMarker), []byte(`{"file":"f"}`)),
			addShared(tx.rawBucket(bucketTurnaroundFine), tx.rawBucket(bucketImportJournal), key, hist(10, 1, 20, 4)))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := seen(); !bytes.Equal(got, hist(10, 2)) {
		t.Fatalf("during the import others see %v, want the histogram without the share", got)
	}
	write(func(b *bucket) error { return b.Put(key, hist(10, 2, 30, 1)) }) // a reviewer's decision
	if got, want := stored(), hist(10, 3, 20, 4, 30, 1); !bytes.Equal(got, want) {
		t.Errorf("a reviewer's Put: stored %v, want %v (theirs and the import's share)", got, want)
	}
	if got := seen(); !bytes.Equal(got, hist(10, 2, 30, 1)) {
		t.Errorf("after their Put others see %v", got)
	}
	write(func(b *bucket) error { return b.Delete(key) })
	if got := stored(); seen() != nil || !bytes.Equal(got, hist(10, 1, 20, 4)) {
		t.Errorf("after a Delete: seen %v, stored %v; want missing, the share stored", seen(), got)
	}
	write(func(b *bucket) error { return b.Put(key, hist(40, 5)) })
	if err := s.rollBackImport(); err != nil {
		t.Fatal(err)
	}
	if got := stored(); !bytes.Equal(got, hist(40, 5)) {
		t.Errorf("after the rollback: stored %v, want the reviewer's histogram alone", got)
	}
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
