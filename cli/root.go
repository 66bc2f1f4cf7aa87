// Package cli holds assessor's commands, one file per command. Each command
// parses its flags and wires store, rubrics, demo and ui together; the rules
// live in review. Every command opens the store the same way (open.go); the
// lead commands share one preamble, which also turns a HANDLE argument into
// an attempt (lead.go); remote.go is what `assessor serve` runs for SSH
// users.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"assessor/review"
	"assessor/store"
)

// globals are the flags every command takes, and the served store when a
// command runs inside `assessor serve` for an SSH user (remote.go).
type globals struct {
	db       string
	reviewer string
	served   *remoteUser // nil for a local command
	root     *cobra.Command
	// allow checks the acting person against the store at path a local
	// command opens, st, nil when there is none yet (set by authorize; nil
	// when there is nothing to check).
	allow func(st *store.Store, path string) error
	// operator: local, and nobody named by --as, --reviewer or
	// $ASSESSOR_REVIEWER, so the file's owner acts as admin (permissions.go).
	operator bool
	// rowsOf: --reviewer as given to a command that lists people's rows
	// (annotated rowsFlag), whose rows to read; set by authorize.
	rowsOf string
	// command is the command path being run ("calibration list"), its
	// row in review.Permissions; set by authorize.
	command string
	// quiet: stderr is the file the command's stream goes to, so its
	// notes are left out (privateOut).
	quiet bool
	// sshForm, when set, is how this command line is typed over ssh
	// ("import --tar - < BUNDLE.tar"), for a store serve holds (overSSH).
	sshForm string
	// notified holds the store's notices printed so far (notify).
	notified map[string]bool
}

// notes is where cmd says things beside its output: its error writer,
// unless stderr is the file its stream goes to (quiet).
func (g *globals) notes(cmd *cobra.Command) io.Writer {
	if g.quiet {
		return io.Discard
	}
	return cmd.ErrOrStderr()
}

// stderr is where a command says things beside its output: the root
// command's error writer, which tests replace.
func (g *globals) stderr() io.Writer {
	if g.quiet {
		return io.Discard
	}
	if g.root == nil {
		return os.Stderr
	}
	return g.root.ErrOrStderr()
}

// New builds the command tree. Running it with no command opens the
// reviewer TUI on the default store.
func New() *cobra.Command {
	// log's default logger (the demo's lines, and what wish logs) as
	// log.Default would make it, without its questions to the terminal.
	log.SetDefault(newLogger(os.Stderr, log.Options{ReportTimestamp: true}))
	root := newRoot(&globals{})
	// cobra adds `completion` when a command runs; added now, it is in
	// the tree the CLI reference is made from too. It reads no store, and
	// serve does not offer it (a shell's script is for the local shell).
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" { // said in its help, as decorate says it of the rest
			c.Long = strings.TrimRight(c.Long, "\n") + "\n\nWho: anyone. Local only, not over ssh: " + completionWhy + "."
		}
	}
	strictGroups(root) // `completion nosuch` fails as any group's does
	return root
}

// completionWhy is why serve does not offer completion.
const completionWhy = "it writes a script for the shell on your own machine"

// ErrorLine is the line main prints for a failed command: "FILE:LINE:
// message" for a problem in an input file, else "assessor: message"
// (review.ErrorLine, which serve prints too).
func ErrorLine(err error) string { return review.ErrorLine(err) }

// Fail prints err's line (ErrorLine) on stderr and exits 1, waiting at most
// failWait for stderr: one no one reads (a service manager's log pipe,
// full) would otherwise keep a failed serve from ever exiting, and its
// manager from starting it again.
func Fail(err error) {
	done := make(chan struct{})
	go func() {
		fmt.Fprintln(os.Stderr, ErrorLine(err))
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(failWait):
	}
	os.Exit(1)
}

// failWait is how long Fail waits for stderr to take the error line.
const failWait = 2 * time.Second

// newRoot is the command tree on g: the local one (New), or the one
// `assessor serve` runs an SSH user's command line on (remote.go). Every
// command is checked against review.Permissions before it runs.
func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "assessor",
		Short:         "Score micro-credential submissions against Markdown rubrics",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
	}
	root.SetVersionTemplate("assessor {{.Version}}\n")
	root.InitDefaultVersionFlag()         // now, not at Execute, so docs/cli lists it too
	root.SetFlagErrorFunc(flagValueError) // flagerr.go
	root.SetHelpCommand(helpCmd(root))
	g.root = root
	dbHelp := "store file (default " + defaultStorePath("assessor.db") + ")"
	if _, ok := homeDataDir(); !ok {
		dbHelp = "store file (no default: neither XDG_DATA_HOME nor HOME is set to an absolute folder)"
	}
	root.PersistentFlags().StringVar(&g.db, "db", "", dbHelp)
	root.PersistentFlags().StringVar(&g.reviewer, "reviewer", defaultReviewer(), "your reviewer id (env ASSESSOR_REVIEWER, else your login name)")
	rev := reviewCmd(g)
	root.RunE = rev.RunE // `assessor` alone is `assessor review`
	root.Args = rootArgs
	root.AddCommand(
		// Reviewers.
		rev, demoCmd(g), calibrateCmd(g),
		// Admins.
		importCmd(g), rubricsCmd(g), configCmd(g), snippetsCmd(g), reviewersCmd(g), serveCmd(g), checkCmd(g),
		backupCmd(g), genCmd(g), upgradeCmd(g), compactCmd(g),
		// Leads.
		reportCmd(g), dashboardCmd(g), applicationsCmd(g), historyCmd(g), amendCmd(g),
		calibrationCmd(g), adjudicateCmd(g),
		leaksCmd(g), revealCmd(g), auditCmd(g), exportCmd(g), badgesCmd(g), revokeCmd(g),
		conflictsCmd(g),
		releaseCmd(g),
	)
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		checkOutput(cmd.Root())
		return g.worded(cmd, g.authorize(cmd, args))
	}
	root.PersistentPostRunE = func(cmd *cobra.Command, _ []string) error { return outputErr(cmd.Root()) }
	decorate(root)
	strictGroups(root)
	wordEach(g, root)
	return root
}

// wordEach makes every command of root's tree name the command its error
// says mends it as the user runs it (g.worded); a group's (groupRun) only
// names its commands.
func wordEach(g *globals, c *cobra.Command) {
	if run := c.RunE; run != nil && (!c.HasSubCommands() || !c.HasParent()) {
		c.RunE = func(cmd *cobra.Command, args []string) error { return g.worded(cmd, run(cmd, args)) }
	}
	for _, sub := range c.Commands() {
		wordEach(g, sub)
	}
}

// dataDir is $XDG_DATA_HOME/assessor, falling back to ~/.local/share and,
// on a machine with no home, the temp dir (for the demo store alone:
// noDataDir).
func dataDir() string {
	if d, ok := homeDataDir(); ok {
		return d
	}
	return filepath.Join(os.TempDir(), "assessor")
}

// homeDataDir is dataDir when XDG_DATA_HOME or HOME names one. A relative
// XDG_DATA_HOME is ignored, as the XDG spec says, and so is a relative
// HOME: either would put the store wherever the command runs (under a
// service manager, /).
func homeDataDir() (string, bool) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "assessor"), true
	}
	if h, err := os.UserHomeDir(); err == nil && filepath.IsAbs(h) {
		return filepath.Join(h, ".local", "share", "assessor"), true
	}
	return "", false
}

// noDataDir refuses a command run without --db where neither XDG_DATA_HOME
// nor HOME is set (a service manager's unit without a user): the default
// store would be in the shared temp dir, a folder any user may have made
// first, cleaned by the system, and not the store the admin built. Only
// the demo, a store to throw away, goes there.
func noDataDir(g *globals, cmd *cobra.Command) error {
	if _, ok := homeDataDir(); ok || g.db != "" || g.served != nil || commandName(cmd) == "demo" {
		return nil
	}
	return errors.New("neither XDG_DATA_HOME nor HOME is set to an absolute folder, so there is no default store: give --db FILE (under a service manager, set HOME or XDG_DATA_HOME for the unit)")
}

// defaultStorePath is the file name in the data dir.
func defaultStorePath(name string) string { return filepath.Join(dataDir(), name) }

// storePath is --db, or the default store file name in the data dir.
func (g *globals) storePath(name string) string {
	if g.db != "" {
		return g.db
	}
	return defaultStorePath(name)
}

// reviewerEnv names the variable that says who you are, as --reviewer does.
const reviewerEnv = "ASSESSOR_REVIEWER"

// defaultReviewer is the default of --reviewer: $ASSESSOR_REVIEWER, else
// the login name when it is a reviewer id (not DOMAIN\user or "Ana
// Ruiz"), else "reviewer".
func defaultReviewer() string {
	if r := os.Getenv(reviewerEnv); r != "" {
		return r
	}
	if u, err := user.Current(); err == nil && review.ValidID(u.Username) {
		return u.Username
	}
	return "reviewer"
}
