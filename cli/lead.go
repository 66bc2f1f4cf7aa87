package cli

import (
	"errors"
	"fmt"

	"assessor/store"
)

// lead names who acts in a lead command (--as, else --reviewer) and checks
// that they may use the lead tools, with a one-line error that says what to
// do. The store checks again where it matters (Reveal, Amend, …); this
// gives the same answer before any other work.
func (g *globals) lead(st *store.Store, as string) (string, error) {
	id := as
	if id == "" {
		id = g.reviewer
	}

	const how = "pass --as LEAD, or have an admin run: assessor reviewers add ID --role lead"
	r, err := st.Reviewer(id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", fmt.Errorf("%q is not a registered reviewer and lead tools need a lead: %s", id, how)
	case err != nil:
		return "", err
	case !r.CanLead():
		return "", fmt.Errorf("%s has role %s and lead tools need role lead or admin: %s", id, r.Role, how)
	}
	return id, nil
}
