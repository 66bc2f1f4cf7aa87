package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"runtime"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// pageProblems is bbolt's own consistency check of the file (tx.Check:
// pages freed twice, unreachable or out of order), as one-line problems.
// tx.Check walks the pages in a goroutine of its own, where a panic or a
// fault on a damaged page would end the process with a stack trace that no
// recover here can catch. So every page is first read here, under a
// recover, after every page header has been checked to stay inside the
// file (a header claiming four billion overflow pages makes tx.Check fill a
// map until memory runs out): a file whose pages cannot all be read is
// reported as such and tx.Check is not run on it. The headers are read
// from the file at path, the one tx's store was opened at (not DB.Path: an
// upgrade's copy step keeps the name its copy had before the rename).
//
// bbolt's check is unsafe beside a writer in a read transaction, so tx must
// be a write transaction (rolled back afterwards) unless the store is open
// read-only.
func pageProblems(tx *bolt.Tx, path string) []string {
	// bbolt loads no free list read-only, which the header check needs:
	// there only the walk, not tx.Check, is safe. Otherwise the headers go
	// first: read from the file, they name the damaged page, where the
	// walk, reading through the map, may only fault (whether a key run past
	// its page faults depends on how far the map reaches).
	readOnly := tx.DB().IsReadOnly()
	var header *headerPageError
	if !readOnly {
		if err := pageHeaders(tx, path); errors.As(err, &header) {
			// headerProblem's to report (Check does): the store reads
			// from the other header, and a copy or compaction writes
			// both afresh. Every other page is still read below.
		} else if err != nil {
			return []string{"bbolt: " + err.Error()}
		}
	}
	if err := readAllPages(tx); err != nil {
		return []string{"bbolt: " + err.Error()}
	}
	if readOnly || header != nil {
		return nil
	}
	var problems []string
	for err := range tx.Check() {
		problems = append(problems, "bbolt: "+err.Error())
	}
	return problems
}

// readAllPages walks every bucket and key of tx and touches every value, so
// each page is read once; a panic or memory fault becomes an error. The
// walk stops at more entries than the file can hold, which only a cycle of
// pages gives.
func readAllPages(tx *bolt.Tx) error {
	return safely(func() error { return walkPages(tx) })
}

// walkPages is readAllPages without the recover.
func walkPages(tx *bolt.Tx) error {
	limit := tx.Size() / 16 // a leaf element's header is 16 bytes
	var seen int64
	var sum byte
	var walk func(b *bolt.Bucket) error
	walk = func(b *bolt.Bucket) error {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if seen++; seen > limit {
				return fmt.Errorf("damaged pages (more entries than the file can hold: a cycle)")
			}
			if len(v) > 0 {
				sum ^= v[0] ^ v[len(v)-1]
			} else if v == nil {
				if child := b.Bucket(k); child != nil {
					if err := walk(child); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	err := tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
	runtime.KeepAlive(sum) // used, so the compiler keeps the reads
	return err
}

// pageHeaders checks the header of every page below the high-water mark:
// a known type, a run of overflow pages that ends inside the file, and no
// more elements than the run can hold. Free pages are skipped; a page's
// overflow pages are not headers.
func pageHeaders(tx *bolt.Tx, path string) error {
	return safely(func() error { return checkHeaders(tx, path) })
}

// checkHeaders is pageHeaders without the recover.
func checkHeaders(tx *bolt.Tx, path string) error {
	pageSize := tx.DB().Info().PageSize
	high := int(tx.Size() / int64(pageSize))
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for id := 0; id < high; {
		p, err := tx.Page(id)
		if err != nil || p == nil {
			return fmt.Errorf("page %d: unreadable (%v)", id, err)
		}
		if p.Type == "free" {
			id++
			continue
		}
		switch {
		case id < 2 && p.Type != "meta":
			// bbolt reads the other header page, and the next commit
			// rewrites this one; but tx.Check would assert its type, out
			// of any recover's reach.
			return &headerPageError{id}
		case p.Type != "leaf" && p.Type != "branch" && p.Type != "meta" && p.Type != "freelist":
			return fmt.Errorf("page %d: damaged header (type %s)", id, p.Type)
		case p.OverflowCount < 0 || id+p.OverflowCount >= high:
			return fmt.Errorf("page %d: damaged header (%s past the end of the file)", id, review.Count(p.OverflowCount, "overflow page", "overflow pages"))
		case (p.Type == "leaf" || p.Type == "branch") && p.Count*16 > (p.OverflowCount+1)*pageSize:
			return fmt.Errorf("page %d: damaged header (%s in %s)", id, review.Count(p.Count, "element", "elements"), review.Count(p.OverflowCount+1, "page", "pages"))
		case p.Type == "meta" || p.Type == "freelist":
			// tx.Check asserts these pages' own ids in its goroutine; the
			// walk above reads the others, and asserts theirs under recover.
			if self, err := pageSelfID(f, id, pageSize); err != nil || self != uint64(id) {
				return fmt.Errorf("page %d: damaged header (it says it is page %d)", id, self)
			}
		case p.Type == "branch" || p.Type == "leaf":
			// tx.Check reads every key whole in its goroutine, where a
			// length past the page faults beyond any recover.
			if err := elementsInside(f, id, p.Count, p.Type == "leaf", (p.OverflowCount+1)*pageSize, pageSize); err != nil {
				return err
			}
		}
		id += 1 + p.OverflowCount
	}
	return nil
}

// headerPageError is a header page (0 or 1) whose header does not read
// as one: damaged, while bbolt reads the other.
type headerPageError struct{ id int }

func (e *headerPageError) Error() string {
	return fmt.Sprintf("page %d: damaged header page", e.id)
}

// pageSelfID is the id page id's header gives itself, read from the file:
// bbolt's PageInfo reports the id asked for. bbolt writes it in the
// machine's byte order, little-endian on every platform Go builds it for
// but s390x and the big-endian MIPS and PowerPC ones.
func pageSelfID(f *os.File, id, pageSize int) (uint64, error) {
	var b [8]byte
	if _, err := f.ReadAt(b[:], int64(id)*int64(pageSize)); err != nil {
		return 0, err
	}
	return binary.NativeEndian.Uint64(b[:]), nil
}

// elementsInside checks that each of the count elements of page id, size
// bytes with its overflow, points at a key (and, in a leaf, a value) inside
// the page. An element is 16 bytes after the 16-byte page header: a branch
// element is the key's offset from the element (uint32), its size (uint32)
// and the child page id; a leaf element is flags, offset, key size and
// value size (uint32 each).
func elementsInside(f *os.File, id, count int, leaf bool, size, pageSize int) error {
	buf := make([]byte, size)
	if _, err := f.ReadAt(buf, int64(id)*int64(pageSize)); err != nil {
		return fmt.Errorf("page %d: unreadable (%v)", id, err)
	}
	for i := range count {
		at := 16 + 16*i
		if at+16 > size {
			return fmt.Errorf("page %d: damaged header (%d elements in %d bytes)", id, count, size)
		}
		e := buf[at : at+16]
		end := uint64(at) + uint64(binary.NativeEndian.Uint32(e)) + uint64(binary.NativeEndian.Uint32(e[4:]))
		if leaf {
			end = uint64(at) + uint64(binary.NativeEndian.Uint32(e[4:])) + uint64(binary.NativeEndian.Uint32(e[8:])) + uint64(binary.NativeEndian.Uint32(e[12:]))
		}
		if end > uint64(size) {
			return fmt.Errorf("page %d: damaged element %d (key or value past the end of the page)", id, i)
		}
	}
	return nil
}
