package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cancelAt is gen's progress that ends its context once a line holding
// want is written: a Ctrl-C between two chunks.
type cancelAt struct {
	want   string
	cancel context.CancelFunc
}

func (w cancelAt) Write(p []byte) (int, error) {
	if strings.Contains(string(p), w.want) {
		w.cancel()
	}
	return len(p), nil
}

// TestGenStopsWhenInterrupted: a gen whose context ends (SIGINT, SIGTERM)
// stops after the chunk it is storing, fails with one line that says what
// the store holds and the command that adds the rest, and that command
// completes a store that passes check.
func TestGenStopsWhenInterrupted(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "gen.db")
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	o := genOptions{applications: 500, chunk: 100, reviewers: 20, seed: 1, now: "2026-11-25"}

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // before the first chunk
	if err := runGen(ctx, db, o, now, io.Discard, io.Discard); err == nil || !strings.HasPrefix(err.Error(), "interrupted after 0 of 500 applications;") {
		t.Fatalf("gen interrupted at once: %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	err := runGen(ctx, db, o, now, cancelAt{"chunk 2/5", cancel}, io.Discard)
	rest := fmt.Sprintf("gen --db %s --append --applications 300 --seed 1 --reviewers 20 --chunk 100 --now 2026-11-25", db)
	want := fmt.Sprintf("interrupted after 200 of 500 applications; %s holds those 200 (add the rest with: assessor %s)", db, rest)
	if err == nil || err.Error() != want {
		t.Fatalf("gen interrupted after chunk 2:\n got %v\nwant %s", err, want)
	}
	if out, err := run(t, "", "check", "--db", db); err != nil || !strings.Contains(out, ": ok (200 applications") {
		t.Fatalf("check after the interrupt: %v\n%s", err, out)
	}
	if out, err := runSub(t, genCmd, strings.Fields(rest)...); err != nil {
		t.Fatalf("%s: %v\n%s", rest, err, out)
	}
	if out, err := run(t, "", "check", "--db", db); err != nil || !strings.Contains(out, ": ok (500 applications") {
		t.Fatalf("check after the rest: %v\n%s", err, out)
	}
}

// TestGenInterruptedDuringLastChunk: a Ctrl-C while the last chunk is
// stored leaves a whole store, and gen ends as a whole run does, not with
// a command that adds no applications.
func TestGenInterruptedDuringLastChunk(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "gen.db")
	o := genOptions{applications: 300, chunk: 100, reviewers: 20, seed: 1, now: "2026-11-25"}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out strings.Builder
	if err := runGen(ctx, db, o, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), cancelAt{"chunk 3/3", cancel}, &out); err != nil {
		t.Fatalf("gen interrupted after its last chunk was stored: %v", err)
	}
	if !strings.Contains(out.String(), "now 300 applications") {
		t.Errorf("gen's summary: %q", out.String())
	}
}
