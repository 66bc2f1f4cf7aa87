package server

import (
	"context"
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
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"
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
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(func(sess ssh.Session) *tea.Program {
			opts := append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithoutSignalHandler(), tea.WithFPS(sessionFPS)}, bm.MakeOptions(sess)...)
			return tea.NewProgram(newFrames(&floorModel{}), opts...)
		}, termenv.Ascii)),
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

// runFloor runs n floor sessions, unpaced, their first keys at once, and
// returns their latencies under "all" and the keys' wall and CPU time.
func runFloor(t testing.TB, n int) loadRun {
	addr := startFloorServer(t)
	key, _ := newKey(t)
	ctx, cancel := context.WithTimeout(context.Background(), loadBudget)
	defer cancel()
	results := make([]loadResult, n)
	var connected, done sync.WaitGroup
	ready := make(chan struct{})
	connected.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			res := loadResult{reviewer: fmt.Sprintf("floor-%03d", i), latencies: map[string][]time.Duration{}}
			defer func() { results[i] = res }()
			once := sync.OnceFunc(connected.Done)
			defer once()
			c, err := dial(addr, key, 160, 48, "")
			if err != nil {
				res.err = err
				return
			}
			defer c.close()
			if _, err := c.waitFor(0, loadStep, "floor · key 0 ·"); err != nil {
				res.err = err
				return
			}
			once()
			<-ready
			for k := 1; k <= floorKeys; k++ {
				if ctx.Err() != nil {
					res.err = ctx.Err()
					return
				}
				d, err := c.do("j", loadStep, fmt.Sprintf("floor · key %d ·", k))
				if err != nil {
					res.err = err
					return
				}
				res.latencies["j"] = append(res.latencies["j"], d)
			}
			_ = c.press("q")
			res.err = c.wait(loadStep)
		}()
	}
	connected.Wait()
	run := loadRun{sessions: n, results: results}
	cpu0, keysAt := processCPU(), time.Now()
	close(ready)
	done.Wait()
	run.keys, run.cpu = time.Since(keysAt), processCPU()-cpu0
	for _, r := range results {
		if r.err != nil {
			t.Errorf("%s: %v", r.reviewer, r.err)
		}
	}
	return run
}

// TestLoadFloor200 logs the floor at 200 unpaced sessions; like the load
// test it asserts every key was answered, not how fast.
func TestLoadFloor200(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped with -short")
	}
	run := runFloor(t, loadSessions)
	run.report(t)
	keys := len(run.perKey()["all"])
	if keys != loadSessions*floorKeys {
		t.Errorf("%d keys answered, want %d", keys, loadSessions*floorKeys)
	}
	t.Logf("floor: %.0f keys a second, %.0f µs of process CPU per key", float64(keys)/run.keys.Seconds(), float64(run.cpu.Microseconds())/float64(keys))
}
