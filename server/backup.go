package server

import (
	"fmt"

	"github.com/charmbracelet/ssh"

	"assessor/review"
)

// backupCommand is the SSH command that streams a hot backup of the served
// store: `ssh -p PORT HOST backup > copy.db`. While serve runs no other
// process can open the file, so this is how a served store is backed up.
const backupCommand = "backup"

// backupArgs reports whether cmd asks for the backup: `backup`, or
// `backup -` as the local command writes to stdout, either with --force,
// and whether --force was given: a copy of a damaged store, without the
// consistency check.
func backupArgs(cmd []string) (ok, force bool) {
	if len(cmd) == 0 || cmd[0] != backupCommand {
		return false, false
	}
	dash := false
	for _, a := range cmd[1:] {
		switch {
		case a == "-" && !dash:
			dash = true
		case a == "--force" && !force:
			force = true
		default:
			return false, false
		}
	}
	return true, force
}

// serveBackup writes a consistent copy of the store (a bbolt read
// transaction, so reviewers keep working) to the session's output. Only
// admins may take one: the copy holds the identity vault. The client should
// write to a temporary file and rename it once ssh exits 0.
func (s *Server) serveBackup(sess ssh.Session, who review.Reviewer, force bool) {
	// The copy holds the identity vault; refused as every command is.
	if err := review.Permissions["backup"].Allow("backup", who.ID, who.Role); err != nil {
		s.refuse(sess, who, backupCommand, "assessor: "+err.Error())
		return
	}
	if _, _, ok := sess.Pty(); ok {
		// A terminal would mangle the bytes (and fill the screen).
		// --force kept: without it the line, pasted, checks what it skips.
		line := SSHHint(sess.LocalAddr().String()) + " backup"
		if force {
			line += " --force"
		}
		s.refuse(sess, who, backupCommand, "assessor: redirect the backup to a file, without -t: "+PrivateRedirect(line, "copy.db"))
		return
	}
	remote := sess.RemoteAddr().String()
	// The copy holds the vault: who took it goes in the audit log before
	// its first byte leaves. A store that cannot take the record (its disk
	// full) still gives the copy, as locally.
	n, recErr, err := s.cfg.Store.BackupAs(sess, force, who.ID, "stdout over ssh")
	// "assessor check lists them" is a command of the server's machine:
	// name it as this admin runs it.
	ssh := SSHHint(sess.LocalAddr().String())
	asRun := func(args string) string { return ssh + " " + args }
	if recErr != nil {
		s.log.Error("backup not audited", "admin", who.ID, "remote", remote, "err", recErr)
		fmt.Fprintln(sess.Stderr(), review.ErrorLine(review.Reword(recErr, asRun)))
	}
	if err != nil {
		s.log.Error("backup failed", "admin", who.ID, "remote", remote, "err", err)
		fatal(sess, review.ErrorLine(review.Reword(fmt.Errorf("backup failed: %w", err), asRun)))
		return
	}
	s.log.Info("backup", "admin", who.ID, "remote", remote, "bytes", n)
}
