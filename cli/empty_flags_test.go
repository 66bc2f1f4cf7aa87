package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEmptyDBOverSSHSaysDropDB: over ssh --db is refused whatever it names
// ("over ssh the commands run on the server's store, the only one it
// offers: drop --db"), and help over ssh hides the server's store path.
// An empty --db (--db= or --db "") is refused so too, not as an empty
// local --db is, which names the default store path: over ssh that is a
// path on the server's disk, and not even the store it serves.
func TestEmptyDBOverSSHSaysDropDB(t *testing.T) {
	t.Parallel()
	addr, key := servedWithKey(t, "admin-9", "--role", "admin")
	for _, line := range []string{"rubrics list --db=", `rubrics list --db ""`, `rubrics list --db " "`} {
		_, errOut, code := sshRun(t, addr, key, "", line)
		if code != 1 || !strings.Contains(errOut, "drop --db") || strings.Contains(errOut, defaultStorePath(defaultStoreName)) {
			t.Errorf("ssh HOST %s: exit %d, stderr %q; want the over-ssh refusal (drop --db), without the server's default store path", line, code, strings.TrimSpace(errOut))
		}
	}
}

// TestServeListenWithoutPortRefused: --listen ":$PORT" (or "127.0.0.1:$PORT")
// with PORT unset is ":" (or "127.0.0.1:"), which Go takes as any port,
// and ":" as every interface too: refused, as --listen "" is.
func TestServeListenWithoutPortRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, err := buildDemo(db, 5, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
		t.Fatal(err)
	}
	for _, listen := range []string{":", "127.0.0.1:"} {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		root := New()
		var out strings.Builder
		root.SetOut(&out)
		root.SetErr(&out)
		root.SetArgs([]string{"serve", "--listen", listen, "--db", db, "--host-key", filepath.Join(dir, "hk")})
		err := root.ExecuteContext(ctx)
		cancel()
		if err == nil || !strings.Contains(err.Error(), "--listen") {
			t.Errorf("serve --listen %q: err = %v, want a refusal naming --listen; it served:\n%s", listen, err, lastLine(out.String()))
		}
	}
}

func lastLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "serving") {
			return l
		}
	}
	return s
}
