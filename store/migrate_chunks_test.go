package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"assessor/review"
)

// runTogether is a text schema 10 did not redact: the candidate's name
// run together last name first, which the step to 11 replaces.
const runTogether = "Posted by MahoeKeala on the class portal."

// schema10Store is a fixture at schema 10 holding n attempts of Keala
// Mahoe's, c00 to c<n-1>, each with text (holding runTogether) as
// schema 10 stored it.
func schema10Store(tb testing.TB, n int, text string) *fixture {
	tb.Helper()
	f := newFixture(tb)
	var lines []line
	for i := range n {
		s := submission(fmt.Sprintf("c%02d", i), "descriptive-feedback", 1, "2024-02-01T10:00:00Z")
		s = s.with("candidate", map[string]string{"name": "Keala Mahoe", "email": fmt.Sprintf("m%d@example.org", i)})
		s["parts"] = []map[string]any{{"title": "Part 1", "text": text}}
		lines = append(lines, s)
	}
	f.mustImport(lines...)
	err := f.update(func(tx *txn) error {
		for i := range n {
			if err := tx.unredacted(key(fmt.Sprintf("c%02d", i), 1), text); err != nil {
				return err
			}
		}
		return setSchema(tx, 10)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// redactedOf lists, of the fixture's n attempts, which are redacted.
func (f *fixture) redactedOf(n int) string {
	f.t.Helper()
	var out []string
	err := f.view(func(tx *txn) error {
		for i := range n {
			a, _, err := tx.attempt(key(fmt.Sprintf("c%02d", i), 1))
			if err != nil {
				return err
			}
			switch a.Parts[0].Text {
			case runTogether:
				out = append(out, "as stored")
			case "Posted by [candidate name] on the class portal.":
				out = append(out, "redacted")
			default:
				out = append(out, fmt.Sprintf("%q", a.Parts[0].Text))
			}
		}
		return nil
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return strings.Join(out, ", ")
}

// withChunk sets upgradeChunk for one test.
func withChunk(t *testing.T, n int) {
	was := upgradeChunk
	upgradeChunk = n
	t.Cleanup(func() { upgradeChunk = was })
}

// TestUpgradeCommitsAttemptsInChunks: the step to schema 11 redacts the
// stored attempts two to a commit, each commit recording how far it got.
// When it stops at the fourth attempt (as a crash would), the first two
// are redacted and the rest as stored, at schema 10; the next upgrade goes
// on after the second, not reading the first two again (the first, written
// back as stored, stays so), and ends at schema 11 with no record of the
// step left.
func TestUpgradeCommitsAttemptsInChunks(t *testing.T) {
	withChunk(t, 2)
	f := schema10Store(t, 5, runTogether)
	calls := 0
	stopping := attemptStep{which: to11.which, each: func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error {
		if calls++; calls == 4 {
			return errors.New("stopped")
		}
		return to11.each(t, k, sc)
	}}
	changed := false
	err := f.runAttemptStep(migration{to: 11, attempts: &stopping}, &changed)
	if err == nil || !strings.Contains(err.Error(), "attempt 1 of c03: stopped") {
		t.Fatalf("the step returned %v, want it stopped at c03", err)
	}
	if !changed {
		t.Error("the step committed its first two attempts but did not say the store changed")
	}
	if got, want := f.redactedOf(5), "redacted, redacted, as stored, as stored, as stored"; got != want {
		t.Errorf("after the stop: %s, want %s", got, want)
	}
	var done []byte
	err = f.update(func(tx *txn) error {
		done = bytes.Clone(tx.bucket(bucketMeta).Get([]byte(keyUpgradeDone)))
		return tx.unredacted(key("c00", 1), runTogether)
	})
	if err != nil || string(done) != "11 2" {
		t.Fatalf("recorded %q (%v), want \"11 2\"", done, err)
	}

	f.reopen() // upgrades from schema 10, going on after c01
	if f.Schema() != SchemaVersion {
		t.Fatalf("schema %d after the upgrade", f.Schema())
	}
	if got, want := f.redactedOf(5), "as stored, redacted, redacted, redacted, redacted"; got != want {
		t.Errorf("after the upgrade: %s, want %s (c00, written back, before where the step had got)", got, want)
	}
	err = f.view(func(tx *txn) error {
		if v := tx.bucket(bucketMeta).Get([]byte(keyUpgradeDone)); v != nil {
			t.Errorf("the finished step left %s = %q", keyUpgradeDone, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpgradeFailingAfterACommitRestores: a step of attempts that fails
// after one of its commits (a later attempt unreadable) has changed the
// store: the upgrade puts the backup back, so the store is byte for byte
// what it was, and says so in one line.
func TestUpgradeFailingAfterACommitRestores(t *testing.T) {
	withChunk(t, 2)
	f := schema10Store(t, 5, runTogether)
	f.Close()
	f.Store = nil
	before, err := os.ReadFile(f.path)
	if err != nil {
		t.Fatal(err)
	}
	each, calls := to11.each, 0
	to11.each = func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error {
		if calls++; calls == 4 {
			return fmt.Errorf("%w (unreadable)", ErrCorrupt)
		}
		return each(t, k, sc)
	}
	defer func() { to11.each = each }()
	_, err = Open(f.path, Options{Timeout: 100 * time.Millisecond})
	if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "the store is unchanged (schema 10)") {
		t.Fatalf("the failed upgrade said %v, want one line saying the store is unchanged", err)
	}
	if after, _ := os.ReadFile(f.path); !bytes.Equal(after, before) {
		t.Error("the store is not what it was before the upgrade: its first commit stayed")
	}
}
