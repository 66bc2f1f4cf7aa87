// How commands open the store: a missing store is an error (a mistyped
// --db must not start an empty one), and a store held by `assessor serve`
// says how to connect instead.

package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"assessor/review"
	"assessor/rubrics"
	"assessor/server"
	"assessor/store"
)

// lockWait is how long a command waits for a store another process holds;
// short, so a second process says so instead of hanging.
const lockWait = 500 * time.Millisecond

// openStoreWith opens the store for a command with opt (set Timeout). A
// store of an older schema is refused in one line naming `assessor
// upgrade`, and left as it was: opt.Schema's SchemaUpgrade (its zero
// value) is taken as SchemaRefuse, since only `upgrade` and `serve`, which
// admins run, upgrade a store (openUpgrading), never a command a reviewer
// may run or one that only reads.
func openStoreWith(path string, opt store.Options) (*store.Store, error) {
	if opt.Schema == store.SchemaUpgrade {
		opt.Schema = store.SchemaRefuse
	}
	return openFile(path, opt)
}

// openUpgrading is openStore for `upgrade` and `serve`: a store of an
// older schema is backed up and upgraded, with one line on stderr saying so.
func openUpgrading(path string, notify func(string)) (*store.Store, error) {
	return openFile(path, store.Options{Timeout: lockWait, Schema: store.SchemaUpgrade, Notify: notify})
}

// openFile opens the store at path as opt says, with the CLI's one-line
// errors.
func openFile(path string, opt store.Options) (*store.Store, error) {
	// Only the default data dir is created: a --db in a missing folder
	// is most likely a typo, and fails.
	opt.CreateDir = filepath.Dir(path) == dataDir()
	if opt.Notify == nil {
		opt.Notify = notifyStderr
	}
	st, err := store.Open(path, opt)
	return st, oldStoreHint(path, servedHint(path, err))
}

// oldStoreHint adds to ErrOldSchema, a store of an older schema refused,
// the command that upgrades it; other errors pass.
func oldStoreHint(path string, err error) error {
	if errors.Is(err, store.ErrOldSchema) {
		return fmt.Errorf("%w: `assessor upgrade --db %s` upgrades it (an admin's command, which backs it up first); until then no other command reads or changes it", err, server.ShellWord(path))
	}
	return err
}

// notifyStderr prints a store's one-line notice (an upgrade) on stderr, as
// main prints errors.
func notifyStderr(line string) { fmt.Fprintln(os.Stderr, "assessor:", line) }

// notify is notifyStderr for a command that knows where its stream goes:
// left out when stderr is that file (g.stderr), where a notice printed as
// the store opens (an unfinished import rolled back) landed in the stream.
// A line already printed is not printed again: a permission check opens
// the store before the command's own open (allowOn, demoOwns), and both
// would say it.
func (g *globals) notify(line string) {
	if g.notified[line] {
		return
	}
	if g.notified == nil {
		g.notified = map[string]bool{}
	}
	g.notified[line] = true
	fmt.Fprintln(g.stderr(), "assessor:", line)
}

// servedHint turns ErrLocked, when `assessor serve` holds the store at
// path, into a *servedError that says how to reach it; other errors pass.
// A sidecar whose address no one listens on was left by a server that
// crashed: another process holds the lock, and the hint would send the
// operator to a dead port.
func servedHint(path string, err error) error {
	if errors.Is(err, store.ErrLocked) {
		if addr, ok := readSidecar(path); ok && listening(addr) {
			return &servedError{path: path, addr: addr, err: err}
		}
	}
	return err
}

// stopServeFirst names command, which rewrites the file serve holds open
// (compact, also at the end of gen or import --compact), in err when
// `assessor serve` holds the store: it says to stop serve first.
func stopServeFirst(command string, err error) error {
	var served *servedError
	if errors.As(err, &served) {
		served.command = command
	}
	return err
}

// listening reports whether something accepts connections at addr.
func listening(addr string) bool {
	c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

// noColor follows https://no-color.org: any non-empty NO_COLOR disables colour.
func noColor() bool { return os.Getenv("NO_COLOR") != "" }

// noStoreError is what a command that reads or changes what a store holds
// says when there is no store at the path: a mistyped --db must not turn
// into an empty store that reports "ok".
type noStoreError struct{ path string }

// Error says there is no store and how to start one.
func (e *noStoreError) Error() string {
	dir := filepath.Dir(e.path)
	if noFile(dir) && dir != dataDir() {
		// Only the data folder is made for a store: a missing other one is
		// most likely a typo in --db, and import there would fail too.
		return "no store at " + e.path + ": folder " + dir + " does not exist; --db picks another file"
	}
	db := "" // the default store's commands need no --db
	if e.path != defaultStorePath(defaultStoreName) {
		db = dbFlag(e.path)
	}
	return "no store at " + e.path + ": `assessor import FILE" + db + "` or `assessor rubrics add DIR" + db + "` starts one, `assessor demo` builds a demo; --db picks another file"
}

// Unwrap makes a missing store match fs.ErrNotExist.
func (e *noStoreError) Unwrap() error { return fs.ErrNotExist }

// openExisting is openStore for a store that must already be there (it
// is looked for first: opening would create the file), its notices said
// through g.notify.
func (g *globals) openExisting(path string) (*store.Store, error) {
	return existingWith(g.openStore)(path)
}

// openStore opens the store for a command, its notices said through
// g.notify: once, and not into a stream's file. A store held by
// `assessor serve` fails with a one-line error that says how to reach it
// instead.
func (g *globals) openStore(path string) (*store.Store, error) {
	return openStoreWith(path, store.Options{Timeout: lockWait, Notify: g.notify})
}

// withStore opens the existing store named by --db (or the default), runs
// fn and closes it, so every command opens and releases the file the same
// way. A command run through `assessor serve` works on the served store.
func (g *globals) withStore(fn func(*store.Store) error) error {
	return g.useStore(g.openExisting, g.existingStorePath, fn)
}

// withReadStore is withStore for a command that only reads: a store this
// process may not write is opened read-only (openReading).
func (g *globals) withReadStore(fn func(*store.Store) error) error {
	return g.useStore(existingWith(reading(store.Options{Timeout: lockWait, Schema: store.SchemaRefuse, Notify: g.notify})), g.existingStorePath, fn)
}

// reading is openReading with opt.
func reading(opt store.Options) func(string) (*store.Store, error) {
	return func(path string) (*store.Store, error) { return openReading(path, opt) }
}

// openReading is openStoreWith for a command that only reads. It opens the
// store as writers do, so that it rolls back an unfinished import and check
// and backup run bbolt's own check (which needs the free list a read-only
// open does not load); but a file this process may not write (a backup on
// read-only media, another user's 0444 file) it opens read-only instead
// (shared lock, O_RDONLY), rather than failing.
func openReading(path string, opt store.Options) (*store.Store, error) {
	st, err := openStoreWith(path, opt)
	if cannotWrite(err) {
		opt.ReadOnly = true
		st, err = openStoreWith(path, opt)
	}
	return st, err
}

// cannotWrite reports whether err is the system refusing to open a file
// for writing: permission denied, or a read-only file system.
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// withUpgradeStore is withStore for `upgrade`: a store of an older schema
// is backed up and upgraded (openUpgrading).
func (g *globals) withUpgradeStore(fn func(*store.Store) error) error {
	open := func(path string) (*store.Store, error) { return openUpgrading(path, g.notify) }
	return g.useStore(existingWith(open), g.existingStorePath, fn)
}

// existingWith is open for a store that must already be there.
func existingWith(open func(string) (*store.Store, error)) func(string) (*store.Store, error) {
	return func(path string) (*store.Store, error) {
		if noFile(path) {
			return nil, &noStoreError{path}
		}
		return open(path)
	}
}

// withNewStore is withStore for the commands that put the first things in
// a store (rubrics, submissions, reviewers, settings): they create it, and
// remove it again when they fail on it.
func (g *globals) withNewStore(fn func(*store.Store) error) error {
	return g.useStore(g.openNew, func() string { return g.storePath(defaultStoreName) }, func(st *store.Store) error {
		err := fn(st)
		forgetStarted(st, err)
		return err
	})
}

// noFile reports whether there is no file at path: a command opening a
// store there starts it.
func noFile(path string) bool {
	_, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist)
}

// forgetStarted removes store st when the command that started it
// (st.Started) failed (err): a typo'd --db, a bad input or a full disk
// must not leave a store that later commands take for real, or refuse as
// not theirs. Called while this process still holds the store's lock, so
// no other has opened it.
func forgetStarted(st *store.Store, err error) {
	if path := st.Path(); err != nil && st.Started() {
		// Through a --db symlink (dangling until the store made its
		// target), the file made is the target: the link stays.
		if target, e := filepath.EvalSymlinks(path); e == nil {
			path = target
		}
		_ = os.Remove(path)
	}
}

// openNew is openStore for a command that creates the store. When it
// creates the default store, not named by --db, it says so on stderr: a
// user who has been trying the demo learns that commands without --db
// now use this store.
func (g *globals) openNew(path string) (*store.Store, error) {
	st, err := g.openStore(path)
	if err == nil && g.db == "" && st.Started() {
		note := ""
		if _, err := os.Stat(defaultStorePath(demoStoreName)); err == nil {
			note = "; commands without --db use it from now on, and the demo store stays in " + defaultStorePath(demoStoreName)
		}
		fmt.Fprintf(g.stderr(), "assessor: started the store %s%s\n", path, note)
	}
	return st, err
}

// withSettings is withNewStore for a settings command given a flag of its
// own (a setting to store) and withReadStore for one that only shows them.
func (g *globals) withSettings(cmd *cobra.Command, fn func(*store.Store) error) error {
	// Any flag of the command's own is a setting, but --as, who acts
	// (--db and --reviewer are the root's).
	set := false
	cmd.LocalNonPersistentFlags().VisitAll(func(f *pflag.Flag) { set = set || (f.Changed && f.Name != "as") })
	if set {
		return g.withNewStore(fn)
	}
	return g.withReadStore(fn)
}

// useStore runs fn on the served store inside `assessor serve`, or on the
// store open gives for the file path names, closed when fn returns.
func (g *globals) useStore(open func(string) (*store.Store, error), path func() string, fn func(*store.Store) error) error {
	if g.served != nil {
		return fn(g.served.store)
	}
	p := path()
	if err := g.allowOn(p); err != nil {
		return err
	}
	st, err := open(p)
	if err != nil {
		return g.throughServer(err)
	}
	defer st.Close()
	return fn(st)
}

// throughServer gives a *servedError the command being run, so that it
// says how to run that command through the server.
func (g *globals) throughServer(err error) error {
	var served *servedError
	if errors.As(err, &served) {
		served.command, served.via = g.command, g.sshForm
	}
	return err
}

// allowOn runs the permission check authorize left for the store at path,
// read as it is, before the command's own open changes it. A missing
// store has no one registered in it, so a named person is checked as
// unregistered before a command creates it; one that cannot be opened
// (locked, damaged) fails here as the command's own open would, without
// waiting for the lock twice.
func (g *globals) allowOn(path string) error {
	if g.allow == nil {
		return nil
	}
	if noFile(path) {
		return g.allow(nil, path)
	}
	return g.throughServer(asItIs(path, g.notify, func(st *store.Store) error { return g.allow(st, path) }))
}

// allowBeforeInput runs the permission check, on the store a command that
// creates a missing one opens, before the command reads its input (a file,
// stdin, key files): someone who may not run it learns that, not what is
// wrong with line 1 of their file. Over ssh the session's check came first.
func (g *globals) allowBeforeInput() error {
	if g.served != nil {
		return nil
	}
	return g.allowOn(g.storePath(defaultStoreName))
}

// asItIs runs fn on the store at path opened as it is (not upgraded), and
// does nothing when there is none. notify takes what the open says (an
// unfinished import rolled back).
func asItIs(path string, notify func(string), fn func(*store.Store) error) error {
	st, err := existingWith(reading(store.Options{Timeout: lockWait, Schema: store.SchemaAsIs, Notify: notify}))(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer st.Close()
	return fn(st)
}

// addBundled adds the bundled rubrics to st (unchanged ones stay as they
// are) and returns them.
func addBundled(st *store.Store) ([]review.Rubric, error) {
	rs, err := rubrics.Bundled()
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if _, err := st.AddRubric(r); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// defaultStoreName is the program's store in the data dir, and
// demoStoreName the one `assessor demo` builds beside it.
const (
	defaultStoreName = "assessor.db"
	demoStoreName    = "demo.db"
)

// existingStorePath is the store a command that needs an existing one
// opens: --db, else the program's store in the data dir, else, while there
// is no program store but `assessor demo` has built one, the demo store, so
// a lead's first commands after the demo work on it. The user did not name
// that store, so one line on stderr says which it is.
func (g *globals) existingStorePath() string {
	path, demo := g.findStore()
	if demo {
		fmt.Fprintf(g.stderr(), "assessor: using the demo store %s (there is no %s yet; --db picks a store)\n", path, g.storePath(defaultStoreName))
	}
	return path
}

// findStore is the store a command that needs an existing one uses: --db,
// else the default store, else the demo store while there is no default
// one (demo reports that it is the demo).
func (g *globals) findStore() (path string, demo bool) {
	path = g.storePath(defaultStoreName)
	if g.db != "" {
		return path, false
	}
	if !noFile(path) {
		return path, false
	}
	d := defaultStorePath(demoStoreName)
	if _, err := os.Stat(d); err != nil {
		return path, false
	}
	return d, true
}

// sidecarPath is the file `assessor serve` keeps beside the store while it
// serves it: the address it listens on, then its process id, a line each.
// Only a process that finds the store locked reads it, and one whose
// server has ended (after kill -9) is not believed. It is beside the file
// a symlinked store leads to, where serve reached through the link or the
// file alike writes it.
func sidecarPath(storePath string) string {
	if real, err := filepath.EvalSymlinks(storePath); err == nil {
		storePath = real
	}
	return storePath + ".serve"
}

// readSidecar returns the listen address of the serve process holding the
// store at path, if it left one and still runs.
func readSidecar(path string) (string, bool) {
	b, err := os.ReadFile(sidecarPath(path))
	if err != nil {
		return "", false
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > 1 {
		if pid, err := strconv.Atoi(strings.TrimSpace(lines[1])); err == nil && !store.Running(pid) {
			return "", false
		}
	}
	return lines[0], lines[0] != ""
}

// servedError is ErrLocked when the holder is `assessor serve`: it names
// the ssh command to use instead, and still matches store.ErrLocked.
type servedError struct {
	path, addr string
	command    string         // what was being run ("import"), when known
	via        string         // how it is typed over ssh, when not overSSH(command)
	cmd        *cobra.Command // what was run, for its flags (g.worded), when known
	err        error
}

// Error names the ssh command that reaches the store instead: the one
// being run, when it runs over ssh, else a connection and an example.
func (e *servedError) Error() string {
	hint := server.SSHHint(e.addr)
	served := "store " + e.path + " is being served by assessor serve: "
	p, ok := review.Permissions[e.command]
	switch {
	case e.command == "upgrade" || e.command == "compact" || e.command == "gen":
		// These write the file itself and cannot run through the
		// server either: they need it to themselves.
		return "store " + e.path + " is being served by assessor serve, which holds it open: stop serve (SIGTERM saves every draft), run " + e.command + ", then start serve again"
	case !ok || p.Where == review.LocalOnly:
		return served + "connect with " + hint + " (admins and leads run commands through it: " + hint + " report)"
	case p.Where == review.Screen:
		return served + "open it through the server: " + server.SSHScreenHint(e.addr, e.command)
	}
	return served + "run it through the server: " + sshLine(hint, e.withFlags(cmp.Or(e.via, overSSH(e.command))))
}

// withFlags is the ssh form of a command that writes a stream to a file
// with every other flag it was given (givenFlags) before its redirect:
// without them, pasted as printed, it wrote other output (export badges
// without --feedback-url). The forms that read a file (import - < FILE)
// are left as they are: some flags name a folder of this machine
// (import --files), which over ssh is refused.
func (e *servedError) withFlags(form string) string {
	line, file, ok := strings.Cut(form, " > ")
	if e.cmd == nil || !ok {
		return form
	}
	return line + givenFlags(e.cmd, line) + " > " + file
}

// overSSH is how command line name is typed over ssh, where a file on
// this machine reaches the server on stdin.
func overSSH(name string) string {
	switch name {
	case "import":
		return "import - < FILE"
	case "rubrics add":
		return "rubrics add - < RUBRIC.md"
	case "reviewers add":
		return "reviewers add ID --key - < KEY.pub"
	case "export badges": // a folder is the server's: a tar stream instead
		return "export badges - > badges.tar"
	}
	return name + " …"
}

// Unwrap is store.ErrLocked, what the open failed with.
func (e *servedError) Unwrap() error { return e.err }
