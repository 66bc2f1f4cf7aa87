package store

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
)

// A damaged file (a flipped bit on disk, a torn copy) reaches bbolt, which
// trusts its pages: it panics on a failed assertion or faults on a page id
// past the end of the map. guard turns both into one error naming the file,
// and so does txError for a value our own decoders reject (ErrCorrupt), so
// that every command fails in one line instead of a stack trace. A panic
// inside a write transaction has already rolled it back (bbolt's Update
// does so before the panic leaves it), so nothing is written.

// guard runs fn with memory faults turned into panics, and a panic turned
// into an ErrCorrupt error about the store: a damaged page, or a record
// that fails its checksum (record.go).
func (s *Store) guard(fn func() error) error {
	err := safely(fn)
	var p *pageError
	var re *recordError
	switch {
	case errors.As(err, &p):
		return s.damaged(fmt.Errorf("%w (%s)", ErrCorrupt, p.msg))
	case errors.As(err, &re):
		return s.damaged(err)
	}
	return err
}

// safely runs fn with memory faults turned into panics (on this goroutine:
// bbolt reads in the caller's), and returns a panic as a *pageError, or as
// the *recordError it was.
func safely(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(*recordError); ok {
				err = re
				return
			}
			err = &pageError{firstLine(fmt.Sprint(r))}
		}
	}()
	return fn()
}

// pageError is a panic or fault met reading a damaged page.
type pageError struct{ msg string }

func (e *pageError) Error() string { return "damaged page (" + e.msg + ")" }

// damaged wraps an ErrCorrupt error in the one line a user sees: which
// file, what is wrong, what to do.
//
// The first damage met is kept: from then on the store writes nothing
// (intact), so that nothing builds on it, as docs/operations.md asks
// ("stop writing") while the admin restores a backup. A server that met it
// goes on answering what it can read.
func (s *Store) damaged(err error) error {
	var d *damageError
	if !errors.As(err, &d) {
		d = &damageError{path: s.path, err: err}
		err = d
	}
	s.broken.CompareAndSwap(nil, d)
	return err
}

// intact is nil until the store has met damage, then that damage: every
// write transaction checks it before it changes anything.
func (s *Store) intact() error {
	if d := s.broken.Load(); d != nil {
		return d
	}
	return nil
}

// damageError is an ErrCorrupt error naming the store file.
type damageError struct {
	path string
	err  error
}

func (e *damageError) Error() string {
	// Not "assessor backup makes one": a backup taken now copies the
	// damage (backup refuses, or with --force keeps it).
	return "store " + e.path + ": " + e.err.Error() + ": restore it from a backup made before it was damaged"
}

func (e *damageError) Unwrap() error { return e.err }

// firstLine is s up to its first newline, so a panic message stays one line.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
