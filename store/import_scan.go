package store

import (
	"encoding/json"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"assessor/review"
)

// Scanning ahead. The leak scan is the largest part of an import's work
// that depends on nothing the transaction writes, except which candidate
// the evidence is scanned against. So the goroutines that load the
// import's records ahead of it (import_records.go) also scan each
// submission's evidence, with a scanner built from the configured list,
// against the candidate the import is expected to use: the first
// candidate a record of the file gave the application, as far as the
// scan has seen. The transaction then takes a result only when its list
// is the one scanned with and the candidate it actually uses (the
// vault's, or the record's) equals the one scanned against, and otherwise
// scans again itself, as it always did. So the stored leaks are exactly
// those of a scan inside the transaction; only the work moves to another
// core.

// aheadScans is the scan ahead of one import.
type aheadScans struct {
	names []string
	sc    *review.LeakScanner
	quit  atomic.Bool
	wg    sync.WaitGroup

	mu  sync.Mutex
	who map[string]*review.Candidate // the first candidate seen by application
}

// scanWindow is how many records the scan may run ahead of the import.
const scanWindow = 4096

// maxWho bounds the applications whose first candidate the scan keeps;
// past it, it starts again (a miss only costs the import a scan).
const maxWho = 1 << 16

// aheadScan is the scan of one submission, and the JSON of its parts,
// which is most of the stored attempt's encoding (encodeAttempt).
type aheadScan struct {
	who   *review.Candidate // scanned against; nil for no candidate
	done  chan struct{}     // closed when found and parts are set; nil when not scanned
	found []review.Leak
	parts []byte // json.Marshal(sub.Parts); nil if that failed
}

func newAheadScans(names []string) *aheadScans {
	return &aheadScans{names: names, sc: review.NewLeakScanner(names), who: map[string]*review.Candidate{}}
}

// listedNamesFor is the configured list the scan ahead uses.
func (s *Store) listedNamesFor() ([]string, error) {
	var names []string
	err := s.view(func(t *txn) (err error) { names, err = t.listedNames(); return err })
	return names, err
}

// ready sets up the scans of a block's submissions that carry no files
// (those are scanned with their attachments in the transaction), each
// against the first candidate seen for its application.
func (ah *aheadScans) ready(recs []review.Record, prepared []*preparedFiles) []aheadScan {
	scans := make([]aheadScan, len(recs))
	ah.mu.Lock()
	defer ah.mu.Unlock()
	for i, rec := range recs {
		sub := rec.Submission
		if sub == nil {
			continue
		}
		if sub.Candidate != nil && ah.who[sub.Application] == nil {
			if len(ah.who) >= maxWho {
				clear(ah.who)
			}
			ah.who[sub.Application] = sub.Candidate
		}
		if prepared[i] == nil {
			scans[i] = aheadScan{who: ah.who[sub.Application], done: make(chan struct{})}
		}
	}
	return scans
}

// scan runs the scans ready in blk, in order.
func (ah *aheadScans) scan(blk *loadedBlock) {
	for i := range blk.scans {
		a := &blk.scans[i]
		if a.done == nil {
			continue
		}
		if ah.quit.Load() {
			return // the import is over: no one waits for the rest
		}
		sub := blk.recs[i].Submission
		a.found = ah.sc.Scan(sub.Parts, sub.Note, a.who)
		if data, err := json.Marshal(sub.Parts); err == nil {
			a.parts = data
		}
		close(a.done)
	}
}

// valid reports whether ah scanned with the list names.
func (ah *aheadScans) valid(names []string) bool {
	return ah != nil && slices.Equal(ah.names, names)
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
