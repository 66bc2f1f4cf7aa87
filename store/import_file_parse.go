package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"runtime"
	"sync"

	"assessor/review"
)

// Pass 1 of an import file parses every line, most of its cost, so it
// parses on every core: one goroutine cuts the file into batches of
// lines, parsers parse the batches, and the caller takes their results in
// file order. The first bad line in file order is the error, as when the
// lines were parsed one by one; in flight at once are a few batches.

// parsedLine is what pass 1 keeps of one record.
type parsedLine struct {
	il       indexedLine
	app      string
	rank     review.Rank
	badState bool // the candidate's state is unknown (normalizeStates fails it)
	named    bool // it names evidence files
}

// lineBatch is a run of lines, parsed together.
type lineBatch struct {
	data  []byte // the lines' bytes, back to back
	lines []batchLine
	out   []parsedLine
	err   error // the first bad line's; out stops before it
	done  chan struct{}
}

type batchLine struct {
	start, end int // in data
	off        int64
	line       int
}

// batchLines and batchBytes end a batch.
const (
	batchLines = 256
	batchBytes = 1 << 20
)

// parseLines parses the JSON Lines of r and hands each record's result
// to keep, in file order, under opt's limits; the first error ends it.
func parseLines(name string, r io.Reader, opt ImportFileOptions, seed maphash.Seed, keep func(*parsedLine)) error {
	workers := max(runtime.GOMAXPROCS(0), 1)
	work := make(chan *lineBatch, workers)
	ordered := make(chan *lineBatch, 2*workers)
	quit := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				b.parse(name, seed)
			}
		}()
	}
	var cutErr error
	go func() {
		defer close(work)
		defer close(ordered)
		cutErr = cutLines(name, r, opt, func(b *lineBatch) bool {
			select {
			case ordered <- b:
			case <-quit:
				return false
			}
			select {
			case work <- b:
				return true
			case <-quit:
				return false
			}
		})
	}()
	var err error
	for b := range ordered {
		if err != nil {
			continue // drained, so the cutter ends
		}
		<-b.done
		for i := range b.out {
			keep(&b.out[i])
		}
		if b.err != nil {
			err = b.err
			close(quit)
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	return cutErr // set before ordered was closed
}

// cutLines reads r's lines into batches and sends each (false: stop).
// Blank lines are skipped, and a byte order mark at the file's start.
func cutLines(name string, r io.Reader, opt ImportFileOptions, send func(*lineBatch) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(1<<20, max(opt.MaxLine, 1))), opt.MaxLine)
	var pos, start int64 // where the scanner is; where the last token began
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		adv, tok, err := bufio.ScanLines(data, atEOF)
		if tok != nil {
			start = pos
		}
		pos += int64(adv)
		return adv, tok, err
	})
	b := &lineBatch{done: make(chan struct{})}
	flush := func() bool {
		if len(b.lines) == 0 {
			return true
		}
		ok := send(b)
		b = &lineBatch{done: make(chan struct{})}
		return ok
	}
	line := 0
	for sc.Scan() {
		line++
		text, off := sc.Bytes(), start
		if line == 1 {
			// Spreadsheet and Windows tools start UTF-8 files with a byte
			// order mark; the scanner already drops CRLF's \r.
			if t := bytes.TrimPrefix(text, []byte("\ufeff")); len(t) != len(text) {
				text, off = t, off+int64(len(text)-len(t))
			}
		}
		if len(bytes.TrimSpace(text)) == 0 {
			continue
		}
		if line > math.MaxInt32 {
			if !flush() {
				return nil
			}
			return fmt.Errorf("%s:%d: more than %d lines: split the file", name, line, math.MaxInt32)
		}
		b.lines = append(b.lines, batchLine{start: len(b.data), end: len(b.data) + len(text), off: off, line: line})
		b.data = append(b.data, text...)
		if len(b.lines) >= batchLines || len(b.data) >= batchBytes {
			if !flush() {
				return nil
			}
		}
	}
	if !flush() {
		return nil
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		return fmt.Errorf("%s:%d: line longer than the limit of %s", name, line+1, opt.MaxLineText)
	} else if err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}

// parse parses the batch's lines with review.ParseLine, up to the first
// bad one.
func (b *lineBatch) parse(name string, seed maphash.Seed) {
	defer close(b.done)
	b.out = make([]parsedLine, 0, len(b.lines))
	for _, l := range b.lines {
		text := b.data[l.start:l.end]
		rec, err := review.ParseLine(l.line, text)
		if err != nil {
			var le *review.LineError
			if errors.As(err, &le) {
				le.File = name
			}
			b.err = err
			return
		}
		p := parsedLine{il: indexedLine{off: l.off, n: int32(len(text)), line: int32(l.line), sum: maphash.Bytes(seed, text)}}
		if sub := rec.Submission; sub != nil {
			if sub.Candidate != nil {
				_, err := review.NormalizeState(sub.Candidate.State)
				p.badState = err != nil
			}
			p.named = namesFiles(sub)
		}
		p.app, p.rank = rec.Rank()
		b.out = append(b.out, p)
	}
	b.data = nil
}
