package server

import (
	"errors"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"assessor/review"
	"assessor/store"
)

// Index refresh policy. Reviewers cannot change behind the server's back
// (it holds the store's only write lock), so the index is mostly a cache of
// itself; the age limit and the refresh on a miss keep it honest should a
// change ever come from inside this process, without re-reading every
// reviewer on every connection.
const (
	indexMaxAge     = 30 * time.Second
	indexMissRetry  = time.Second // an unknown key refreshes at most this often
	fingerprintSize = 16          // characters of a fingerprint kept in logs
)

// errUnknownKey means no reviewer lists the key the session authenticated with.
var errUnknownKey = errors.New("this SSH key is not registered: ask an admin to run assessor reviewers add")

// reviewerSource is what the index reads; *store.Store implements it.
type reviewerSource interface {
	Reviewers() ([]review.Reviewer, error)
	Reviewer(id string) (review.Reviewer, error)
}

// keyIndex maps SSH public keys (wire form) to reviewer ids. It is safe for
// concurrent use: lookups share a read lock, a refresh swaps the map.
type keyIndex struct {
	src reviewerSource
	now func() time.Time

	mu    sync.RWMutex
	byKey map[string]string
	built time.Time
}

func newKeyIndex(src reviewerSource) *keyIndex {
	return &keyIndex{src: src, now: time.Now}
}

// buildKeyIndex parses every reviewer's keys. A key listed by two reviewers
// is left out: a key must name one person, and refusing it is safer than
// guessing which. Unparsable keys are skipped (reviewers add never stores
// one), and so are certificates an earlier release stored: their expiry,
// principals and signer are not checked, so they let no one in.
func buildKeyIndex(rs []review.Reviewer) (map[string]string, []string) {
	byKey := make(map[string]string, len(rs))
	var ambiguous []string
	for _, r := range rs {
		for _, line := range r.Keys {
			pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
			if err != nil || isCertificate(pk) {
				continue
			}
			k := string(pk.Marshal())
			if other, ok := byKey[k]; ok && other != r.ID {
				ambiguous = append(ambiguous, gossh.FingerprintSHA256(pk))
				byKey[k] = "" // poisoned: matches nobody
				continue
			}
			byKey[k] = r.ID
		}
	}
	return byKey, ambiguous
}

// refresh re-reads every reviewer and swaps the index in. It returns the
// fingerprints of keys refused for being listed by two reviewers.
func (x *keyIndex) refresh() ([]string, error) {
	rs, err := x.src.Reviewers()
	if err != nil {
		return nil, err
	}
	byKey, ambiguous := buildKeyIndex(rs)
	x.mu.Lock()
	x.byKey, x.built = byKey, x.now()
	x.mu.Unlock()
	return ambiguous, nil
}

// lookup returns the id of the reviewer who registered key.
func (x *keyIndex) lookup(key ssh.PublicKey) (string, bool, error) {
	if key == nil {
		return "", false, nil
	}
	k := string(key.Marshal())
	x.mu.RLock()
	id, ok := x.byKey[k]
	age := x.now().Sub(x.built)
	x.mu.RUnlock()
	if (ok && age < indexMaxAge) || (!ok && age < indexMissRetry) {
		return id, ok && id != "", nil
	}
	if _, err := x.refresh(); err != nil {
		return "", false, err
	}
	x.mu.RLock()
	id, ok = x.byKey[k]
	x.mu.RUnlock()
	return id, ok && id != "", nil
}

// reviewer returns the reviewer who owns key, read fresh from the store so
// a session gets the current role and conflicts. It checks again that the
// key is still theirs: the index may be up to indexMaxAge old.
func (x *keyIndex) reviewer(key ssh.PublicKey) (review.Reviewer, error) {
	id, ok, err := x.lookup(key)
	if err != nil {
		return review.Reviewer{}, err
	}
	if !ok {
		return review.Reviewer{}, errUnknownKey
	}
	r, err := x.src.Reviewer(id)
	if errors.Is(err, store.ErrNotFound) {
		return review.Reviewer{}, errUnknownKey
	} else if err != nil {
		return review.Reviewer{}, err
	}
	for _, line := range r.Keys {
		pk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err == nil && ssh.KeysEqual(pk, key) {
			return r, nil
		}
	}
	return review.Reviewer{}, errUnknownKey
}

// authorize is the server's public key handler: only registered keys get
// in, so an unknown key sees nothing but "Permission denied".
func (s *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	askedAbout(ctx, key) // the key a login that succeeds used (keyconns.go)
	id, ok, err := s.keys.lookup(key)
	if err != nil {
		s.log.Error("reviewer lookup failed", "remote", ctx.RemoteAddr().String(), "key", shortFingerprint(key), "err", err)
		return false
	}
	if !ok {
		// Spaced: a client offers any number of keys without logging in.
		if n, due := s.refusedKeys.tick(); due {
			s.log.Info("refused unknown key", "remote", ctx.RemoteAddr().String(), "key", shortFingerprint(key), "refused", n)
		}
	} else {
		s.log.Debug("key accepted", "reviewer", id)
	}
	return ok
}

// shortFingerprint is enough of a key's SHA256 fingerprint to tell keys
// apart in a log line.
func shortFingerprint(key ssh.PublicKey) string {
	if key == nil {
		return "none"
	}
	fp := gossh.FingerprintSHA256(key)
	if len(fp) > len("SHA256:")+fingerprintSize {
		fp = fp[:len("SHA256:")+fingerprintSize]
	}
	return fp
}

// isCertificate reports whether pk is an SSH certificate rather than a key.
func isCertificate(pk gossh.PublicKey) bool {
	_, ok := pk.(*gossh.Certificate)
	return ok
}
