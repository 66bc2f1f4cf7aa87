// The lead preamble: how a lead command opens the store, says who acts and
// checks that they may, and how it names an attempt.
//
// Who acts, for every command: over ssh the owner of the key; locally the
// person --as ID or --reviewer ID names, whose registered role then
// applies, else the operator (the file's owner), who acts as admin under
// --reviewer's default ($ASSESSOR_REVIEWER, else the login name). permissions.go checks that against
// the command's row of review.Permissions before the command runs and sets
// --reviewer to whoever acts, so what a command records names them; the
// store checks a lead again where it records one (reveal, amend, …).

package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// asLeadFlag adds to cmd the --as flag every lead command takes: the lead
// who acts, when not --reviewer. Over SSH it may only name the key's owner
// (serveCommands).
func asLeadFlag(cmd *cobra.Command, as *string) {
	cmd.Flags().StringVar(as, "as", "", "your lead id (default: --reviewer)")
}

// withLead is the preamble of every lead command: it opens the existing
// store (withStore), checks that as, else --reviewer, may use the lead
// tools (lead), and only then runs fn with the store and the lead's id.
// The store is released when fn returns.
func (g *globals) withLead(as string, fn func(st *store.Store, lead string) error) error {
	return g.leadOn(g.withStore, as, fn)
}

// withLeadRead is withLead for a lead command that only reads
// (withReadStore).
func (g *globals) withLeadRead(as string, fn func(st *store.Store, lead string) error) error {
	return g.leadOn(g.withReadStore, as, fn)
}

// leadOn is withLead on the store open opens.
func (g *globals) leadOn(open func(func(*store.Store) error) error, as string, fn func(st *store.Store, lead string) error) error {
	return open(func(st *store.Store) error {
		lead, err := g.lead(st, as)
		if err != nil {
			return err
		}
		err = fn(st, lead)
		if g.operator && errors.Is(err, review.ErrNotLead) {
			// The operator may run it, but the store records a lead by
			// name, and the operator's name is none.
			err = fmt.Errorf("%w: this is recorded under a lead's name: pass --as LEAD", err)
		}
		return err
	})
}

// withLeadScreen is withLead for a lead's screen (leaks work,
// adjudicate), which records what the lead does under their name: the
// operator, nobody named, is refused before it opens, unless their login
// name is a registered lead, rather than on every read inside it, where
// the screen could only say that the operator is no lead.
func (g *globals) withLeadScreen(name, as string, fn func(st *store.Store, lead string) error) error {
	return g.withLead(as, func(st *store.Store, lead string) error {
		if g.operator {
			r, err := st.Reviewer(lead)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return err
			}
			if err != nil || !r.CanLead() {
				return fmt.Errorf("%s records what you do under a lead's name, and %s is no lead: pass --as LEAD (%s names the leads)", name, lead, g.invocation("reviewers list"))
			}
		}
		return fn(st, lead)
	})
}

// withLeadAttempt is withLead for a lead command given a HANDLE argument:
// after the lead check it resolves name, a HANDLE or HANDLE#n
// (store.Resolve), and runs fn with the attempt's key.
func (g *globals) withLeadAttempt(as, name string, fn func(st *store.Store, lead string, key review.AttemptKey) error) error {
	return g.withLead(as, resolved(name, fn))
}

// withLeadAttemptRead is withLeadAttempt for a command that only reads.
func (g *globals) withLeadAttemptRead(as, name string, fn func(st *store.Store, lead string, key review.AttemptKey) error) error {
	return g.withLeadRead(as, resolved(name, fn))
}

// resolved turns name, a HANDLE or HANDLE#n (store.Resolve), into the
// attempt's key before fn runs.
func resolved(name string, fn func(st *store.Store, lead string, key review.AttemptKey) error) func(*store.Store, string) error {
	return func(st *store.Store, lead string) error {
		key, _, err := st.Resolve(name)
		if err != nil {
			return err
		}
		return fn(st, lead, key)
	}
}

// actingAs is who acts in a command that takes --as: as, else --reviewer.
func (g *globals) actingAs(as string) string {
	if as != "" {
		return as
	}
	return g.reviewer
}

// lead names who acts in a lead command (--as, else --reviewer) and checks
// that they may use the lead tools, with a one-line error that says what to
// do. The store checks again where it matters (Reveal, Amend, …); this
// gives the same answer before any other work.
func (g *globals) lead(st *store.Store, as string) (string, error) {
	id := g.actingAs(as)
	if g.operator {
		// Nobody named: the file's owner acts as admin. What the store
		// records under a lead's name (reveal, amend, revoke) still needs
		// a registered one, and the store says so.
		return id, nil
	}

	r, err := st.Reviewer(id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return "", fmt.Errorf("%q is not a registered reviewer and lead tools need a lead: %s", id, remedy(id, review.RoleLead, dbFlag(g.db)))
	case err != nil:
		return "", err
	case !r.CanLead():
		return "", fmt.Errorf("%s has role %s and lead tools need role lead or admin: %s", id, r.Role, remedy(id, review.RoleLead, dbFlag(g.db)))
	}
	return id, nil
}
