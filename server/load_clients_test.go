package server

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// loadClientsEnv names the spec file of a clients' process: set, the test
// binary is the load test's child and TestLoadClients runs its sessions.
const loadClientsEnv = "ASSESSOR_LOAD_CLIENTS"

// The lines a clients' process prints for its parent: every session shows
// its queue (the parent then starts its CPU clock and closes our stdin to
// start the keys), and the last session has ended.
const (
	loadConnectedLine = "load clients: connected"
	loadDoneLine      = "load clients: done"
)

// loadSpec is what the parent tells its clients' process. The child opens
// no store (the parent holds it): Criteria answers what the sessions would
// read from it.
type loadSpec struct {
	Addr     string
	Think    time.Duration
	Sessions []loadClient
	Criteria map[string][]string // handle → criterion ids as the scoring panel shows them
	Results  string              // file the child writes its loadOutcome to
	Floor    bool                // the sessions type at the floor's screen (load_floor_test.go)
}

// loadClient is one session: its reviewer, private key and how many
// attempts it decides.
type loadClient struct {
	ID        string
	Seed      []byte // ed25519 private key seed
	Decisions int
}

// loadOutcome is what the clients' process measured.
type loadOutcome struct {
	Results []loadResult
	CPU     time.Duration // the child's own CPU while keys ran
}

// TestLoadClients is the clients' half of the load test, run only as the
// child process runLoad starts, so that the server's CPU is measured
// without its clients' (SSH crypto, terminal output searched, garbage).
func TestLoadClients(t *testing.T) {
	path := os.Getenv(loadClientsEnv)
	if path == "" {
		t.Skip("the load test's clients: run only as its child process")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var spec loadSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	keys := make([]signer, len(spec.Sessions))
	for i, cl := range spec.Sessions {
		if keys[i], err = gossh.NewSignerFromKey(ed25519.NewKeyFromSeed(cl.Seed)); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), loadBudget)
	defer cancel()
	results := make([]loadResult, len(spec.Sessions))
	var connected, done sync.WaitGroup
	ready := make(chan struct{})
	connected.Add(len(spec.Sessions))
	done.Add(len(spec.Sessions))
	for i, cl := range spec.Sessions {
		go func() {
			defer done.Done()
			if spec.Floor {
				results[i] = runFloorSession(ctx, spec.Addr, keys[i], cl.ID, &connected, ready)
				return
			}
			results[i] = runLoadSession(ctx, spec.Criteria, spec.Addr, keys[i], cl.ID, cl.Decisions, spec.Think, &connected, ready)
		}()
	}
	connected.Wait()
	fmt.Println(loadConnectedLine)
	// The parent closes our stdin once its CPU clock runs.
	if _, err := io.Copy(io.Discard, os.Stdin); err != nil {
		t.Fatal(err)
	}
	cpu0 := processCPU()
	close(ready) // every session starts its keystrokes at once
	done.Wait()
	out := loadOutcome{Results: results, CPU: processCPU() - cpu0}
	fmt.Println(loadDoneLine)
	if data, err = json.Marshal(out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec.Results, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// runLoadSession is one reviewer: connect, wait for the others, then claim,
// score and decide `decisions` attempts as fast as the screen answers.
// criteria holds the criterion ids of every handle the queue may open.
func runLoadSession(ctx context.Context, criteria map[string][]string, addr string, key signer, id string, decisions int, think time.Duration, connected *sync.WaitGroup, ready <-chan struct{}) (res loadResult) {
	res = loadResult{Reviewer: id, Latencies: map[string][]time.Duration{}}
	c, connect, err := joinLoad(ctx, addr, key, "pending", connected, ready)
	if err != nil {
		return res.fail(err)
	}
	defer c.close()
	defer c.countReceived(&res)()
	res.Connect = connect
	if think > 0 {
		time.Sleep(rand.N(20 * think))
	}

	// step presses one key, waits for want and records the latency.
	step := func(name, keys string, want ...string) (int, error) {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if think > 0 {
			time.Sleep(think/2 + rand.N(think))
		}
		m := c.mark()
		d, err := c.do(keys, loadStep, want...)
		if err != nil {
			return 0, fmt.Errorf("key %s: %w", name, err)
		}
		res.Latencies[name] = append(res.Latencies[name], d)
		return m, nil
	}
	// opened waits for a review screen after mark and returns its handle.
	opened := func(m int, not string) (string, bool, error) {
		deadline := time.After(loadStep)
		for {
			got, _ := c.textAfter(m)
			// The search only once a header may be there: it ran on
			// every piece of every new screen.
			for _, h := range headerMatches(got) {
				if h[1] != not {
					return h[1], true, nil
				}
			}
			if strings.Contains(got, "Nothing left for you to take") {
				return "", false, nil
			}
			select {
			case <-c.changed:
			case <-c.ended:
				return "", false, fmt.Errorf("session ended waiting for the next attempt")
			case <-deadline:
				return "", false, fmt.Errorf("no review screen after %s:\n%s", loadStep, tail(got))
			}
		}
	}

	// The evidence pane's title, which no queue row can contain.
	m, err := step("n", "n", "Evidence   0%")
	if err != nil {
		return res.fail(err)
	}
	h, ok, err := opened(m, "")
	if err != nil || !ok {
		return res.fail(fmt.Errorf("n opened nothing (err %v)", err))
	}
	res.Holds = append(res.Holds, hold{Handle: h, Reviewer: id, From: time.Now()})
	for d := 0; ; d++ {
		crit, ok := criteria[h]
		if !ok {
			return res.fail(fmt.Errorf("%s opened, not in the queue the parent listed criteria of", h))
		}
		if _, err := step("s", "s", "Scoring "+h); err != nil {
			return res.fail(err)
		}
		// j and k move between criteria (measured once each per attempt:
		// m below moves on by itself).
		if len(crit) > 1 {
			if _, err := step("j", "j", "▸ "+crit[1]); err != nil {
				return res.fail(err)
			}
			if _, err := step("k", "k", "▸ "+crit[0]); err != nil {
				return res.fail(err)
			}
		}
		// m scores the criterion and moves on to the next one.
		for i := range crit {
			want := []string{"meets"}
			if i+1 < len(crit) {
				want = append(want, "▸ "+crit[i+1])
			}
			if _, err := step("m", "m", want...); err != nil {
				return res.fail(err)
			}
		}
		// Feedback on the last criterion, one key per write (keys that
		// arrive together are read as one paste): the marker unmeasured,
		// then each key measured until its prefix shows in the textarea.
		if _, err := step("e", "e", "done editing"); err != nil {
			return res.fail(err)
		}
		if _, err := c.do(loadMarker, loadStep, loadMarker); err != nil {
			return res.fail(fmt.Errorf("typing: %w", err))
		}
		for i := len(loadMarker); i < len(loadTyped); i++ {
			if _, err := step("type", loadTyped[i:i+1], loadTyped[:i+1]); err != nil {
				return res.fail(err)
			}
		}
		if _, err := step("done", "\x1b", "feedback:"); err != nil {
			return res.fail(err)
		}
		if _, err := step("c", "c", "Record PASS for "+h); err != nil {
			return res.fail(fmt.Errorf("%s: %w", h, err))
		}
		res.Holds[len(res.Holds)-1].To = time.Now()
		m, err := step("y", "y", "Recorded PASS for "+h)
		if err != nil {
			return res.fail(err)
		}
		res.Decided = append(res.Decided, h)
		// Confirming opens the next attempt (or says the queue is empty).
		next, ok, err := opened(m, h)
		if err != nil {
			return res.fail(err)
		}
		if !ok {
			break
		}
		res.Holds = append(res.Holds, hold{Handle: next, Reviewer: id, From: time.Now()})
		if d+1 == decisions {
			// Give the lease back and go to the queue, then quit.
			res.Holds[len(res.Holds)-1].To = time.Now()
			if _, err := step("esc", "\x1b", "pending"); err != nil {
				return res.fail(err)
			}
			break
		}
		h = next
	}
	if err := c.press("q"); err != nil {
		return res.fail(err)
	}
	if err := c.wait(loadStep); err != nil {
		res.Err = fmt.Sprintf("q: %v", err)
	}
	return res
}

// fail records why the session stopped and returns what it did until then.
func (r loadResult) fail(err error) loadResult {
	r.Err = err.Error()
	return r
}

// joinLoad connects one session, waits for its first screen to show first,
// counts it connected and waits for every session's start; it returns the
// client and how long its first screen took.
func joinLoad(ctx context.Context, addr string, key signer, first string, connected *sync.WaitGroup, ready <-chan struct{}) (*termClient, time.Duration, error) {
	once := sync.OnceFunc(connected.Done)
	defer once()
	t0 := time.Now()
	c, err := dial(addr, key, 160, 48, "")
	if err != nil {
		return nil, 0, fmt.Errorf("dial: %w", err)
	}
	at, err := c.waitFor(0, loadStep, first)
	if err != nil {
		c.close()
		return nil, 0, err
	}
	once()
	select {
	case <-ready:
		return c, at.Sub(t0), nil
	case <-ctx.Done():
		c.close()
		return nil, 0, ctx.Err()
	}
}
