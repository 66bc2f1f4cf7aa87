package store

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"assessor/review"
)

// maxPseudonymDraws bounds the redraws on pseudonym collisions; reaching it
// means the pseudonym space of a credential is nearly full.
const maxPseudonymDraws = 1000

// ImportStats counts what one Import did.
type ImportStats struct {
	Submissions int // attempts stored
	Decisions   int // decisions of record stored
	Unchanged   int // records already stored with identical content, skipped
}

// Import applies the records of one import file (docs/formats.md §2) in one
// transaction: all are stored or none. Its writes to the buckets that get
// a key per record are staged and put in key order at the end
// (import_stage.go), so the cost per record stays flat as files grow. They are applied in file order,
// except that each application's records go by attempt, a submission before
// its decision (review.ImportOrder), so the file's line order does not
// matter. The first bad record aborts the import with a *review.LineError
// naming file, the record's line and the field ("FILE:LINE: field:
// message"). Re-importing the same records is a no-op counted in Unchanged.
// Candidate identity goes to the vault only; stored attempts carry the
// application's pseudonym. Each new attempt's evidence is scanned for
// likely identity leaks (flags.go).
func (s *Store) Import(file string, recs []review.Record) (ImportStats, error) {
	return s.ImportWithFiles(file, recs, nil)
}

// ImportWithFiles is Import storing evidence files too (blobs.go): for each
// submission, files(rec) serves the bytes of the names its parts list, and
// each file is stored once by content and described on the attempt
// (review.EvidencePart.Attachments). A name that is not a relative path
// inside the files folder, a file that cannot be opened, or one over the
// configured limits (FileLimits) fails its line like any bad field
// ("FILE:LINE: parts[0].files[1]: …") and nothing is stored. The text of
// text-like files is scanned for identity leaks like the evidence text.
// A nil files, or a nil FileSource for a record, stores names only, as
// Import does. Files are hashed and their text extracted before the write
// transaction begins, so a large import holds the store's lock no longer
// than it must.
func (s *Store) ImportWithFiles(file string, recs []review.Record, files func(review.Record) FileSource) (ImportStats, error) {
	recs = review.ImportOrder(recs)
	// A bad state fails before anything else, as it did when the records
	// were normalized whole; each block is normalized again as it loads.
	if _, err := normalizeStates(file, recs); err != nil { // import_states.go
		return ImportStats{}, err
	}
	return s.ImportFrom(file, sliceRecords(recs), files)
}

// ImportFrom is ImportWithFiles reading its records from src, in import
// order, a block at a time (import_records.go): an import file's index
// (ReadImportFile) re-reads each block from the file, so the records of a
// large file are never all held at once.
func (s *Store) ImportFrom(file string, src Records, files func(review.Record) FileSource) (ImportStats, error) {
	var limits review.FileLimits
	if files != nil {
		var err error
		if limits, err = s.FileLimits(); err != nil {
			return ImportStats{}, err
		}
	}
	recs := newImportRecs(file, src, files, limits)
	if recs.len() >= 2 && runtime.GOMAXPROCS(0) > 1 {
		names, err := s.listedNamesFor() // import_scan.go
		if err != nil {
			return ImportStats{}, err
		}
		recs.startAhead(names)
	}
	defer recs.stop()
	if importRecsHook != nil {
		importRecsHook(recs)
	}
	s.importMu.Lock() // one import at a time: each applies against the last
	defer s.importMu.Unlock()
	if sp, ok := src.(Stopper); ok { // under importMu: this import's
		s.importStop = sp.Stopped
		defer func() { s.importStop = nil }()
	}
	if err := s.readImportLeases(); err != nil {
		return ImportStats{}, err
	}
	if snapshotImports && stageImports {
		importer := s.importOutside // import_snapshot.go: one commit
		if recs.len() > chunkLines {
			importer = s.importChunked // import_chunks.go: chunks, then one short commit
		}
		st, done, err := importer(file, recs)
		if done {
			s.tellHolders(err)
			return st, err
		}
	}
	var st ImportStats
	err := s.update(func(t *txn) error {
		t.fillAppendOnly()
		t.stageImport() // import_stage.go
		var err error
		if st, err = t.importRecords(file, recs); err != nil {
			return err
		}
		if err := t.mapAhead(recs.blobBytes()); err != nil { // import_stage.go
			return err
		}
		if err := t.flushStage(); err != nil {
			return err
		}
		return t.flushQueue()
	})
	if err != nil {
		return ImportStats{}, err
	}
	s.tellHolders(nil)
	return st, nil
}

// readImportLeases reads who holds a claim as an import starts, so that
// importDecision can note a decision on a held attempt without reading
// the leases inside the import (a snapshot that reads them falls back to
// the write transaction: they change with every claim). A claim taken
// during the import is not seen: its holder learns at their next save.
// The caller holds importMu.
func (s *Store) readImportLeases() error {
	s.importLeases, s.importHeld = map[string]string{}, map[review.AttemptKey]string{}
	return s.view(func(t *txn) error {
		b := t.bucket(bucketLeases)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if who, _, ok := decodeLease(v); ok {
				s.importLeases[string(k)] = who
			}
			return nil
		})
	})
}

// tellHolders tells each reviewer who held an attempt the import decided
// (their draft gone with it), once the import is stored; the caller holds
// importMu.
func (s *Store) tellHolders(err error) {
	held := s.importHeld
	s.importLeases, s.importHeld = nil, nil
	if err != nil {
		return
	}
	for k, holder := range held {
		s.notify(review.AttemptNotice{Key: k, Decided: true, Holder: holder})
	}
}

// importRecsHook, when set (tests only), sees each import's window of
// records before it runs.
var importRecsHook func(*importRecs)

// importRecords runs every record of the file through t, the import's
// write transaction or its snapshot (import_snapshot.go); the writes stay
// staged for the caller to apply.
func (t *txn) importRecords(file string, recs *importRecs) (ImportStats, error) {
	var st ImportStats
	_, err := t.importFrom(file, recs, 0, nil, &st)
	return st, err
}

// importFrom is importRecords from record lo on, until full (if not nil)
// says the chunk is full; it returns where it stopped.
func (t *txn) importFrom(file string, recs *importRecs, lo int, full func(n int) bool, st *ImportStats) (int, error) {
	leaks, names, err := t.leakScanner()
	if err != nil {
		return lo, err
	}
	scanned := recs.ahead.valid(names)
	for i := lo; i < recs.len(); i++ {
		if full != nil && full(i-lo) {
			return i, nil
		}
		rec, pf, pre, err := recs.at(i) // import_records.go
		if err != nil {
			return i, err
		}
		if !scanned {
			pre = nil
		}
		// Import takes records built without ParseLine too: an attempt
		// key holds 4 bytes of the number, and a larger one would name
		// another attempt.
		if err := review.CheckAttempt(attemptOf(rec)); err != nil {
			return i, lineError(file, rec.Line, fieldErr("attempt", err))
		}
		switch {
		case rec.Submission != nil:
			err = t.importSubmission(rec.Submission, st, leaks, pf, pre)
		case rec.Decision != nil:
			err = t.importDecision(rec.Decision, st)
		default:
			err = &review.FieldError{Field: "type", Err: review.ErrMissing}
		}
		if err != nil {
			return i, lineError(file, rec.Line, err)
		}
	}
	return recs.len(), nil
}

// attemptOf is the attempt number rec names, or 1 when it names none.
func attemptOf(rec review.Record) int {
	switch {
	case rec.Submission != nil:
		return rec.Submission.Attempt
	case rec.Decision != nil:
		return rec.Decision.Attempt
	}
	return 1
}

// lineError places err at file:line, keeping a rule's field.
func lineError(file string, line int, err error) error {
	var fe *review.FieldError
	if errors.As(err, &fe) {
		return &review.LineError{File: file, Line: line, Field: fe.Field, Err: fe.Err}
	}
	return &review.LineError{File: file, Line: line, Err: err}
}

func fieldErr(field string, err error) error { return &review.FieldError{Field: field, Err: err} }

// importSubmission reads what review.ImportSubmission needs, asks it, and
// writes what it returns: the application (with a new pseudonym when it is
// new), the vault entry, the attempt with its files and leaks, its queue
// entry (deferred), tallies, second-review sampling and counters.
func (t *txn) importSubmission(sub *review.Submission, st *ImportStats, leaks *review.LeakScanner, pf *preparedFiles, pre *aheadScan) error {
	if pf != nil && pf.err != nil {
		return pf.err
	}
	s := review.SubmissionState{Now: t.importNow()}
	var err error
	s.Rubric, err = t.sharedRubric(sub.Credential, 0)
	if s.HasRubric = err == nil; err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if s.Application, s.AppExists, err = t.application(sub.Application); err != nil {
		return err
	}
	if s.Vault, s.InVault, err = t.candidate(sub.Application); err != nil {
		return err
	}
	k := review.AttemptKey{Application: sub.Application, Attempt: sub.Attempt}
	if old, ok, err := t.attempt(k); err != nil {
		return err
	} else if ok {
		stored := old // escapes only when there is one
		// A redacted attempt is compared as it was submitted: its
		// reviewer copy never repeats the file (import_redact.go).
		if e, found, err := t.submitted(k); err != nil {
			return err
		} else if found {
			stored.Parts, stored.Note = e.Parts, e.Note
		}
		s.Stored = &stored
	}
	if pf != nil {
		s.WithFiles, s.Files = true, pf.parts
	}
	if s.AppExists && s.Stored == nil {
		if s.AppExample, err = t.exampleOf(sub.Application); err != nil {
			return err
		}
	}
	if a := s.Application; s.AppExists && s.Stored == nil && a.Attempts == sub.Attempt-1 && a.LastOutcome == review.Resubmit {
		prev, _, err := t.decision(review.AttemptKey{Application: sub.Application, Attempt: a.Attempts})
		if err != nil {
			return err
		}
		s.PrevDecided = prev.DecidedAt
	}
	eff, err := review.ImportSubmission(sub, s)
	if err != nil || eff.Unchanged {
		st.Unchanged += btoi(eff.Unchanged)
		return err
	}
	if !queueTimeOK(sub.SubmittedAt) {
		return fieldErr("submitted_at", fmt.Errorf("%w: must fall between 1970 and 2262", ErrInvalid))
	}
	if eff.StoreCandidate && sub.Attempt > 1 {
		if err := t.candidateNamedEarlier(sub.Application, sub.Attempt, eff.Candidate); err != nil {
			return err
		}
	}
	app, a := eff.Application, eff.Attempt
	if eff.NewApplication {
		// Lead commands take an id or a handle (Resolve): one name for two
		// applications would act on the wrong one. newPseudonym keeps
		// handles off the ids stored before; this refuses the later ones.
		if t.getRaw(bucketPseudonyms, []byte(app.ID)) != nil {
			return fieldErr("application", fmt.Errorf("%w: %q is already another application's handle, and lead commands take either: give this application another id", ErrInvalid, app.ID))
		}
		if app.Pseudonym, err = t.newPseudonym(sub.Credential, app.ID); err != nil {
			return err
		}
		a.Pseudonym = app.Pseudonym
		if err := t.count(keyApplications, 1); err != nil {
			return err
		}
	}
	var who *review.Candidate // the identity on record, for the leak scan
	if eff.HasCandidate {
		c := eff.Candidate // only it escapes, not all of eff
		who = &c
	}
	if eff.StoreCandidate {
		if err := t.put(bucketVault, []byte(app.ID), *who); err != nil {
			return err
		}
	}
	if pf != nil {
		if err := pf.store(t); err != nil {
			return err
		}
	}
	texts, redacted, err := t.redactAttempt(&a, who, pf) // import_redact.go
	if err != nil {
		return err
	}
	plain := pf == nil && !redacted // a's parts are the record's
	var flags int
	if found, ok := pre.result(plain, who); ok {
		flags, err = t.indexLeaks(&a, found)
	} else {
		flags, err = t.recordLeaks(&a, leaks, who)
	}
	if err != nil {
		return err
	}
	if pf != nil {
		if flags, err = t.recordFileLeaks(&a, scanTexts(texts, leaks, who)); err != nil {
			return err
		}
	}
	if err := t.put(bucketApplications, []byte(app.ID), app); err != nil {
		return err
	}
	if err := t.putAttempt(a, pre.partsJSON(plain)); err != nil {
		return err
	}
	if err := t.deferEnqueue(a, flags); err != nil {
		return err
	}
	if err := t.tallySubmission(a, s.Rubric.Stack, who != nil); err != nil {
		return err
	}
	if err := t.sampleSecondReview(a); err != nil { // second_review.go
		return err
	}
	st.Submissions++
	return t.countAll(map[string]int{keyAttempts: 1, keyPending: 1})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newPseudonym draws a pseudonym that is neither another application's
// pseudonym nor its id, and reserves it for application: lead commands
// take either (Resolve).
func (t *txn) newPseudonym(credential, application string) (string, error) {
	for range maxPseudonymDraws {
		p, err := review.NewPseudonym(credential, t.s.rand)
		if err != nil {
			return "", fmt.Errorf("draw pseudonym: %w", err)
		}
		if t.getRaw(bucketPseudonyms, []byte(p)) == nil && t.getRaw(bucketApplications, []byte(p)) == nil {
			return p, t.putRaw(bucketPseudonyms, []byte(p), []byte(application))
		}
	}
	return "", fmt.Errorf("draw pseudonym: %d collisions in a row for credential %s", maxPseudonymDraws, credential)
}

// importNow is the time no imported time may be past (review.FutureSlack
// allowed): the machine's clock, as docs/formats.md says, not the store's,
// which may stand a little ahead of it (clock.go); or zero when
// Options.AllowFutureImports.
func (t *txn) importNow() time.Time {
	if t.s.futureImports {
		return time.Time{}
	}
	return t.s.clk.now().UTC()
}

// importDecision reads what review.ImportDecision needs, asks it, and
// writes what it returns: the reviewer it registers and the decision of
// record, with everything that follows from it (recordDecision).
func (t *txn) importDecision(d *review.Decision, st *ImportStats) error {
	key := review.AttemptKey{Application: d.Application, Attempt: d.Attempt}
	s := review.DecisionImportState{Now: t.importNow()}
	var err error
	if s.Attempt, s.Found, err = t.importAttempt(key); err != nil || !s.Found {
		if err == nil {
			_, err = review.ImportDecision(*d, s)
		}
		return err
	}
	if old, ok, err := t.decision(key); err != nil {
		return err
	} else if ok {
		rec := old // escapes only when there is one
		s.Record = &rec
		if !review.SameDecision(old, *d) { // amended since it was imported?
			if s.Imported, err = t.importedDecision(key); err != nil {
				return err
			}
		}
	} else {
		if s.Rubric, err = t.sharedRubric(s.Attempt.Credential, s.Attempt.RubricVersion); err != nil {
			return err
		}
		if _, s.ReviewerKnown, err = t.reviewer(d.Reviewer); err != nil {
			return err
		}
		// Through get, not secondReview: a snapshot keeps the read, and
		// sees a sample this file staged.
		if _, err = t.get(bucketSecondReview, attemptKey(key), &s.Reviews); err != nil {
			return err
		}
	}
	eff, err := review.ImportDecision(*d, s)
	if err != nil || eff.Unchanged {
		st.Unchanged += btoi(eff.Unchanged)
		return err
	}
	if r := eff.Register; r != nil {
		if err := t.put(bucketReviewers, []byte(r.ID), *r); err != nil {
			return err
		}
	}
	// Its entry is not written at all (deferEnqueue), so a snapshot has
	// no dequeue to keep for its apply.
	t.fresh = t.unqueue(key) || t.ownQueued(s.Attempt) // import_chunks.go
	defer func() { t.fresh = false }()
	st.Decisions++
	if holder, held := t.s.importLeases[string(attemptKey(key))]; held {
		t.s.importHeld[key] = holder // a run tried again finds it again
	}
	return t.resolve(s.Attempt, s.Rubric, eff.Resolution)
}

// putAttempt stores a new attempt and remembers it for the rest of the
// transaction: an import file usually follows a submission with its
// decision, which then need not decode what was just encoded. parts is
// the JSON of a.Parts when it was encoded ahead (import_scan.go), or nil.
func (t *txn) putAttempt(a review.Attempt, parts []byte) error {
	data, err := encodeAttempt(a, parts)
	if err != nil {
		return err
	}
	k := attemptKey(a.Key())
	if err := t.putRaw(bucketAttempts, k, data); err != nil {
		return err
	}
	if t.stored == nil {
		t.stored = map[string]storedAttempt{}
	}
	t.stored[string(k)] = storedAttempt{raw: data, a: a}
	return nil
}

// importAttempt is attempt, answered from putAttempt's memory when the
// stored bytes are still the ones it wrote. A hit is forgotten: one
// attempt takes one decision of record.
func (t *txn) importAttempt(k review.AttemptKey) (review.Attempt, bool, error) {
	ak := attemptKey(k)
	if m, ok := t.stored[string(ak)]; ok {
		delete(t.stored, string(ak))
		if bytes.Equal(t.getRaw(bucketAttempts, ak), m.raw) {
			return m.a, true, nil
		}
	}
	return t.attempt(k)
}

// fillAppendOnly packs the leaves of append-mostly buckets fuller when
// this transaction splits them (bbolt leaves them half full by default).
// History keys are sequence numbers, so new entries only ever go to its
// right edge and a half-empty leaf stays half empty for good; the buckets
// keyed by application id grow at their right edge too when ids ascend, as
// gen's and most programs' do. The stored content is the same; about a
// fifth fewer pages are written per generated chunk.
func (t *txn) fillAppendOnly() {
	if !t.tx.Writable() {
		return // a snapshot's compute: the apply does it
	}
	fill := map[string]float64{
		bucketHistory:  1.0,
		bucketAttempts: 0.9, bucketDecisions: 0.9, bucketApplications: 0.9,
		bucketVault: 0.9, bucketAppFacts: 0.9,
	}
	for name, f := range fill {
		if b := t.bucket(name); b != nil {
			b.SetFillPercent(f)
		}
	}
}

// deferEnqueue is enqueue (queue.go) put off to the end of the import, which
// then writes the queue entries of the attempts still pending in key order
// (flushQueue): queue keys start with submitted_at, so an import's entries
// land all over both queue trees, and most generated or historical attempts
// are decided later in the same file, when the entry would be deleted
// again. The store ends up as if each attempt had been enqueued on arrival
// and dequeued by its decision; nothing reads the queue during an import.
// The credential's queue bucket is created now, as enqueue would.
func (t *txn) deferEnqueue(a review.Attempt, flags int) error {
	if t.snap != nil {
		t.snap.queues[a.Credential] = true // created at apply
	} else if _, err := t.queueIndex(a.Credential, true); err != nil {
		return err
	}
	if t.queued == nil {
		t.queued = map[string]queuedAttempt{}
	}
	a.Parts, a.Note, a.Leaks = nil, "", nil // enqueue needs the head only
	t.queued[string(attemptKey(a.Key()))] = queuedAttempt{a: a, flags: flags}
	return nil
}

// unqueue forgets the deferred enqueue of an attempt that was just decided
// in this import, and reports whether there was one. The decision's
// dequeue then finds no entry to delete, as the entry was never written.
func (t *txn) unqueue(k review.AttemptKey) bool {
	ak := string(attemptKey(k))
	_, ok := t.queued[ak]
	delete(t.queued, ak)
	return ok
}

// flushQueue enqueues the deferred attempts, sorted by queue key, in the
// last transaction of an import, which fails there if it was stopped.
func (t *txn) flushQueue() error {
	if stop := t.s.importStop; stop != nil {
		if err := stop(); err != nil {
			return err
		}
	}
	for _, e := range sortedQueue(t.queued) {
		if err := t.enqueue(e.q.a, e.q.flags); err != nil {
			return err
		}
	}
	t.queued = nil
	return nil
}

// queueWrite is a deferred enqueue with its queue key.
type queueWrite struct {
	key []byte
	q   queuedAttempt
}

// sortedQueue is the deferred enqueues in queue key order: appends.
func sortedQueue(queued map[string]queuedAttempt) []queueWrite {
	es := make([]queueWrite, 0, len(queued))
	for _, q := range queued {
		es = append(es, queueWrite{queueKey(q.a.SubmittedAt, q.a.Key()), q})
	}
	slices.SortFunc(es, func(x, y queueWrite) int { return bytes.Compare(x.key, y.key) })
	return es
}

// importedDecision is the attempt's decision as an import first recorded
// it, or nil when no import did (its history's first import entry).
func (t *txn) importedDecision(k review.AttemptKey) (*review.Decision, error) {
	hist, err := t.history(k)
	if err != nil {
		return nil, err
	}
	for _, h := range hist {
		if h.Action == review.ActionImport {
			return &h.Decision, nil
		}
	}
	return nil, nil
}
