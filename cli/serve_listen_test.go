package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeEmptyListenRefused: --listen "" (serve --listen "$ADDR" with
// ADDR unset) is refused in one line naming --listen. It was taken
// as Go's "all interfaces, any port": serve listened on [::]:PORT,
// every interface, though the default (127.0.0.1:2222) and the docs keep
// it to this machine unless an address is given on purpose.
func TestServeEmptyListenRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if _, err := buildDemo(db, 5, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	root := New()
	var out strings.Builder
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs([]string{"serve", "--listen", "", "--db", db, "--host-key", filepath.Join(dir, "hk")})
	err := root.ExecuteContext(ctx)
	if err == nil || !strings.Contains(err.Error(), "--listen") {
		t.Errorf("serve --listen \"\": err = %v, want a refusal naming --listen; it served:\n%s", err, out.String())
	}
}
