package store

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"assessor/review"
)

// An import's records, read on demand. A file of a million attempts is
// gigabytes once parsed, so the import never holds it: it reads its
// records in blocks from a Records source (an import file's index,
// import_file.go, re-reads each line where pass 1 found it) and drops each
// block once it is past it. One goroutine per spare core loads the blocks
// ahead of the import, prepares their evidence files and scans their
// evidence for identity leaks (import_scan.go), at most aheadBlocks ahead;
// what the import holds is that window, whatever the file's size.

// Records is an import's records in the order it applies them
// (review.ImportOrder): Load returns records lo up to hi, read again
// each time it is asked (a restarted import reads them again). It may be
// called from several goroutines at once.
type Records interface {
	Len() int
	Load(lo, hi int) ([]review.Record, error)
}

// Stopper is Records an import may be told to stop (its command's
// context ended): Stopped is checked once more in the import's last
// transaction, and an error from it fails the import with nothing of it
// stored, however few blocks it loaded.
type Stopper interface {
	Stopped() error
}

// sliceRecords is Records held whole, already in import order (ImportWithFiles).
type sliceRecords []review.Record

func (r sliceRecords) Len() int { return len(r) }

func (r sliceRecords) Load(lo, hi int) ([]review.Record, error) { return r[lo:hi:hi], nil }

// recBlock is how many records are loaded at a time; aheadBlocks how many
// blocks the loading may run ahead of the import. Variables for tests.
var (
	recBlock    = 512
	aheadBlocks = scanWindow / 512
)

// importRecs is the window of one import over its Records.
type importRecs struct {
	file   string
	src    Records
	n      int
	files  func(review.Record) FileSource // nil: names only
	limits review.FileLimits

	mu      sync.Mutex
	cond    *sync.Cond // signalled when cur moves or the loading stops
	blocks  map[int]*loadedBlock
	cur     int     // the block the import is in
	held    int     // records in the window's blocks
	maxHeld int     // the most held at once (tests)
	blobs   []int64 // prepared files' bytes by block, for mapAhead

	// The import's own goroutine's last block, read without the lock.
	last   *loadedBlock
	lastAt int

	ahead *aheadScans // nil without a spare core
}

// loadedBlock is one block of records, loaded once.
type loadedBlock struct {
	once     sync.Once
	recs     []review.Record
	prepared []*preparedFiles // by record; nil entries without files
	scans    []aheadScan      // by record, when the scan ahead loaded it
	err      error
}

// newImportRecs is the window over src; files and limits as ImportWithFiles.
func newImportRecs(file string, src Records, files func(review.Record) FileSource, limits review.FileLimits) *importRecs {
	r := &importRecs{file: file, src: src, n: src.Len(), files: files, limits: limits,
		blocks: map[int]*loadedBlock{}, lastAt: -1}
	r.cond = sync.NewCond(&r.mu)
	r.blobs = make([]int64, (r.n+recBlock-1)/recBlock)
	return r
}

func (r *importRecs) len() int { return r.n }

// at is record i with its prepared files and its scan ahead (nil when not
// scanned ahead), for the import's own goroutine: moving to a new block
// drops the blocks before it.
func (r *importRecs) at(i int) (review.Record, *preparedFiles, *aheadScan, error) {
	b, j := i/recBlock, i%recBlock
	blk := r.last
	if b != r.lastAt {
		r.mu.Lock()
		if b > r.cur {
			for k, old := range r.blocks {
				if k < b {
					r.drop(k, old)
				}
			}
		}
		r.cur = b
		r.cond.Broadcast()
		r.mu.Unlock()
		blk = r.block(b, nil)
		r.last, r.lastAt = blk, b
	}
	if blk.err != nil {
		return review.Record{}, nil, nil, blk.err
	}
	var scan *aheadScan
	if blk.scans != nil && blk.scans[j].done != nil {
		scan = &blk.scans[j]
	}
	return blk.recs[j], blk.prepared[j], scan, nil
}

// drop forgets block k; r.mu held.
func (r *importRecs) drop(k int, blk *loadedBlock) {
	delete(r.blocks, k)
	if blk.recs != nil || blk.err != nil { // set under r.mu by load
		r.held -= len(blk.recs)
	}
}

// block is block b, loaded now if it is not yet; ah, when not nil, is the
// scan ahead loading it, which then scans it.
func (r *importRecs) block(b int, ah *aheadScans) *loadedBlock {
	r.mu.Lock()
	blk := r.blocks[b]
	if blk == nil {
		blk = &loadedBlock{}
		r.blocks[b] = blk
	}
	r.mu.Unlock()
	blk.once.Do(func() { r.load(b, blk, ah) })
	return blk
}

// load reads block b from the source, prepares its evidence files (before
// the states are normalized: files may key on the record's own
// Submission), normalizes its candidates' states, and, for the scan
// ahead, readies a scan of each submission without files.
func (r *importRecs) load(b int, blk *loadedBlock, ah *aheadScans) {
	lo := b * recBlock
	hi := min(lo+recBlock, r.n)
	recs, err := r.src.Load(lo, hi)
	if err == nil && len(recs) != hi-lo {
		err = fmt.Errorf("%s: records %d to %d: read %d", r.file, lo, hi, len(recs))
	}
	var prepared []*preparedFiles
	var blobs int64
	if err == nil {
		prepared = make([]*preparedFiles, len(recs))
		if r.files != nil {
			for i, rec := range recs {
				if rec.Submission == nil {
					continue
				}
				if fs := r.files(rec); fs != nil {
					prepared[i] = prepareFiles(rec.Submission.Parts, fs, r.limits)
					blobs += blobBytes(prepared[i : i+1])
				}
			}
		}
		recs, err = normalizeStates(r.file, recs) // import_states.go
	}
	var scans []aheadScan
	if err == nil && ah != nil {
		scans = ah.ready(recs, prepared)
	}
	r.mu.Lock()
	blk.recs, blk.prepared, blk.scans, blk.err = recs, prepared, scans, err
	if blk.err == nil && blk.recs == nil {
		blk.recs = []review.Record{} // loaded, for drop's count
	}
	if r.blocks[b] == blk {
		r.held += len(recs)
		r.maxHeld = max(r.maxHeld, r.held)
	}
	r.blobs[b] = blobs
	r.mu.Unlock()
}

// blobBytes is the size of every prepared file of the blocks loaded so
// far (all of them once the import went through the file), for mapAhead.
func (r *importRecs) blobBytes() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var n int64
	for _, b := range r.blobs {
		n += b
	}
	return n
}

// startAhead starts loading and scanning ahead of the import on the
// spare cores (import_scan.go); stop ends it.
func (r *importRecs) startAhead(names []string) {
	workers := runtime.GOMAXPROCS(0) - 1
	nb := len(r.blobs)
	if workers < 1 || r.n < 2 {
		return
	}
	ah := newAheadScans(names)
	r.ahead = ah
	var next atomic.Int64
	for range min(workers, nb) {
		ah.wg.Add(1)
		go func() {
			defer ah.wg.Done()
			for {
				b := int(next.Add(1)) - 1
				if b >= nb || !r.waitFor(b, ah) {
					return
				}
				r.mu.Lock()
				behind := b < r.cur // the import loads it itself, or is past it
				r.mu.Unlock()
				if !behind {
					ah.scan(r.block(b, ah))
				}
			}
		}()
	}
}

// waitFor waits until block b is within aheadBlocks of the import; false
// when the loading stops.
func (r *importRecs) waitFor(b int, ah *aheadScans) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for b > r.cur+aheadBlocks && !ah.quit.Load() {
		r.cond.Wait()
	}
	return !ah.quit.Load()
}

// stop ends the loading ahead, waiting for its goroutines.
func (r *importRecs) stop() {
	if ah := r.ahead; ah != nil {
		r.mu.Lock()
		ah.quit.Store(true)
		r.cond.Broadcast()
		r.mu.Unlock()
		ah.wg.Wait()
	}
}

// SetImportChunks makes imports of more than lines records go in chunks
// of lines and counts each chunk commit in chunks, until restore is
// called: for other packages' tests of large imports (over SSH). Not to
// be called while an import runs.
func SetImportChunks(lines int, chunks *atomic.Int64) (restore func()) {
	was, hook := chunkLines, chunkHook
	chunkLines = lines
	chunkHook = func(int) error { chunks.Add(1); return nil }
	return func() { chunkLines, chunkHook = was, hook }
}
