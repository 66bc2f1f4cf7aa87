package store

import (
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// pageProblems is bbolt's own consistency check of the file (tx.Check:
// pages freed twice, unreachable or out of order), as one-line problems.
// tx.Check walks the pages in a goroutine of its own, where a panic or a
// fault on a damaged page would end the process with a stack trace that no
// recover here can catch. So every page is first read here, under a
// recover: a file whose pages cannot all be read is reported as such and
// tx.Check is not run on it.
//
// bbolt's check is unsafe beside a writer in a read transaction, so tx must
// be a write transaction (rolled back afterwards) unless the store is open
// read-only.
func (s *Store) pageProblems(tx *bolt.Tx) []string {
	if err := readAllPages(tx); err != nil {
		return []string{"bbolt: " + err.Error()}
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
func readAllPages(tx *bolt.Tx) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("damaged page (%s)", firstLine(fmt.Sprint(r)))
		}
	}()
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
	err = tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return walk(b) })
	_ = sum
	return err
}
