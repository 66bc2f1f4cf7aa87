// The permission model applied: every command's row of
// review.Permissions is checked here, before it runs, locally and over SSH.

package cli

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// rowsFlag annotates a command that lists people's rows: there --reviewer
// ID names whose row to read, for a lead, rather than who acts; the
// annotation's value is the refusal a reviewer naming someone else gets.
const rowsFlag = "rows-flag"

// listedRows is who a rows command lists (rowsFlag): --reviewer's person
// when given, else everyone ("") for a lead and the actor for anyone else,
// who may name only themselves.
func (g *globals) listedRows(cmd *cobra.Command, st *store.Store) (string, error) {
	lead := g.actsAsLead(st)
	switch {
	case g.rowsOf != "" && g.rowsOf != g.reviewer && !lead:
		return "", fmt.Errorf("%s: %s", commandName(cmd), cmd.Annotations[rowsFlag])
	case g.rowsOf != "":
		return g.rowsOf, nil
	case !lead:
		return g.reviewer, nil
	}
	return "", nil
}

// cobraOwn reports whether cobra added cmd (help, completion), which
// reads nothing of the store and needs no row.
func cobraOwn(cmd *cobra.Command) bool {
	for c := cmd; c != nil && c.HasParent(); c = c.Parent() {
		if c.Parent() == c.Root() {
			switch c.Name() {
			case "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
				return true // the last two are what completion scripts run
			}
			return false
		}
	}
	return false
}

// decorate gives every command an --as flag (who acts, instead of
// --reviewer) where it has none of its own, and says in each
// command's help who may run it and, for a local-only one, why it does
// not run over ssh. It returns the roles of the commands under c.
func decorate(root *cobra.Command) {
	var walk func(*cobra.Command) map[review.Role]bool
	walk = func(c *cobra.Command) map[review.Role]bool {
		roles := map[review.Role]bool{}
		for _, sub := range c.Commands() {
			maps.Copy(roles, walk(sub))
		}
		if !c.HasParent() && c.Runnable() && c.Flags().Lookup("as") == nil {
			// `assessor` alone is `assessor review`, and takes its --as.
			c.Flags().String("as", "", "who acts: your id (default: --reviewer)")
		}
		p, ok := review.Permissions[commandName(c)]
		if !ok || !c.Runnable() {
			// A group is marked as its commands are, when they agree.
			if len(roles) == 1 {
				for r := range roles {
					markOnly(c, r)
				}
			}
			return roles
		}
		if c.Flags().Lookup("as") == nil && c.InheritedFlags().Lookup("as") == nil {
			c.Flags().String("as", "", "who acts: your id (default: --reviewer)")
		}
		if c.Long == "" {
			c.Long = c.Short
		}
		markOnly(c, p.Role)
		c.Long += "\n\nWho: " + p.Role.Plural() + "."
		if p.Where == review.LocalOnly {
			c.Long += " Local only, not over ssh: " + p.Why + "."
		}
		roles[p.Role] = true
		return roles
	}
	walk(root)
}

// markOnly ends c's Short with "(leads and admins)" or "(admins only)" for a
// command of role r, where it does not say so already: every list of
// commands marks them alike (some Shorts said so by hand, others not).
func markOnly(c *cobra.Command, r review.Role) {
	if only := map[review.Role]string{review.RoleLead: "leads and admins", review.RoleAdmin: "admins only"}[r]; only != "" && !strings.Contains(c.Short, only) {
		c.Short += " (" + only + ")"
	}
}

// actor is who a command acts as: over ssh the key's owner; locally --as
// where given, else --reviewer.
func (g *globals) actor(cmd *cobra.Command) string {
	if f := cmd.Flags().Lookup("as"); f != nil && f.Changed {
		return f.Value.String()
	}
	return g.reviewer
}

// authorize is the root's PersistentPreRunE, locally and over ssh: who
// may run cmd (authorizeRole), then its required flags, which cobra checks
// after this hook in words that name the flags but not where to read
// about them.
func (g *globals) authorize(cmd *cobra.Command, args []string) error {
	if f := cmd.Flags().Lookup("db"); g.served == nil && f != nil && f.Changed && strings.TrimSpace(f.Value.String()) == "" {
		// --db "$STORE" with STORE unset: not the default store, silently.
		// (Over ssh any --db is refused, naming no path of the server's.)
		if _, ok := homeDataDir(); !ok { // no default to leave --db out for (noDataDir)
			return errors.New("--db is empty: give the store file (there is no default store: neither XDG_DATA_HOME nor HOME is set to an absolute folder)")
		}
		return errors.New("--db is empty: give the store file, or leave --db out for the default " + defaultStorePath(defaultStoreName))
	}
	if cmd.Runnable() && !cobraOwn(cmd) {
		if err := noDataDir(g, cmd); err != nil {
			return err
		}
	}
	if err := g.authorizeRole(cmd, args); err != nil {
		return err
	}
	if err := cmd.ValidateRequiredFlags(); err != nil {
		return fmt.Errorf("%w (%s --help)", err, cmd.CommandPath())
	}
	return nil
}

// authorizeRole checks the acting person against cmd's row of
// review.Permissions and from then on --reviewer names them, so what a
// command records (audit log, decisions, amendments) names who was
// checked.
func (g *globals) authorizeRole(cmd *cobra.Command, _ []string) error {
	name := commandName(cmd)
	if cmd == cmd.Root() {
		name = "review" // `assessor` alone is `assessor review`
	}
	g.command = name
	p, ok := review.Permissions[name]
	switch {
	case !ok && (cobraOwn(cmd) || !cmd.Runnable() || cmd.HasSubCommands()):
		return nil // help, completion, a group printing its help
	case !ok:
		return fmt.Errorf("%s has no row in the permission model (review.Permissions)", name)
	}
	id := g.actor(cmd)
	if fl := cmd.Flags().Lookup("reviewer"); fl != nil && fl.Changed && cmd.Annotations[rowsFlag] != "" {
		g.rowsOf = fl.Value.String()
	}
	if u := g.served; u != nil {
		for _, f := range []string{"db", "reviewer"} {
			fl := cmd.Flags().Lookup(f)
			switch {
			case fl == nil || !fl.Changed || (f == "reviewer" && fl.Value.String() == u.who.ID):
			case f == "reviewer" && g.rowsOf != "" && u.who.CanLead():
				// A lead reads the rows of whoever --reviewer names.
			case f == "reviewer" && g.rowsOf != "":
				return fmt.Errorf("%s: %s", name, cmd.Annotations[rowsFlag])
			case f == "db":
				return errors.New("over ssh the commands run on the server's store, the only one it offers: drop --db")
			default:
				return fmt.Errorf("over ssh you act as %s, the owner of your key: drop --reviewer", u.who.ID)
			}
		}
		g.reviewer = u.who.ID
		// Without --as, id is --reviewer's, checked just above.
		if as := cmd.Flags().Lookup("as"); as != nil && as.Changed && id != u.who.ID {
			return fmt.Errorf("over ssh you act as %s, the owner of your key: drop --as %s", u.who.ID, id)
		}
		if p.Where == review.LocalOnly {
			return fmt.Errorf("%s is not offered over ssh: %s", name, p.Why)
		}
		return p.Allow(name, u.who.ID, u.who.Role)
	}
	if g.named(cmd) && !review.ValidID(id) {
		// It would be recorded on claims, drafts and decisions.
		return fmt.Errorf("%q is not a reviewer id: an id %s", id, review.ErrBadID)
	}
	if !g.named(cmd) {
		// The operator, who opened the file: they hold everything in it
		// anyway, so they act as admin, under --reviewer's default.
		g.operator = true
		return nil
	}
	if p.Role != review.RoleReviewer {
		g.allow = func(st *store.Store, path string) error { return allowLocal(st, path, dbFlag(g.db), name, p, id) }
	}
	g.reviewer = id
	return nil
}

// named reports whether a local command was told who acts: by --as, by
// --reviewer, or by $ASSESSOR_REVIEWER, which says the same as --reviewer
// for a whole shell. Only the login name, --reviewer's last default, names
// the operator, who acts as admin under it.
func (g *globals) named(cmd *cobra.Command) bool {
	for _, f := range []string{"as", "reviewer"} {
		if fl := cmd.Flags().Lookup(f); fl != nil && fl.Changed {
			return true
		}
	}
	return os.Getenv(reviewerEnv) != ""
}

// allowLocal checks the row for a local command run by someone named.
// The store file is the boundary (whoever can open it holds everything in
// it), so this check is about who is recorded as acting, not a lock: a
// named person's registered role applies, and an unregistered id may run
// only what every reviewer may. It runs on the store at path the command
// opens, st, so it checks the store the command uses; a store not made yet
// (st nil) has no one registered in it. db is --db as given, for the
// line it prints (remedy).
func allowLocal(st *store.Store, path, db, name string, p review.Permission, id string) error {
	var r review.Reviewer
	var err error = store.ErrNotFound
	if st != nil {
		r, err = st.Reviewer(id)
	}
	known := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if known && r.Role.AtLeast(p.Role) {
		return nil
	}
	fix := remedy(id, p.Role, db)
	none := true // no store yet: no admin
	if st != nil {
		if none, err = noAdmin(st); err != nil {
			return err
		}
	}
	if none {
		// "have an admin run" would go in a circle. The operator's lines
		// name the store as opened, given or not.
		db := dbFlag(path)
		fix = "the store has no admin yet: register one as its operator, naming no one (no --as, --reviewer or " +
			reviewerEnv + "): assessor reviewers add ID --role admin" + db
		if st != nil && st.Schema() < store.SchemaVersion {
			// An older store refuses reviewers add until it is upgraded.
			fix = "the store has no admin yet and was written by an older assessor: as its operator, naming no one (no --as, --reviewer or " +
				reviewerEnv + "), upgrade it (assessor upgrade" + db + "), then register one (assessor reviewers add ID --role admin" + db + ")"
		}
	}
	switch {
	case !known:
		return fmt.Errorf("%s is for %s and %q is not a registered reviewer: %s", name, p.Role.Plural(), id, fix)
	case p.Role == review.RoleLead:
		return fmt.Errorf("%s is for leads and admins: %s has role %s and lead tools need role lead or admin: %s", name, id, r.Role, fix)
	}
	return fmt.Errorf("%s is for %s and %s has role %s: %s", name, p.Role.Plural(), id, r.Role, fix)
}

// noAdmin reports whether st has no reviewer of role admin yet.
func noAdmin(st *store.Store) (bool, error) {
	rs, err := st.Reviewers()
	return err == nil && !review.HasAdmin(rs), err
}

// remedy is what to do when id may not act in role: name someone who may,
// or have id given the role. It reads the same whether id came from --as,
// --reviewer or $ASSESSOR_REVIEWER. db is --db as given (dbFlag): the
// admin's line names the store, and not who acts, as the admin is another
// person.
func remedy(id string, role review.Role, db string) string {
	return fmt.Sprintf("name someone who may with --as ID, or have an admin run: assessor reviewers add %s --role %s%s", server.ShellWord(id), role, db)
}

// actsAsLead reports whether who acts may see what leads see in a command
// open to every reviewer: over ssh the key's owner is a lead or admin;
// locally the operator (nobody named) is, or the named person is a
// registered lead or admin.
func (g *globals) actsAsLead(st *store.Store) bool {
	switch {
	case g.served != nil:
		return g.served.who.CanLead()
	case g.operator:
		return true
	}
	r, err := st.Reviewer(g.reviewer)
	return err == nil && r.CanLead()
}
