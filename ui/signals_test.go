//go:build unix

package ui

import (
	"io"
	"os"
	"syscall"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"assessor/ui/common"
	"assessor/ui/components/external"
)

// signallingEditor stands for an $EDITOR that leaves the terminal's
// signals on, as emacs -nw does (its C-g, "cancel", is the terminal's
// interrupt character): the terminal sends the signal to the whole
// foreground process group, this process included. kill sends sig.
type signallingEditor struct{ sig syscall.Signal }

func (signallingEditor) SetStdin(io.Reader)  {}
func (signallingEditor) SetStdout(io.Writer) {}
func (signallingEditor) SetStderr(io.Writer) {}
func (e signallingEditor) Run() error {
	_ = syscall.Kill(os.Getpid(), e.sig)
	time.Sleep(100 * time.Millisecond) // the handler has it before the editor ends
	return nil
}

type editedMsg struct{}
type stillHereMsg struct{}

// execModel runs the editor at once and records what reached it, in order.
type execModel struct {
	sig syscall.Signal
	got *[]string
}

func (m execModel) Init() tea.Cmd {
	return external.Exec(signallingEditor{m.sig}, func(error) tea.Msg { return editedMsg{} })
}

func (m execModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case common.SaveAndQuitMsg:
		*m.got = append(*m.got, "save and quit")
		return m, tea.Quit
	case editedMsg:
		*m.got = append(*m.got, "edited")
		return m, tea.Tick(300*time.Millisecond, func(time.Time) tea.Msg { return stillHereMsg{} })
	case stillHereMsg:
		*m.got = append(*m.got, "still here")
		return m, tea.Quit
	}
	return m, nil
}

func (m execModel) View() string { return "" }

// TestSignalWhileEditorRuns: while $EDITOR has the terminal, an interrupt
// is the editor's (emacs's C-g, ctrl+c to "code --wait") and leaves the
// screen as it was; a SIGTERM or SIGHUP ends the screen only after the
// editor's text is in, so the save that follows keeps it. Before, either
// ended the screen as the editor returned, ahead of its text.
func TestSignalWhileEditorRuns(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		want []string
	}{
		{syscall.SIGINT, []string{"edited", "still here"}},
		{syscall.SIGTERM, []string{"edited", "save and quit"}},
		{syscall.SIGHUP, []string{"edited", "save and quit"}},
	} {
		var got []string
		in, w, err := os.Pipe() // a terminal nobody types on
		if err != nil {
			t.Fatal(err)
		}
		p := tea.NewProgram(execModel{tc.sig, &got}, tea.WithInput(in), tea.WithOutput(io.Discard),
			tea.WithoutRenderer(), tea.WithoutSignalHandler())
		stop := saveOnSignals(p)
		_, err = p.Run()
		stop()
		w.Close()
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(tc.want) || got[0] != tc.want[0] || got[1] != tc.want[1] {
			t.Errorf("%v while the editor ran: the screen got %v, want %v", tc.sig, got, tc.want)
		}
	}
}
