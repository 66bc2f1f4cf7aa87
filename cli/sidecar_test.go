package cli

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"assessor/store"
)

// TestServedHintStaleSidecar: a locked store whose sidecar names a live
// server gets the ssh hint; one left by a crashed server (nothing listens
// at its address any more: the lock is someone else's) gets the plain
// locked error, not a dead port.
func TestServedHintStaleSidecar(t *testing.T) {
	db := filepath.Join(t.TempDir(), "a.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := os.WriteFile(sidecarPath(db), []byte(addr+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	locked := store.ErrLocked
	var served *servedError
	if err := servedHint(db, locked); !errors.As(err, &served) || served.addr != addr {
		t.Errorf("live server: %v, want the ssh hint", err)
	}
	ln.Close()
	if err := servedHint(db, locked); errors.As(err, &served) || !errors.Is(err, store.ErrLocked) {
		t.Errorf("crashed server's sidecar: %v, want the locked error as it is", err)
	}
}

// liveSidecar writes db's sidecar naming a loopback port something listens
// on until the test ends, as a running serve's, and returns the port.
func liveSidecar(t *testing.T, db string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	if err := writeSidecar(db, ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// TestRewritesWhileServed: upgrade and compact, which rewrite the file a
// running serve holds open, say to stop serve first, not to run them
// through ssh, which refuses them too.
func TestRewritesWhileServed(t *testing.T) {
	db := storeWithKnownRubrics(t)
	held := openTestStore(t, db)
	defer held.Close()
	liveSidecar(t, db)
	// backup - says what to run instead, redirected to a file: "> -"
	// would name one "-".
	if _, err := run(t, "", "backup", "-", "--db", db); err == nil || !strings.HasSuffix(err.Error(), " backup > copy.db)") {
		t.Errorf("backup - while served: %v", err)
	}
	// Named with --as too, which checks the person on the store first;
	// and gen, which cannot run through the server either.
	for _, args := range [][]string{{"upgrade"}, {"compact"}, {"compact", "--as", "someone"}, {"upgrade", "--reviewer", "someone"},
		{"gen", "--append", "--applications", "1"}} {
		_, err := run(t, "", append(args, "--db", db)...)
		want := "store " + db + " is being served by assessor serve, which holds it open: stop serve (SIGTERM saves every draft), run " + args[0] + ", then start serve again"
		if err == nil || err.Error() != want {
			t.Errorf("%v while served: %v, want %q", args, err, want)
		}
	}
}
