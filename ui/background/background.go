// Package background keeps commands that draw no screen from asking the
// terminal for its background colour.
//
// Bubble Tea v1 asks as it initialises (tea_init.go), so every command,
// `backup -` and `--version` included, wrote a query to the terminal and
// read its answer; a terminal that never answers stalled each one 5 s.
// This package's init runs first (packages initialise in import-path order
// once their imports have, and "assessor/…" sorts before
// "github.com/charmbracelet/bubbletea"), so the default renderer already
// knows its background when Bubble Tea asks. A screen then asks for real
// with Ask, before its program takes the terminal.
package background

import (
	"os"
	"sync"

	"github.com/charmbracelet/lipgloss"
)

func init() { lipgloss.SetHasDarkBackground(true) }

// Ask makes lipgloss's default renderer one on stdout that has asked the
// terminal for its background, once per process: call it before a screen
// on this process's terminal builds its styles.
var Ask = sync.OnceFunc(func() {
	r := lipgloss.NewRenderer(os.Stdout)
	r.HasDarkBackground()
	lipgloss.SetDefaultRenderer(r)
})
