package store

import "assessor/review"

// noticeFunc is what OnNotice calls.
type noticeFunc = func(review.AttemptNotice)

// OnNotice sets f to be called, after the commit, with what each lead's
// change to an attempt did (review.AttemptNotice): WorkFlag and
// ReleaseFile change what reviewers read, Amend the feedback a later
// attempt's reviewer reads, ReleaseClaim ends a claim, an import decides
// an attempt someone holds. A
// server sets it to tell the screens that have the attempt open. f runs
// on the caller's goroutine and must not block; nil stops the calls.
func (s *Store) OnNotice(f func(review.AttemptNotice)) {
	if f == nil {
		s.notices.Store(nil)
		return
	}
	s.notices.Store(&f)
}

// notify passes n to the OnNotice function, if any.
func (s *Store) notify(n review.AttemptNotice) {
	if f := s.notices.Load(); f != nil {
		(*f)(n)
	}
}
