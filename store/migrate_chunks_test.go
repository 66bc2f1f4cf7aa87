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
// stored attempts two to a commit, each commit recording the attempts it
// changed. When it stops at the fourth attempt (as a crash would), the
// first two are redacted and the rest as stored, at schema 10; the next
// upgrade changes the others, not reading the first two again (the first,
// written back as stored, stays so), and ends at schema 11 with no record
// of the step left.
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
	var marked []string
	err = f.update(func(tx *txn) error {
		done = bytes.Clone(tx.bucket(bucketMeta).Get([]byte(keyUpgradeDone)))
		err := tx.bucket(bucketUpgradeDone).ForEach(func(k, _ []byte) error {
			ak, _ := decodeAttemptKey(k)
			marked = append(marked, ak.String())
			return nil
		})
		if err != nil {
			return err
		}
		return tx.unredacted(key("c00", 1), runTogether)
	})
	if err != nil || string(done) != "11" || strings.Join(marked, " ") != "c00#1 c01#1" {
		t.Fatalf("recorded %q and %v (%v), want \"11\" and c00#1 c01#1", done, marked, err)
	}

	f.finishStep11(t) // going on after c01
	if got, want := f.redactedOf(5), "as stored, redacted, redacted, redacted, redacted"; got != want {
		t.Errorf("after the upgrade: %s, want %s (c00, written back, before where the step had got)", got, want)
	}
	err = f.view(func(tx *txn) error {
		if v := tx.bucket(bucketMeta).Get([]byte(keyUpgradeDone)); v != nil {
			t.Errorf("the finished step left %s = %q", keyUpgradeDone, v)
		}
		if tx.bucket(bucketUpgradeDone) != nil {
			t.Errorf("the finished step left bucket %s", bucketUpgradeDone)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// stopAt11 runs the step to schema 11 two attempts to a commit, stopped
// at the stop-th attempt it changes as a crash would stop it.
func (f *fixture) stopAt11(t *testing.T, stop int) {
	withChunk(t, 2)
	calls := 0
	stopping := attemptStep{which: to11.which, each: func(t *txn, k review.AttemptKey, sc *review.LeakScanner) error {
		if calls++; calls == stop {
			return errors.New("killed")
		}
		return to11.each(t, k, sc)
	}}
	changed := false
	if err := f.runAttemptStep(migration{to: 11, attempts: &stopping}, &changed); err == nil {
		t.Fatal("the step did not stop")
	}
}

// finishStep11 runs the step to schema 11 as the next upgrade runs it
// first, and checks that it ends at schema 11. The upgrade's later steps
// are left out: the one to 13 redacts every attempt again, which would
// hide what this one left alone.
func (f *fixture) finishStep11(t *testing.T) {
	t.Helper()
	changed := false
	if err := f.runAttemptStep(migration{to: 11, attempts: &to11}, &changed); err != nil {
		t.Fatal(err)
	}
	err := f.view(func(tx *txn) error {
		n, err := readSchema(tx.tx, f.path)
		if err == nil && n != 11 {
			t.Errorf("schema %d after the step to 11", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpgradeResumeChangesAttemptsImportedMeanwhile: an upgrade killed
// inside the step to schema 11 leaves the store at schema 10, which the
// old build still opens (docs/operations.md, "Upgrades"); it imports an
// attempt of the same candidate whose key, b00, sorts before those the
// step had done. The next upgrade redacts it too, and every other attempt.
func TestUpgradeResumeChangesAttemptsImportedMeanwhile(t *testing.T) {
	f := schema10Store(t, 5, runTogether) // c00..c04
	f.stopAt11(t, 4)                      // c00 and c01 committed
	s := submission("b00", "descriptive-feedback", 1, "2024-02-02T10:00:00Z")
	s = s.with("candidate", map[string]string{"name": "Keala Mahoe", "email": "b@example.org"})
	s["parts"] = []map[string]any{{"title": "Part 1", "text": runTogether}}
	f.mustImport(s)
	if err := f.update(func(tx *txn) error { return tx.unredacted(key("b00", 1), runTogether) }); err != nil {
		t.Fatal(err) // as the schema-10 build stored it
	}

	f.reopen() // upgrades from schema 10
	if f.Schema() != SchemaVersion {
		t.Fatalf("schema %d", f.Schema())
	}
	err := f.view(func(tx *txn) error {
		for _, id := range []string{"b00", "c00", "c01", "c02", "c03", "c04"} {
			a, _, err := tx.attempt(key(id, 1))
			if err != nil {
				return err
			}
			if strings.Contains(a.Parts[0].Text, "MahoeKeala") {
				t.Errorf("after the upgrade, %s#1 still shows reviewers the candidate's name: %q", id, a.Parts[0].Text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestUpgradeResumesACountOfEarlierBuilds: builds before bucketUpgradeDone
// recorded a step's progress as "<schema> <n>", the first n attempts of
// its list. The next upgrade goes on after them, as those builds did, and
// records them as done before it writes its own progress.
func TestUpgradeResumesACountOfEarlierBuilds(t *testing.T) {
	f := schema10Store(t, 5, runTogether)
	f.stopAt11(t, 4)
	// As an earlier build left it: c00 written back as stored shows that
	// it is not changed again.
	err := f.update(func(tx *txn) error {
		if err := tx.deleteBucket(bucketUpgradeDone); err != nil {
			return err
		}
		if err := tx.bucket(bucketMeta).Put([]byte(keyUpgradeDone), []byte("11 2")); err != nil {
			return err
		}
		return tx.unredacted(key("c00", 1), runTogether)
	})
	if err != nil {
		t.Fatal(err)
	}
	f.stopAt11(t, 3) // marks c00 and c01, changes c02 and c03, stops at c04
	if got, want := f.redactedOf(5), "as stored, redacted, redacted, redacted, as stored"; got != want {
		t.Errorf("after the second stop: %s, want %s", got, want)
	}
	f.finishStep11(t)
	if got, want := f.redactedOf(5), "as stored, redacted, redacted, redacted, redacted"; got != want {
		t.Errorf("after the upgrade: %s, want %s", got, want)
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
