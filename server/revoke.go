package server

import "errors"

// noticeRevoked is printed on a session ended because its key was removed.
const noticeRevoked = "your SSH key was removed by an admin: this session has ended"

// list is a copy of the open sessions.
func (h *hub) list() []*liveSession {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*liveSession, 0, len(h.sessions))
	for ls := range h.sessions {
		out = append(out, ls)
	}
	return out
}

// endRemoved ends, at once and without saving, every open session whose
// key no longer names its reviewer (reviewers remove, reviewers keys
// remove). Nothing is saved: a draft save would take the attempt back,
// and the removal already released their claims.
func (s *Server) endRemoved() {
	for _, ls := range s.hub.list() {
		r, err := s.keys.reviewer(ls.key)
		if errors.Is(err, errUnknownKey) || err == nil && r.ID != ls.reviewer.ID {
			s.log.Info("session ended: key removed", "reviewer", ls.reviewer.ID, "key", shortFingerprint(ls.key))
			ls.removed.Store(true)
			ls.kill()
		}
	}
}
