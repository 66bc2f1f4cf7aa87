package review

import (
	"errors"
)

// ErrLastAdmin is returned for a change to the reviewers that would leave
// no admin able to sign in: over `serve`, admins are the only ones who add,
// remove and change reviewers, so nobody could then undo it but someone
// holding the store file.
var ErrLastAdmin = errors.New("that would leave no admin with a key")

// KeepsAnAdmin checks a change that makes reviewer id after (nil: removes
// them) against all, the reviewers before it: while some admin has a key,
// one must still have one after.
func KeepsAnAdmin(all []Reviewer, id string, after *Reviewer) error {
	signsIn := func(r Reviewer) bool { return r.Role == RoleAdmin && len(r.Keys) > 0 }
	if after != nil && signsIn(*after) {
		return nil
	}
	was := false
	for _, r := range all {
		if !signsIn(r) {
			continue
		}
		if r.ID != id {
			return nil // another admin signs in
		}
		was = true
	}
	if !was {
		return nil // no admin signed in before either
	}
	return Mendf("reviewers add ID --role admin --key FILE", "reviewers add ID --role admin --key - < FILE",
		"%s is the last admin with a key and %w: add another admin first (%s)", id, ErrLastAdmin)
}

// HasAdmin reports whether any of all has role admin: until one has, the
// store's operator registers the first.
func HasAdmin(all []Reviewer) bool {
	for _, r := range all {
		if r.Role == RoleAdmin {
			return true
		}
	}
	return false
}
