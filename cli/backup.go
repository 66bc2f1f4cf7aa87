package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"assessor/review"
	"assessor/server"
	"assessor/store"
)

// backupCmd builds `assessor backup FILE`: a consistent copy of the store,
// taken while reviewers may be working in it from this machine's other
// goroutines. A store held by `assessor serve` cannot be opened by a second
// process at all (bbolt's lock), so that one is backed up by the server.
func backupCmd(g *globals) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE|-",
		Short: "Write a consistent copy of the store to FILE, or - for stdout (restore: copy it back while nothing has the store open)",
		Long: "Write a consistent copy of the store, as of one moment, to FILE: first to a new temporary\n" +
			"file beside it (0600, never an existing file or symlink), synced to disk, then renamed, so\n" +
			"FILE is never half written. - writes the copy to stdout, which must not be a terminal:\n" +
			"redirect it to a file, under umask 077, as the shell makes that file before assessor\n" +
			"starts. The copy is a complete store; to restore, stop every assessor process using the\n" +
			"store and copy FILE over it.\n" +
			"A store that fails bbolt's consistency check is refused (assessor check lists the damage);\n" +
			"--force copies it anyway, to rescue what it still holds. A store of an older schema is\n" +
			"copied as it is, not upgraded.\n" +
			"A store being served by `assessor serve` is locked by that process: back it up through\n" +
			"the server as an admin instead, to stdout, into a file your shell makes with its own mode\n" +
			"(not 0600 unless the umask says so): " + sshInvocation("backup > FILE"),
		Args:        needs("a file to write the copy to, or - for stdout", "assessor-2026-12-01.db"),
		Annotations: map[string]string{sshExample: "> copy.db"},
		RunE: func(cmd *cobra.Command, args []string) error {
			if args[0] == "" { // backup "$DEST" with DEST unset: refused before a copy
				return errors.New("backup needs a file to write the copy to, or - for stdout; got an empty argument")
			}
			if args[0] == "-" {
				if err := g.streamOut(cmd, "backup -", "store.bak"); err != nil {
					return err
				}
				if _, ok := outFile(cmd.OutOrStdout()); ok {
					// A reader that stops early (| head) killed this
					// process (SIGPIPE) before the checked copy beside the
					// store was removed: taken, the write fails instead,
					// and the copy goes.
					sigpipe := make(chan os.Signal, 1)
					signal.Notify(sigpipe, syscall.SIGPIPE)
					defer signal.Stop(sigpipe)
				}
			}
			// A store on read-only media is copied through a read-only open.
			err := g.useStore(existingWith(reading(store.Options{Timeout: lockWait, Schema: store.SchemaAsIs, Notify: g.notify})), g.existingStorePath, func(st *store.Store) error {
				if args[0] == "-" {
					// On record before the first byte leaves: a reader that
					// stops early kills this process (SIGPIPE) mid-copy.
					_, recErr, err := st.BackupAs(cmd.OutOrStdout(), force, g.reviewer, "stdout")
					if recErr != nil {
						fmt.Fprintln(g.stderr(), ErrorLine(recErr))
					}
					return err
				}
				if k := store.RemoveStaleBackups(args[0]); k > 0 {
					notifyStderr(fmt.Sprintf("removed %s a killed backup left beside %s", review.Count(k, "temporary file", "temporary files"), args[0]))
				}
				n, err := st.BackupFile(args[0], force)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "backed up %s to %s (%s)\n", st.Path(), args[0], humanBytes(n))
				dest := args[0]
				if abs, err := filepath.Abs(dest); err == nil {
					dest = abs
				}
				g.recordBackup(st, dest)
				return nil
			})
			var served *servedError
			if errors.As(err, &served) {
				// One line that says exactly what to run instead.
				dest := args[0]
				if dest == "-" {
					dest = "copy.db" // "> -" would name a file "-"
				}
				return fmt.Errorf("store %s is being served by assessor serve, which holds the lock: back it up through the server (as an admin): %s", served.path, server.PrivateRedirect(server.SSHHint(served.addr)+" backup"+givenFlags(cmd, "backup"), dest))
			}
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "copy a store that fails the consistency check")
	return cmd
}

// recordBackup writes the audit record of a backup just written to dest
// (a file, or stdout): the copy holds the identity vault, so who took it
// is kept as a reveal is. A store that cannot take the record (open
// read-only, at an older schema, its disk full, which is when a copy is
// most wanted) keeps the copy: stderr says it is not in the log.
func (g *globals) recordBackup(st *store.Store, dest string) {
	if err := st.RecordBackup(g.reviewer, dest); err != nil {
		fmt.Fprintln(g.stderr(), ErrorLine(err))
	}
}

// streamOut readies stdout for a stream of bytes (a store, a tar of
// exports): a terminal is refused, since the bytes would fill the screen
// and a terminal would mangle them; a file the shell's redirect made is
// made 0600, as backups and exports written to a FILE are, whatever the
// umask (the stream holds the identity vault or candidates' feedback).
// Over ssh, stdout is the channel, never a local file: the server refuses
// a pty for such commands instead, and the file is the client shell's to
// make. The refusal on a terminal prints command line what (its
// arguments) to paste with stdout redirected to file.
func (g *globals) streamOut(cmd *cobra.Command, what, file string) error {
	f, ok := outFile(cmd.OutOrStdout())
	if !ok {
		return nil
	}
	if term.IsTerminal(int(f.Fd())) {
		return fmt.Errorf("%s: stdout is a terminal; redirect it to a file: %s", what, server.PrivateRedirect(localLine(cmd, what+givenFlags(cmd, what)), file))
	}
	return g.privateOut(cmd, what, true)
}

// privateOut makes the file stdout is redirected to on this machine
// private, as the store is, whatever the shell's umask made it: what is
// written there is not for others on the machine. Anything else (a
// terminal, a pipe, ssh's channel) is left as it is. The shell made the
// file before assessor ran, and whoever opened it meanwhile keeps reading
// it, so with warn set (a stream; not one candidate's feedback, which is
// theirs to receive) a file that arrived readable by others gets a
// warning. When stderr is that file too (> FILE 2>&1, as cron lines have
// it, or 2> FILE), every note the command would print there (this
// warning, the demo store's line, an export's count) is left out
// (g.stderr): it would land in the stream or over its start.
func (g *globals) privateOut(cmd *cobra.Command, what string, warn bool) error {
	f, ok := outFile(cmd.OutOrStdout())
	if !ok {
		return nil
	}
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	g.quiet = sameFile(fi, cmd.ErrOrStderr())
	if fi.Mode().Perm()&0o077 == 0 {
		return nil
	}
	if err := f.Chmod(fi.Mode().Perm() & 0o700); err != nil {
		return fmt.Errorf("%s: stdout is a file others may read, and it could not be made private: %w", what, err)
	}
	if warn {
		fmt.Fprintf(g.notes(cmd), "assessor: warning: %s: the shell made stdout's file readable by others (%04o) before assessor made it private, and whoever opened it meanwhile can read what is written: redirect under umask 077\n", what, fi.Mode().Perm())
	}
	return nil
}

// sameFile reports whether w is a file on this machine that is fi's.
func sameFile(fi os.FileInfo, w io.Writer) bool {
	f, ok := outFile(w)
	if !ok {
		return false
	}
	wi, err := f.Stat()
	return err == nil && os.SameFile(fi, wi)
}

// givenFlags is every flag given to cmd (--force, --feedback-url) but
// those localLine says (--db, --as, --reviewer) and those its command
// line what already holds (--all), for that line a hint prints to paste.
func givenFlags(cmd *cobra.Command, what string) string {
	var b strings.Builder
	cmd.Flags().Visit(func(f *pflag.Flag) {
		switch {
		case f.Name == "db" || f.Name == "as" || f.Name == "reviewer":
		case strings.Contains(what+" ", " --"+f.Name+" "):
		case f.Value.Type() == "bool" && f.Value.String() == "true":
			b.WriteString(" --" + f.Name)
		case f.Value.Type() == "bool":
			b.WriteString(" --" + f.Name + "=" + f.Value.String())
		default:
			b.WriteString(" --" + f.Name + " " + server.ShellWord(f.Value.String()))
		}
	})
	return b.String()
}
