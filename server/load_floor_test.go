package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
)

// The floor: what the load test's stack costs with no application in it.
// The same SSH library, Bubble Tea program options, frame wrapper and test
// clients as TestLoad200Sessions, serving a program that does nothing but
// count keys on a full 160×48 screen of plain text (one line changes per
// key, as with most of the review screen's keys). Unpaced, the keys
// answered per second here bound what any screen built on this stack can
// answer on this machine, and so, by Little's law, the latency of the
// unpaced load test (docs/PERFORMANCE.md, "The floor").

// floorKeys is how many keys each floor session types, about as many as a
// load test session.
const floorKeys = 28

// floorModel counts keys on a full screen.
type floorModel struct {
	w, h, keys int
	filler     []string // the static lines, built once per size
}

func (m *floorModel) Init() tea.Cmd { return nil }

func (m *floorModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.filler = make([]string, max(m.h-1, 0))
		for i := range m.filler {
			line := fmt.Sprintf("%3d %s", i, strings.Repeat("evidence text, rubric text, ", m.w/28+1))
			m.filler[i] = line[:m.w]
		}
	case tea.KeyMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
		m.keys++
	}
	return m, nil
}

func (m *floorModel) View() string {
	return fmt.Sprintf("floor · key %d ·", m.keys) + "\n" + strings.Join(m.filler, "\n")
}

// startFloorServer serves floorModel to any key on a loopback port, with
// the program options newProgram gives a reviewer's session.
func startFloorServer(t testing.TB) string {
	t.Helper()
	srv, err := wish.NewServer(
		wish.WithHostKeyPath(filepath.Join(t.TempDir(), HostKeyName)),
		wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
		ssh.EmulatePty(),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler {
			return func(sess ssh.Session) {
				_ = runProgram(sess, tea.NewProgram(newFrames(&floorModel{}, sess), programOptions(sess, sess)...))
			}
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return ln.Addr().String()
}

// runFloor runs n floor sessions, unpaced, their first keys at once, their
// clients in a child process as the load test's are.
func runFloor(t testing.TB, n int) loadRun {
	addr := startFloorServer(t)
	spec := loadSpec{Addr: addr, Floor: true, Sessions: make([]loadClient, n)}
	for i := range spec.Sessions {
		seed := make([]byte, ed25519.SeedSize)
		if _, err := rand.Read(seed); err != nil {
			t.Fatal(err)
		}
		spec.Sessions[i] = loadClient{ID: fmt.Sprintf("floor-%03d", i), Seed: seed}
	}
	start := time.Now()
	clients := startLoadClients(t, spec)
	run := loadRun{sessions: n, connected: time.Since(start)}
	cpu0, keysAt := processCPU(), time.Now()
	clients.begin(t)
	clients.waitDone(t)
	run.keys, run.cpu = time.Since(keysAt), processCPU()-cpu0
	out := clients.finish(t)
	run.results, run.clientCPU, run.clientAll = out.Results, out.CPU, clients.cpu
	for _, r := range run.results {
		if r.Err != "" {
			t.Errorf("%s: %s", r.Reviewer, r.Err)
		}
	}
	return run
}

// runFloorSession is one floor session in the clients' process: connect,
// wait for the others, then type floorKeys keys, each as soon as the last
// one's count shows.
func runFloorSession(ctx context.Context, addr string, key signer, id string, connected *sync.WaitGroup, ready <-chan struct{}) (res loadResult) {
	res = loadResult{Reviewer: id, Latencies: map[string][]time.Duration{}}
	c, connect, err := joinLoad(ctx, addr, key, "floor · key 0 ·", connected, ready)
	if err != nil {
		return res.fail(err)
	}
	defer c.close()
	defer c.countReceived(&res)()
	res.Connect = connect
	for k := 1; k <= floorKeys; k++ {
		d, err := c.do("j", loadStep, fmt.Sprintf("floor · key %d ·", k))
		if err != nil {
			return res.fail(err)
		}
		res.Latencies["j"] = append(res.Latencies["j"], d)
	}
	if err := c.press("q"); err != nil {
		return res.fail(err)
	}
	if err := c.wait(loadStep); err != nil {
		return res.fail(err)
	}
	return res
}

// TestLoadFloor200 logs the floor at 200 unpaced sessions; like the load
// test it asserts every key was answered, not how fast.
func TestLoadFloor200(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped with -short")
	}
	run := runFloor(t, loadSessions)
	run.report(t)
	if keys := run.keyCount(); keys != loadSessions*floorKeys {
		t.Errorf("%d keys answered, want %d", keys, loadSessions*floorKeys)
	}
}
