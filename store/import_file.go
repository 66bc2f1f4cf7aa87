package store

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"slices"

	"assessor/review"
)

// An import file in two passes. Pass 1 (ReadImportFile) reads the file
// once, parses every line as the import will, so a bad line fails before
// the store is opened or locked, and keeps of each record only where its
// line is, its number and a hash of its bytes, 24 bytes, plus what ordering
// needs while it orders. Pass 2 is the import: its blocks (import_records.go)
// Load records from the index, which reads their lines again (ReadAt) and
// parses them. A line whose bytes are not the ones pass 1 read (the file
// changed in between) fails the import, which then stores nothing.

// ImportFileOptions are the limits of pass 1 and the check of pass 2.
type ImportFileOptions struct {
	MaxLine     int          // the longest line accepted
	MaxLineText string       // how errors name MaxLine ("64 MiB")
	Changed     func() error // when not nil, called at each Load: an error when the file changed
}

// ImportFile is an import file's index: its records in import order
// (review.ImportOrder), loaded on demand. It is Records.
type ImportFile struct {
	name    string
	r       io.ReaderAt
	changed func() error
	seed    maphash.Seed
	lines   []indexedLine // import order
	named   []indexedLine // file order: records that name evidence files
}

// indexedLine is one record of the index.
type indexedLine struct {
	off  int64
	n    int32
	line int32
	sum  uint64 // maphash of the line's bytes
}

// runGap is how far apart two lines may be and still be read in one
// ReadAt (blank lines, line ends); runMax bounds one such read.
const (
	runGap = 4 << 10
	runMax = 8 << 20
)

// ReadImportFile is pass 1 over the size bytes of r: every line parsed
// with review.ParseLine, under the limits and with the errors of an import
// ("FILE:LINE: field: message", a line over opt.MaxLine, "no records").
// A candidate's unknown state fails here too, the first in import order,
// as the import would fail it. name names the file in errors.
func ReadImportFile(name string, r io.ReaderAt, size int64, opt ImportFileOptions) (*ImportFile, error) {
	f := &ImportFile{name: name, r: r, changed: opt.Changed, seed: maphash.MakeSeed()}
	var (
		apps   []string
		ranks  []review.Rank
		intern = map[string]string{}
		bad    []int // file indexes of records with an unknown state
	)
	err := parseLines(name, io.NewSectionReader(r, 0, size), opt, f.seed, func(p *parsedLine) {
		if p.badState {
			bad = append(bad, len(f.lines))
		}
		if p.named {
			f.named = append(f.named, p.il)
		}
		app := p.app
		if a, ok := intern[app]; ok {
			app = a
		} else {
			intern[app] = app
		}
		f.lines = append(f.lines, p.il)
		apps, ranks = append(apps, app), append(ranks, p.rank)
	})
	if err != nil {
		return nil, err
	}
	if len(f.lines) == 0 {
		return nil, fmt.Errorf("%s: no records: want one JSON object per line", name)
	}
	clear(intern)
	perm := review.ImportPermutation(len(f.lines), func(i int) (string, review.Rank) { return apps[i], ranks[i] })
	apps, ranks = nil, nil
	if perm != nil {
		ordered := make([]indexedLine, len(perm))
		for i, j := range perm {
			ordered[i] = f.lines[j]
		}
		f.lines = ordered
	}
	if len(bad) > 0 {
		return nil, f.firstBadState(perm, bad)
	}
	return f, nil
}

// namesFiles reports whether a submission names evidence files.
func namesFiles(sub *review.Submission) bool {
	for _, p := range sub.Parts {
		if len(p.Files) > 0 {
			return true
		}
	}
	return false
}

// firstBadState is the error of the first record in import order whose
// candidate's state is unknown, as normalizeStates gives it.
func (f *ImportFile) firstBadState(perm []int, bad []int) error {
	first := bad[0]
	if perm != nil {
		place := make(map[int]int, len(bad))
		for _, j := range bad {
			place[j] = -1
		}
		for i, j := range perm {
			if _, ok := place[j]; ok {
				place[j] = i
			}
		}
		first = slices.MinFunc(bad, func(a, b int) int { return place[a] - place[b] })
		first = place[first]
	}
	recs, err := f.Load(first, first+1)
	if err != nil {
		return err
	}
	_, err = normalizeStates(f.name, recs)
	return err
}

// Len is how many records the file holds.
func (f *ImportFile) Len() int { return len(f.lines) }

// Load reads records lo up to hi, in import order, from the file again.
func (f *ImportFile) Load(lo, hi int) ([]review.Record, error) {
	return f.load(f.lines[lo:hi])
}

// Named calls fn with each record that names evidence files, in file
// order, read from the file again; its first error ends the walk.
func (f *ImportFile) Named(fn func(review.Record) error) error {
	for i := range f.named {
		recs, err := f.load(f.named[i : i+1])
		if err != nil {
			return err
		}
		if err := fn(recs[0]); err != nil {
			return err
		}
	}
	return nil
}

// load reads and parses the lines of ls, nearby lines in one read.
func (f *ImportFile) load(ls []indexedLine) ([]review.Record, error) {
	if f.changed != nil {
		if err := f.changed(); err != nil {
			return nil, err
		}
	}
	out := make([]review.Record, 0, len(ls))
	var buf []byte
	for i := 0; i < len(ls); {
		base, end := ls[i].off, ls[i].off+int64(ls[i].n)
		j := i + 1
		for ; j < len(ls); j++ {
			o, e := ls[j].off, ls[j].off+int64(ls[j].n)
			if o < end || o-end > runGap || e-base > runMax {
				break
			}
			end = e
		}
		buf = slices.Grow(buf[:0], int(end-base))[:end-base]
		if n, err := f.r.ReadAt(buf, base); n < len(buf) {
			return nil, f.changedError(ls[i].line, err)
		}
		for _, l := range ls[i:j] {
			text := buf[l.off-base : l.off-base+int64(l.n)]
			if maphash.Bytes(f.seed, text) != l.sum {
				return nil, f.changedError(l.line, nil)
			}
			rec, err := review.ParseLine(int(l.line), text)
			if err != nil {
				return nil, f.changedError(l.line, err)
			}
			out = append(out, rec)
		}
		i = j
	}
	return out, nil
}

// changedError is the one line of a file whose line is no longer the
// one pass 1 read.
func (f *ImportFile) changedError(line int32, err error) error {
	msg := fmt.Sprintf("%s:%d: the file changed while it was imported; nothing of it was stored: import it again", f.name, line)
	if err != nil && !errors.Is(err, io.EOF) {
		msg += fmt.Sprintf(" (%v)", err)
	}
	return errors.New(msg)
}
