package review

import (
	"errors"
	"fmt"
)

// A reviewer may have one attempt open in two sessions at once (a second
// terminal, or a reconnect while the old session lives on), and each saves
// its whole copy of the draft. A copy read before the other session's last
// save would undo that save without a word, so it is refused instead.

// ErrDraftChanged means a save or a decision was made from a copy of the
// reviewer's draft that another session of theirs saved over since it
// was read.
var ErrDraftChanged = errors.New("changed in another session")

// Over returns copy d as it is to be stored over stored, one revision past
// it. stored must be the revision d was read at, or one d's own session
// saved (its saves run on their own and may land in any order; none may
// refuse another); else ErrDraftChanged, naming the attempt by handle.
func (d Draft) Over(stored Draft, handle string) (Draft, error) {
	if d.Revision != stored.Revision && (d.Session == "" || d.Session != stored.Session) {
		return Draft{}, fmt.Errorf("your draft of %s was %w", handle, ErrDraftChanged)
	}
	d.Revision = stored.Revision + 1
	return d, nil
}
