package server

import (
	"io"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui"
)

// pacedRun is a hostile client's input: packets of 1 KiB without a space,
// each a little over runPause after the last, then " q".
type pacedRun struct{ left int }

func (r *pacedRun) Read(p []byte) (int, error) {
	switch {
	case r.left > 0:
		time.Sleep(6 * time.Millisecond)
		r.left--
		return copy(p, strings.Repeat("w", 1024)), nil
	case r.left == 0:
		time.Sleep(6 * time.Millisecond)
		r.left--
		return copy(p, " q"), nil
	}
	return 0, io.EOF
}

// longestRun is a model that records the longest run of characters
// Bubble Tea hands it as one key, and quits at q.
type longestRun struct{ most *int }

func (m longestRun) Init() tea.Cmd { return nil }
func (m longestRun) View() string  { return "" }
func (m longestRun) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok {
		*m.most = max(*m.most, len(k.Runes))
		if k.String() == "q" {
			return m, tea.Quit
		}
	}
	return m, nil
}

// TestPacedRunIsCut: a client that sends a run without a space a KiB at a
// time, pausing 6 ms between packets, must not make Bubble Tea hold (and
// copy and search again after every 256 bytes) more of it than a run is
// cut to: CapPastes exists so that no client can.
func TestPacedRunIsCut(t *testing.T) {
	t.Parallel()
	const packets = 300 // 300 KiB over about 2 s
	in := newSessionInput(&pacedRun{left: packets})
	defer in.close()
	var most int
	p := tea.NewProgram(longestRun{&most}, tea.WithInput(in), tea.WithOutput(io.Discard),
		tea.WithoutRenderer(), tea.WithoutSignalHandler())
	start := time.Now()
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d packets in %v", packets, time.Since(start))
	if most > ui.MaxPaste {
		t.Errorf("Bubble Tea held a run of %d characters (MaxPaste %d, a run is cut to 1 KiB)", most, ui.MaxPaste)
	}
}
