package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"assessor/review"
)

// commits is the store's last committed write transaction id: it grows by
// one per commit, however many calls the commit carried.
func (f *fixture) commits() int {
	f.t.Helper()
	var id int
	if err := f.db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }); err != nil {
		f.t.Fatal(err)
	}
	return id
}

// TestBatchGroupsConcurrentWrites: claims, decisions and draft saves made at
// the same moment share commits (fewer commits than calls), yet each caller
// gets its own result, and a call that fails inside a batch (a claim of an
// attempt another reviewer holds, a second decision of one attempt) fails
// alone without losing or doubling the others' changes.
func TestBatchGroupsConcurrentWrites(t *testing.T) {
	f := newFixture(t)
	var lines []line
	for i := range 40 {
		lines = append(lines, submission(fmt.Sprintf("A-%02d", i), "descriptive-feedback", 1, fmt.Sprintf("2024-02-01T10:%02d:00Z", i)))
	}
	f.mustImport(lines...)
	// rev-held holds A-39, which the "thief" claims below must not take.
	if _, err := f.Claim("rev-held", key("A-39", 1)); err != nil {
		t.Fatal(err)
	}
	before := f.commits()

	const nexts, deciders = 20, 10
	var (
		wg      sync.WaitGroup
		start   = make(chan struct{})
		mu      sync.Mutex
		got     = map[review.AttemptKey]string{}
		decided = map[string]review.Decision{}
		wins    int
	)
	run := func(fn func()) {
		wg.Add(1)
		go func() { defer wg.Done(); <-start; fn() }()
	}
	for i := range nexts {
		reviewer := fmt.Sprintf("rev-n%02d", i)
		run(func() {
			as, err := f.Next(reviewer, "")
			if err != nil {
				t.Errorf("%s: Next: %v", reviewer, err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if other, dup := got[as.Attempt.Key()]; dup {
				t.Errorf("%s and %s both got %v", other, reviewer, as.Attempt.Key())
			}
			got[as.Attempt.Key()] = reviewer
			if as.Rubric.ID != "descriptive-feedback" {
				t.Errorf("%s: assignment without its rubric: %+v", reviewer, as.Rubric.ID)
			}
		})
	}
	// A-30..A-34 are decided by two reviewers each: one wins, one is told.
	for i := range deciders {
		reviewer := fmt.Sprintf("rev-d%02d", i)
		k := key(fmt.Sprintf("A-%02d", 30+i/2), 1)
		run(func() {
			d, err := f.Decide(reviewer, k, allMeets, nil)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				wins++
				if d.Reviewer != reviewer || d.Outcome != review.Pass {
					t.Errorf("%s got another's decision: %+v", reviewer, d)
				}
				decided[k.Application] = d
			case !errors.Is(err, review.ErrAlreadyDecided) && !errors.Is(err, review.ErrNotPending):
				t.Errorf("%s: second decision of %v: %v", reviewer, k, err)
			}
		})
	}
	for i := range 5 {
		reviewer := fmt.Sprintf("rev-t%02d", i)
		run(func() {
			if _, err := f.Claim(reviewer, key("A-39", 1)); !errors.Is(err, review.ErrClaimed) {
				t.Errorf("%s claimed an attempt rev-held holds: %v", reviewer, err)
			}
		})
	}
	for i := range 5 {
		reviewer := fmt.Sprintf("rev-s%02d", i)
		k := key(fmt.Sprintf("A-%02d", 20+i), 1)
		run(func() {
			if err := f.SaveDraft(reviewer, k, review.Draft{Levels: map[string]string{"C1": "meets"}}); err != nil {
				t.Errorf("%s: SaveDraft: %v", reviewer, err)
			}
		})
	}
	close(start)
	wg.Wait()

	// Only calls that change something commit: the claims, the winning
	// decisions and the drafts. Alone, each would be a commit of its own.
	changes := nexts + deciders/2 + 5
	if n := f.commits() - before; n >= changes {
		t.Errorf("%d calls changing the store made %d commits: none were grouped", changes, n)
	} else {
		t.Logf("%d calls changing the store, %d commits", changes, n)
	}
	if len(got) != nexts {
		t.Errorf("%d distinct attempts handed out, want %d", len(got), nexts)
	}
	if wins != deciders/2 {
		t.Errorf("%d decisions won, want %d", wins, deciders/2)
	}
	for app, want := range decided {
		d, ok, err := f.Decision(key(app, 1))
		if err != nil || !ok || d.Reviewer != want.Reviewer {
			t.Errorf("%s: stored %+v (found %v, err %v), the winner was %s", app, d, ok, err, want.Reviewer)
		}
	}
	if c := f.counts(); c.Decided != deciders/2 {
		t.Errorf("store counts %d decisions, want %d", c.Decided, deciders/2)
	}
	// Every claim is held by the reviewer it was handed to.
	for k, reviewer := range got {
		if _, err := f.Claim("rev-other", k); !errors.Is(err, review.ErrClaimed) {
			t.Errorf("%v (handed to %s) is not held: %v", k, reviewer, err)
		}
	}
	for i := range 5 {
		d, ok, err := f.Draft(fmt.Sprintf("rev-s%02d", i), key(fmt.Sprintf("A-%02d", 20+i), 1))
		if err != nil || !ok || d.Levels["C1"] != "meets" {
			t.Errorf("draft %d: %+v (found %v, err %v)", i, d, ok, err)
		}
	}
}

// TestBatchWaitsForNoWindow: a lone batched write commits at once, whatever
// bbolt's batch window: a claim or decision of one reviewer among 200 must
// not wait for company. (With bbolt's DB.Batch it waited MaxBatchDelay.)
func TestBatchWaitsForNoWindow(t *testing.T) {
	f := newFixture(t)
	f.mustImport(submission("A-01", "descriptive-feedback", 1, "2024-02-01T10:00:00Z"))
	f.db.MaxBatchDelay = time.Hour
	done := make(chan error, 1)
	go func() {
		_, err := f.Next("rev-a", "")
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a lone Next waited for the batch window")
	}
}

// TestBatchGroupsWhileWriterBusy: calls that arrive while the writer is
// busy are committed together once it is free, each with its own result;
// one that panics inside the group fails alone, in its own caller, as a
// damaged page, and the others commit without it.
func TestBatchGroupsWhileWriterBusy(t *testing.T) {
	f := newFixture(t)
	const calls = 10
	var lines []line
	for i := range calls {
		lines = append(lines, submission(fmt.Sprintf("A-%02d", i), "descriptive-feedback", 1, fmt.Sprintf("2024-02-01T10:%02d:00Z", i)))
	}
	f.mustImport(lines...)
	before := f.commits()
	tx, err := f.db.Begin(true) // holds the writer
	if err != nil {
		t.Fatal(err)
	}
	// queued waits until a commit is under way (its caller waiting for the
	// writer) and n calls wait behind it.
	queued := func(n int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(time.Millisecond) {
			f.group.mu.Lock()
			busy, got := f.group.busy, len(f.group.pending)
			f.group.mu.Unlock()
			if busy && got == n {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d calls queued (busy %v), want %d", got, busy, n)
			}
		}
	}
	var wg sync.WaitGroup
	got := make([]review.AttemptKey, calls)
	next := func(i int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			as, err := f.Next(fmt.Sprintf("rev-%02d", i), "")
			if err != nil {
				t.Errorf("rev-%02d: %v", i, err)
			}
			got[i] = as.Attempt.Key()
		}()
	}
	next(0)
	queued(0) // the first commits alone, waiting for the writer
	for i := 1; i < calls; i++ {
		next(i)
	}
	var panicked error
	wg.Add(1)
	go func() {
		defer wg.Done()
		panicked = f.batch(func(t *txn) error { panic("boom") })
	}()
	queued(calls) // the other 9 and the one that panics, behind it
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if !errors.Is(panicked, ErrCorrupt) || !strings.Contains(panicked.Error(), "boom") {
		t.Errorf("the call that panicked returned %v, want its panic as a damaged page", panicked)
	}
	if n := f.commits() - before; n != 2 {
		t.Errorf("%d calls queued behind a busy writer made %d commits, want 2 (the first alone, then the rest)", calls, n)
	}
	seen := map[review.AttemptKey]bool{}
	for i, k := range got {
		if seen[k] {
			t.Errorf("rev-%02d got %v, handed out twice", i, k)
		}
		seen[k] = true
	}
}
