package store

import (
	"encoding/json"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"assessor/review"
)

// Scanning ahead. The leak scan is the largest part of an import's work
// that depends on nothing the transaction writes, except which candidate
// the evidence is scanned against. So before the write transaction begins,
// scanAhead starts goroutines that scan each submission's evidence, in
// file order, with a scanner built from the configured list, against the
// candidate the import is expected to use: the first candidate any record
// of the file gives the application. The transaction then takes a result
// only when its list is the one scanned with and the candidate it actually
// uses (the vault's, or the record's) equals the one scanned against, and
// otherwise scans again itself, as it always did. So the stored leaks are
// exactly those of a scan inside the transaction; only the work moves to
// another core.

// aheadScans is the scan ahead of one import.
type aheadScans struct {
	names []string
	scans []aheadScan // by record; zero for records not scanned ahead
	quit  atomic.Bool
	wg    sync.WaitGroup
	// slots bounds how far the scan runs ahead of the import, which
	// releases each record's result once it is past it (release): the
	// results of a large file are not all held at once.
	slots chan struct{}
	done  chan struct{} // closed by stop
	once  sync.Once
}

// scanWindow is how many records the scan may run ahead of the import.
const scanWindow = 4096

// aheadScan is the scan of one submission, and the JSON of its parts,
// which is most of the stored attempt's encoding (encodeAttempt).
type aheadScan struct {
	who   *review.Candidate // scanned against; nil for no candidate
	done  chan struct{}     // closed when found and parts are set; nil when not scanned
	found []review.Leak
	parts []byte // json.Marshal(sub.Parts); nil if that failed
}

// scanAhead starts scanning recs' submissions that carry no files (those
// are scanned with their attachments in the transaction). It returns nil
// when there is nothing to scan or one core to scan with.
func (s *Store) scanAhead(recs []review.Record, prepared []*preparedFiles) (*aheadScans, error) {
	workers := runtime.GOMAXPROCS(0) - 1
	if workers < 1 || len(recs) < 2 {
		return nil, nil
	}
	var names []string
	if err := s.view(func(t *txn) (err error) { names, err = t.listedNames(); return err }); err != nil {
		return nil, err
	}
	sc := review.NewLeakScanner(names)
	ah := &aheadScans{names: names, scans: make([]aheadScan, len(recs)),
		slots: make(chan struct{}, scanWindow), done: make(chan struct{})}
	who := map[string]*review.Candidate{}
	for _, rec := range recs {
		if sub := rec.Submission; sub != nil && sub.Candidate != nil && who[sub.Application] == nil {
			who[sub.Application] = sub.Candidate
		}
	}
	var todo []int
	for i, rec := range recs {
		if rec.Submission != nil && prepared[i] == nil {
			ah.scans[i] = aheadScan{who: who[rec.Submission.Application], done: make(chan struct{})}
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil, nil
	}
	var next atomic.Int64
	for range min(workers, len(todo)) {
		ah.wg.Add(1)
		go func() {
			defer ah.wg.Done()
			for {
				select { // a slot before a record, so every claimed record has one
				case ah.slots <- struct{}{}:
				case <-ah.done:
					return
				}
				n := int(next.Add(1)) - 1
				if n >= len(todo) || ah.quit.Load() {
					return
				}
				i := todo[n]
				sub, a := recs[i].Submission, &ah.scans[i]
				a.found = sc.Scan(sub.Parts, sub.Note, a.who)
				if data, err := json.Marshal(sub.Parts); err == nil {
					a.parts = data
				}
				close(a.done)
			}
		}()
	}
	return ah, nil
}

// stop ends the scan ahead, waiting for its goroutines. Nil-safe.
func (ah *aheadScans) stop() {
	if ah != nil {
		ah.quit.Store(true)
		ah.once.Do(func() { close(ah.done) })
		ah.wg.Wait()
	}
}

// release forgets the scan of record i once the import is past it, and
// frees its slot. A later pass over the records (the fallback) scans
// record i itself.
func (ah *aheadScans) release(i int) {
	if ah == nil || ah.scans[i].done == nil {
		return
	}
	<-ah.scans[i].done
	ah.scans[i] = aheadScan{}
	<-ah.slots
}

// valid returns ah when it scanned with the list names, nil otherwise.
func (ah *aheadScans) valid(names []string) *aheadScans {
	if ah == nil || !slices.Equal(ah.names, names) {
		return nil
	}
	return ah
}

// at returns the scan of record i, nil when it was not scanned ahead.
func (ah *aheadScans) at(i int) *aheadScan {
	if ah == nil || ah.scans[i].done == nil {
		return nil
	}
	return &ah.scans[i]
}

// result waits for the scan and returns it when it applies: plain (the
// attempt's parts are the record's, no files) and scanned against who,
// value for value. (Candidate.Equal, which ignores case, is not enough:
// the scan depends on the exact values.)
func (a *aheadScan) result(plain bool, who *review.Candidate) ([]review.Leak, bool) {
	if a == nil || !plain || (a.who == nil) != (who == nil) || (who != nil && !sameCandidate(*a.who, *who)) {
		return nil, false
	}
	<-a.done
	return a.found, true
}

func sameCandidate(x, y review.Candidate) bool {
	return x.Name == y.Name && x.Email == y.Email && x.District == y.District && x.State == y.State &&
		maps.Equal(x.Extra, y.Extra)
}

// partsJSON returns the JSON of the record's parts, encoded ahead, when
// the attempt stores the record's parts as they are (plain: no files).
func (a *aheadScan) partsJSON(plain bool) []byte {
	if a == nil || !plain {
		return nil
	}
	<-a.done
	return a.parts
}

// attemptHead and attemptTail are review.Attempt's fields before and after
// Parts, with the same names and options, so that encodeAttempt's output is
// json.Marshal's byte for byte (TestEncodeAttemptMatchesJSON).
type attemptHead struct {
	Application   string    `json:"application"`
	Pseudonym     string    `json:"pseudonym"`
	Credential    string    `json:"credential"`
	RubricVersion int       `json:"rubric_version"`
	Number        int       `json:"attempt"`
	SubmittedAt   time.Time `json:"submitted_at"`
}

type attemptTail struct {
	Note  string        `json:"note,omitempty"`
	Leaks []review.Leak `json:"leaks,omitempty"`
}

// encodeAttempt is json.Marshal(a) given parts, the JSON of a.Parts: the
// fields around Parts are encoded here and parts is spliced between them.
// With parts nil it is json.Marshal(a).
func encodeAttempt(a review.Attempt, parts []byte) ([]byte, error) {
	if parts == nil {
		return json.Marshal(a)
	}
	head, err := json.Marshal(attemptHead{a.Application, a.Pseudonym, a.Credential, a.RubricVersion, a.Number, a.SubmittedAt})
	if err != nil {
		return nil, err
	}
	tail, err := json.Marshal(attemptTail{a.Note, a.Leaks})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(head)+len(parts)+len(tail)+10)
	out = append(out, head[:len(head)-1]...)
	out = append(out, `,"parts":`...)
	out = append(out, parts...)
	if len(tail) > 2 { // not "{}"
		out = append(out, ',')
		out = append(out, tail[1:]...)
	} else {
		out = append(out, '}')
	}
	return out, nil
}
