// `assessor demo`: a deterministic demo store from the bundled rubrics and
// the synthetic program generator, opened in the reviewer screens.

package cli

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"assessor/demo"
	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// demoSeed makes every demo store hold the same program (dates follow today).
const demoSeed = 1

// demoCmd is `assessor demo`: a store to try the reviewer screens on,
// built once from the bundled rubrics and a deterministic synthetic
// program, then opened like `assessor review`.
func demoCmd(g *globals) *cobra.Command {
	var buildOnly bool
	var apps int
	var nowFlag string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Build a demo store (bundled rubrics, a synthetic program) and open the reviewer queue on it",
		Long: "Build a demo store in the data dir (or --db) from the bundled rubrics and a synthetic,\n" +
			"deterministic program history, then open the reviewer TUI. An existing demo store is\n" +
			"reused, so drafts and decisions survive; delete the file to start over. The demo has a\n" +
			"lead, demo-lead (lead tools take --as demo-lead), and an admin, demo-admin. While the data\n" +
			"dir has no assessor.db, commands run without --db use the demo store and say so. With no\n" +
			"data dir (neither XDG_DATA_HOME nor HOME set to an absolute folder) the demo store is built\n" +
			"in the temporary folder and every other command needs --db naming it. A --db that holds a\n" +
			"program's store (one demo did not build) is refused, left as it was.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path := g.storePath(demoStoreName)
			now, err := parseHistoryEnd(nowFlag)
			if err != nil {
				return err
			}
			if g.db != "" {
				if err := demoOwns(path, g.notify); err != nil {
					return err
				}
			}
			// A demo is built in memory and stored in one transaction, as
			// one of gen's chunks is: larger programs are gen's.
			if apps < 1 || apps > genMostChunk {
				return fmt.Errorf("--applications %d: want 1 to %d (assessor gen builds larger stores)", apps, genMostChunk)
			}
			handle, err := buildDemo(path, apps, now, g.notify)
			if err != nil {
				return err
			}
			// With no home data dir, commands without --db are refused
			// (noDataDir): the demo's examples name its store, as for --db.
			_, home := homeDataDir()
			found := g.db == "" && home
			program := defaultStorePath(defaultStoreName)
			if _, err := os.Stat(program); !found || err != nil {
				program = "" // commands without --db find the demo store
			}
			whoInDemo(cmd.ErrOrStderr(), path, g.reviewer, found, program, handle)
			if buildOnly {
				return nil
			}
			return g.runReview(cmd, g.openExisting, path, "")
		},
	}
	cmd.Flags().BoolVar(&buildOnly, "build-only", false, "build the store and exit without opening the TUI")
	decimalVar(cmd.Flags(), &apps, "applications", 320, "applications to generate (at most 50,000)")
	cmd.Flags().StringVar(&nowFlag, "now", "", "when the synthetic history ends (YYYY-MM-DD or RFC 3339; default: now), so a build can be repeated (test fixtures)")
	return cmd
}

// buildDemo fills an empty store with the bundled rubrics and the synthetic
// history; a store that already holds applications is left as it is. A
// zero now is the time of the build; a fixed one (with the store's clock
// stopped there) gives the same store every time. notify takes what the
// open says. It returns an application's handle for the examples it prints.
func buildDemo(path string, apps int, now time.Time, notify func(string)) (handle string, err error) {
	opt := store.Options{Timeout: lockWait, Rand: rand.NewChaCha8(seedBytes(demoSeed)), Notify: notify}
	if now.IsZero() {
		now = time.Now().UTC()
	} else {
		opt.Now = func() time.Time { return now }
	}
	// Pseudonyms are drawn from the demo's seed too, so every demo store
	// gives the same applications the same handles. A demo store an older
	// release built is the demo's own (demoOwns): it is upgraded, so
	// `assessor demo` works after an update as it did the first time.
	opt.Schema = store.SchemaUpgrade
	st, err := openFile(path, opt)
	if err != nil {
		return "", err
	}
	defer func() {
		forgetStarted(st, err) // a build a full disk cut short
		st.Close()
	}()
	counts, err := st.Counts()
	if err != nil {
		return "", err
	}
	if counts.Applications > 0 {
		log.Info("using existing demo store", "path", path, "applications", counts.Applications, "pending", counts.Pending)
		// A demo store built before the demo had a lead gets one now.
		if err := addDemoSetup(st); err != nil {
			return "", err
		}
		return exampleHandle(st), nil
	}
	rs, err := addBundled(st)
	if err != nil {
		return "", err
	}
	recs := demo.Records(rs, demo.Options{Seed: demoSeed, Applications: apps, Now: now})
	// The demo's evidence files are written in memory and stored with
	// their submissions, as `assessor import --files` would.
	recs, files := demo.Attachments(recs)
	source := func(rec review.Record) store.FileSource {
		if f, ok := files[rec.Submission]; ok {
			return store.Files(f)
		}
		return nil
	}
	if _, err := st.ImportWithFiles("demo", recs, source); err != nil {
		return "", fmt.Errorf("building demo store: %w", err)
	}
	if err := addDemoSetup(st); err != nil {
		return "", err
	}
	counts, err = st.Counts()
	if err != nil {
		return "", err
	}
	log.Info("built demo store", "path", path, "rubrics", len(rs), "applications", counts.Applications, "pending", counts.Pending)
	return exampleHandle(st), nil
}

// readmeHandle is the application the README's lead examples name. A demo
// of another size may not have it.
const readmeHandle = "FA-CRJM"

// exampleHandle is readmeHandle if st has it, or else an application st
// has, or "" for none: the examples demo prints must work on its store.
func exampleHandle(st *store.Store) string {
	apps, err := st.Applications()
	if err != nil || len(apps) == 0 {
		return ""
	}
	for _, a := range apps {
		if a.Pseudonym == readmeHandle {
			return readmeHandle
		}
	}
	return apps[0].Pseudonym
}

// demoOwns refuses a store --db names that demo did not build: demo
// registers its own lead and admin and loads synthetic applications, which
// must never land in a program's store (demo-admin would pass every
// admin check there). A demo store has demo-admin; a new or empty file is
// the demo's to build. The store is read as it is (an older one too),
// before the demo's own open; notify takes what the open says.
func demoOwns(path string, notify func(string)) error { return asItIs(path, notify, demoBuilt) }

// demoBuilt refuses st unless demo built it, or it is empty.
func demoBuilt(st *store.Store) error {
	switch _, err := st.Reviewer(demoAdmin); {
	case err == nil:
		return nil
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	counts, err := st.Counts()
	if err != nil {
		return err
	}
	people, err := st.Reviewers()
	if err != nil {
		return err
	}
	rubrics, err := st.Credentials()
	if err != nil {
		return err
	}
	if counts.Applications == 0 && len(people) == 0 && len(rubrics) == 0 {
		return nil
	}
	return fmt.Errorf("%s is not a demo store (it has no %s): demo builds a store of its own and never writes into a program's; name a new file with --db, or leave --db out", st.Path(), demoAdmin)
}

// seedBytes is a ChaCha8 seed made from seed's eight bytes (the rest
// zero), so a small integer seed gives a repeatable stream.
func seedBytes(seed uint64) (b [32]byte) {
	for i := range 8 {
		b[i] = byte(seed >> (8 * i))
	}
	return b
}

// The demo's lead and admin: reviewer records with those roles, so the
// lead tools (report, leaks, reveal, …) and admin commands can be tried on
// the demo with --as.
const (
	demoLead  = "demo-lead"
	demoAdmin = "demo-admin"
)

// demoIssuer is the demo's badge issuer, so `export badges` works on it
// as the README walks it.
var demoIssuer = review.Issuer{Name: "Demo Teacher Credential Program", URL: "https://badges.example.org", Email: "badges@example.org"}

// addDemoSetup registers the demo lead and admin and sets the issuer
// profile, each unless it is there.
func addDemoSetup(st *store.Store) error {
	for _, r := range []review.Reviewer{{ID: demoLead, Role: review.RoleLead}, {ID: demoAdmin, Role: review.RoleAdmin}} {
		switch _, err := st.Reviewer(r.ID); {
		case err == nil:
			continue
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := st.AddReviewer(r); err != nil {
			return err
		}
	}
	if _, ok, err := st.Issuer(); err != nil || ok {
		return err
	}
	return st.SetIssuer(demoIssuer)
}

// whoInDemo tells the user who they are in the demo and how to act as its
// lead and admin; found is whether commands without --db find the demo
// store (no --db was given, and there is a home data dir), program the
// program's store there, when one exists: commands without --db use it,
// not the demo's; handle, an application in it for the example (none: no
// example).
func whoInDemo(w io.Writer, path, reviewer string, found bool, program, handle string) {
	db := ""
	if !found || program != "" {
		db = dbFlag(path)
	}
	fmt.Fprintf(w, "You review as %s (--reviewer or ASSESSOR_REVIEWER names someone else).\n", reviewer)
	fmt.Fprintf(w, "The demo's lead is %s and its admin %s. Commands that name no one (no --as, --reviewer or\n", demoLead, demoAdmin)
	fmt.Fprintf(w, "ASSESSOR_REVIEWER) run as this store's operator, who acts as admin; the others as whom they name;\n")
	if handle != "" {
		// Each line to paste alone, with no full stop after it.
		fmt.Fprintf(w, "lead tools that record who acted take --as, e.g.:\n  assessor reveal %s%s --reason \"why\" --as %s\n", handle, db, demoLead)
	} else {
		fmt.Fprintf(w, "lead tools that record who acted take --as %s.\n", demoLead)
	}
	switch {
	case program != "":
		fmt.Fprintf(w, "Commands without --db use %s, not this demo store; give them its --db:\n  --db %s\n", program, server.ShellWord(path))
	case found:
		fmt.Fprintf(w, "Commands without --db use this store until there is a %s.\n", defaultStorePath(defaultStoreName))
	}
}
