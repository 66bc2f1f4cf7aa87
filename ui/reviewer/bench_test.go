package reviewer

import (
	"os"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/store"
	"assessor/ui/common"
)

// The benchmarks below run on stores built by `assessor gen` (see
// docs/PERFORMANCE.md) and named by environment variables, so that
// `go test ./...` stays fast; each size is skipped when its variable is
// unset. They open the store read-write, as `assessor review` does, and the
// keystroke benchmark claims the oldest attempt for benchReviewer.

// benchStores are the sizes the benchmarks compare, smallest first.
var benchStores = []struct{ name, env string }{
	{"attempts=10k", "ASSESSOR_BENCH_DB_10K"},
	{"attempts=1M", "ASSESSOR_BENCH_DB_1M"},
}

const benchReviewer = "rev-bench"

// benchTerm is the terminal size of the benchmarks: a laptop's full-screen
// terminal.
var benchTerm = tea.WindowSizeMsg{Width: 160, Height: 48}

// benchStore returns the store file for a size, skipping when it is unset.
func benchStore(b *testing.B, env string) string {
	b.Helper()
	path := os.Getenv(env)
	if path == "" {
		b.Skipf("set %s to a store built with `assessor gen` (docs/PERFORMANCE.md)", env)
	}
	return path
}

// settle runs cmd and feeds its messages into m, as the Bubble Tea runtime
// would, but synchronously and one step deep: the commands the messages
// return are dropped, since some are ticks (lease renewal) that would
// block. A command that has not answered within a second is a tick too.
func settle(b *testing.B, m tea.Model, cmd tea.Cmd) tea.Model {
	b.Helper()
	for _, msg := range runCmd(cmd) {
		m, _ = m.Update(msg)
	}
	return m
}

// runCmd runs cmd, and each command of a batch, returning their messages.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, runCmd(c)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(time.Second):
		return nil
	}
}

// firstFrame opens the store and draws the queue screen with its first
// page loaded: what a reviewer waits for after typing `assessor review`.
func firstFrame(b *testing.B, path string) (*store.Store, tea.Model, string) {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	m := New(st, benchReviewer, common.Options{Renderer: trueColorRenderer()})
	m, _ = m.Update(benchTerm)
	m = settle(b, m, m.Init())
	return st, m, m.View()
}

// BenchmarkFirstFrame measures store.Open + New + Init (the queue and the
// credential list loaded) + the first View of the queue, at each store size:
// the design wants it flat as the store grows.
func BenchmarkFirstFrame(b *testing.B) {
	for _, s := range benchStores {
		b.Run(s.name, func(b *testing.B) {
			path := benchStore(b, s.env)
			b.ReportAllocs()
			for b.Loop() {
				st, m, view := firstFrame(b, path)
				if am := m.(*appModel); !am.queue.loaded || len(view) == 0 {
					b.Fatalf("queue not loaded: %s", am.queue.status)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/frame")
		})
	}
}

// BenchmarkReviewKeystroke feeds `j` (and `k` on the way back up) to the
// review screen of a real attempt, claimed with `n`, and draws it, one op per key, and
// reports the median and 99th percentile of the per-key latency.
func BenchmarkReviewKeystroke(b *testing.B) {
	for _, s := range benchStores {
		b.Run(s.name, func(b *testing.B) {
			m, done := openBenchReview(b, s.env)
			defer done()
			down := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'j'}}
			up := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'k'}}
			i := 0
			benchKeys(b, m, func() tea.KeyMsg {
				k := down
				if i/64%2 == 1 {
					k = up
				}
				i++
				return k
			})
		})
	}
}

// BenchmarkReviewScoring goes round the keys a reviewer presses on each
// attempt, as the load test's sessions do, and draws the screen, one op per
// key: s to score, j and k, m on every criterion, e and a few keys of
// feedback (taken back again), esc, c to confirm, esc to go back to
// scoring and s back to the rubric. The round repeats on the same screen:
// what it measures is the drawing each key needs, not the store.
func BenchmarkReviewScoring(b *testing.B) {
	for _, s := range benchStores {
		b.Run(s.name, func(b *testing.B) {
			m, done := openBenchReview(b, s.env)
			defer done()
			round := []tea.KeyMsg{runeKey('s'), runeKey('j'), runeKey('k')}
			for range len(m.(*appModel).review.asg.Rubric.Criteria) {
				round = append(round, runeKey('m'))
			}
			round = append(round, runeKey('e'), runeKey('o'), runeKey('k'),
				tea.KeyMsg{Type: tea.KeyBackspace}, tea.KeyMsg{Type: tea.KeyBackspace},
				tea.KeyMsg{Type: tea.KeyEscape}, runeKey('c'), tea.KeyMsg{Type: tea.KeyEscape}, runeKey('s'))
			i := 0
			benchKeys(b, m, func() tea.KeyMsg {
				defer func() { i++ }()
				return round[i%len(round)]
			})
		})
	}
}

// runeKey is the key that types r.
func runeKey(r rune) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}} }

// BenchmarkReviewTyping types feedback into the last criterion's textarea
// of a real attempt (claimed with `n`, scoring with `s`, criteria scored
// with `m`, writing with `e`) and draws the screen, one op per key: a
// word and a space, a newline every 60 keys, and after 120 keys as many
// backspaces, back to an empty text, so the text stays a few lines long,
// as feedback is. (Until 4 December it typed 200 keys and took back 40,
// so the text grew by 160 characters every 240 keys of the run.)
func BenchmarkReviewTyping(b *testing.B) {
	for _, s := range benchStores {
		b.Run(s.name, func(b *testing.B) {
			m, done := openBenchReview(b, s.env)
			defer done()
			press := func(k tea.KeyMsg) {
				var cmd tea.Cmd
				m, cmd = m.Update(k)
				m = settle(b, m, cmd)
			}
			press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'s'}})
			for range 12 {
				press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'m'}})
			}
			press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'e'}})
			if !m.(*appModel).review.scoring.Editing() {
				b.Fatal("the feedback textarea did not open")
			}
			const text = "names the target and one next step "
			i := 0
			benchKeys(b, m, func() tea.KeyMsg {
				defer func() { i++ }()
				switch {
				case i%240 >= 120:
					return tea.KeyMsg{Type: tea.KeyBackspace}
				case i%60 == 59:
					return tea.KeyMsg{Type: tea.KeyEnter}
				}
				return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{rune(text[i%len(text)])}}
			})
		})
	}
}

// openBenchReview opens the store at env's path and the review screen of
// the attempt `n` claims; done releases it and closes the store.
func openBenchReview(b *testing.B, env string) (tea.Model, func()) {
	path := benchStore(b, env)
	st, m, _ := firstFrame(b, path)
	// n, not enter: the oldest attempt may be leased to someone.
	m, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'n'}})
	m = settle(b, m, cmd)
	am := m.(*appModel)
	if am.screen != reviewScreen {
		b.Fatalf("the attempt did not open: %s", am.queue.status)
	}
	return m, func() {
		st.Release(benchReviewer, am.review.key)
		st.Close()
	}
}

// benchKeys feeds next() to m and draws it, one op per key, dropping the
// keys' commands (the draft tick), and reports the median and 99th
// percentile of the per-key latency.
func benchKeys(b *testing.B, m tea.Model, next func() tea.KeyMsg) {
	lat := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		k := next()
		t0 := time.Now()
		m, _ = m.Update(k)
		_ = m.View()
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2])/1e3, "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100])/1e3, "p99-µs")
}

// BenchmarkReviewOpen builds the review screen of a real attempt, claimed
// with `n`, and draws it, one op per screen: what `y` costs the program
// after the claim's commit (the first frame of the session's next attempt,
// given what the screen before kept; a session's first `n` also draws the
// borders and help afresh).
func BenchmarkReviewOpen(b *testing.B) {
	for _, s := range benchStores {
		b.Run(s.name, func(b *testing.B) {
			m, done := openBenchReview(b, s.env)
			defer done()
			am := m.(*appModel)
			asg := am.review.asg
			b.ReportAllocs()
			for b.Loop() {
				r := newReview(am.c, asg, "", "", benchTerm.Width, benchTerm.Height, am.review.panes)
				if r.View() == "" {
					b.Fatal("no screen")
				}
			}
		})
	}
}
