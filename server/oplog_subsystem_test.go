package server

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/log"

	"assessor/review"
)

// TestRefusedSubsystemIsLogged: docs/operations.md, "The log (stderr) says
// who signed in, from where …", and a session refused "is a `refused`
// line with who, from where". `sftp -P 2222 HOST` and OpenSSH's scp
// (sftp underneath since 9.0: `scp -P 2222 HOST:assessor.db .`) ask for
// the sftp subsystem, which the server refuses: a registered key that
// tried to fetch files this way left not one line in the log.
func TestRefusedSubsystemIsLogged(t *testing.T) {
	t.Parallel()
	st := newDemoStore(t, 10)
	rev := addReviewer(t, st, "rev-1", review.RoleReviewer)
	var logged syncBuffer
	_, addr := startServer(t, st, Config{Commands: okCommands, Logger: log.New(&logged)})

	conn := dialKey(t, addr, rev)
	sess, err := conn.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Fatal("the sftp subsystem was granted")
	}
	time.Sleep(200 * time.Millisecond)
	if got := logged.after(0); !strings.Contains(got, "refused reviewer=rev-1") || !strings.Contains(got, "remote=127.0.0.1:") {
		t.Errorf("rev-1's refused sftp session left no line with who and from where:\n%q", got)
	}
}
