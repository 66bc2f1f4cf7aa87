package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// corruptCommands are the commands that read the store, run on each
// damaged copy: none may panic or print a stack trace.
var corruptCommands = [][]string{
	{"check"},
	{"report", "--format", "json"},
	{"rubrics", "list"},
	{"applications"},
	{"backup", "-"},
}

// TestCorruptStores flips a byte at 20 offsets spread over a demo store
// (its backup: exactly the pages in use), every other one in a page
// header, and runs every read command on
// each copy in a child process: each exits 0 with the healthy store's
// answer, or 1 with one line naming the file, never a panic or a stack
// trace. A flip inside a stored key or value breaks no structure; the
// record's checksum (store/record.go) makes it a failure too. backup may
// copy the bytes of a flip that touches no record (free space in a page).
func TestCorruptStores(t *testing.T) {
	t.Parallel()
	exe := childExe(t)
	dir := t.TempDir()
	built := filepath.Join(dir, "built.db")
	if _, err := buildDemo(built, 40, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), notifyStderr); err != nil {
		t.Fatal(err)
	}
	healthy := runChild(t, exe, -1, "backup", "-", "--db", built)
	if healthy.code != 0 {
		t.Fatalf("backup: %s", healthy.stderr)
	}
	good := []byte(healthy.stdout)
	goodPath := filepath.Join(dir, "good.db")
	if err := os.WriteFile(goodPath, good, 0o600); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, args := range corruptCommands {
		r := runChild(t, exe, -1, append(args, "--db", goodPath)...)
		if r.code != 0 {
			t.Fatalf("%v on the healthy store: %s", args, r.stderr)
		}
		want[args[0]] = strings.ReplaceAll(r.stdout, goodPath, "STORE")
	}
	const flips = 20
	for i := range flips {
		off := (2*i + 1) * len(good) / (2 * flips)
		if i%2 == 1 {
			// Every other flip hits a page header (4 KiB pages: id, flags,
			// count, overflow), where bbolt panics or faults rather than
			// reading a wrong value.
			off = off&^4095 + 8 + i%8
		}
		t.Run(fmt.Sprintf("offset%d", off), func(t *testing.T) {
			t.Parallel()
			bad := bytes.Clone(good)
			bad[off] ^= 0xff
			path := filepath.Join(dir, fmt.Sprintf("bad%d.db", off))
			if err := os.WriteFile(path, bad, 0o600); err != nil {
				t.Fatal(err)
			}
			var codes []int
			for _, args := range corruptCommands {
				r := runChild(t, exe, -1, append(args, "--db", path)...)
				codes = append(codes, r.code)
				if r.code == 1 {
					t.Logf("%s: %s", args[0], strings.TrimSpace(r.stderr))
				}
				out := strings.ReplaceAll(r.stdout, path, "STORE")
				if strings.Contains(r.stderr+r.stdout, "panic") || strings.Contains(r.stderr+r.stdout, "goroutine ") {
					t.Fatalf("%v panicked:\n%s", args, r.stderr)
				}
				switch {
				case r.code == 0 && args[0] == "backup":
					// A copy of what is there: any bytes.
				case r.code == 0 && out != want[args[0]]:
					// A flip inside a stored key or value breaks no
					// structure; its record's checksum must catch it.
					t.Errorf("%v: exit 0 with a wrong answer", args)
				case r.code == 1:
					requireOneLineFailure(t, r, path)
				case r.code != 0:
					t.Errorf("%v: exit %d\n%s", args, r.code, r.stderr)
				}
			}
			t.Logf("exit codes %v", codes)
		})
	}
}
