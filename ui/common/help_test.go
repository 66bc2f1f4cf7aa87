package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

type columns [][]key.Binding

func (c columns) ShortHelp() []key.Binding  { return c[0] }
func (c columns) FullHelp() [][]key.Binding { return c }

// TestHelpViewWrapsColumns: the full help lists every column, in as many
// rows as the width needs, none wider than it (bubbles' help dropped the
// columns past the width).
func TestHelpViewWrapsColumns(t *testing.T) {
	bind := func(k, desc string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc)) }
	km := columns{
		{bind("k", "previous criterion"), bind("j", "next criterion")},
		{bind("1", "not-yet level"), bind("2", "approaching level")},
		{bind("enter", "write feedback"), bind("b", "snippets")},
		{bind("E", "open $EDITOR"), bind("esc", "back to rubric")},
	}
	h := help.New()
	h.ShowAll, h.Width = true, 60
	out := HelpView(h, km)
	for _, want := range []string{"previous criterion", "approaching level", "snippets", "back to rubric"} {
		if !strings.Contains(out, want) {
			t.Errorf("full help at 60 columns lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if w := lipgloss.Width(line); w > 60 {
			t.Errorf("a line %d wide: %q", w, line)
		}
	}
	if h.Width = 200; strings.Count(HelpView(h, km), "\n") >= strings.Count(out, "\n") {
		t.Error("wide enough, the columns should share rows")
	}
}

// TestShortHelpKeepsToItsWidth: at every width the short help is no wider
// than it, keys cut whole with " …" after them (bubbles added every key
// once one's "…" did not fit), ? among those kept.
func TestShortHelpKeepsToItsWidth(t *testing.T) {
	bind := func(k, desc string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, desc)) }
	km := columns{{bind("enter", "claim & open"), bind("n", "next available"), bind("f", "filter credential"),
		bind("?", "help"), bind("q", "quit")}}
	h := help.New()
	all := lipgloss.Width(h.View(km))
	for w := 10; w <= all+2; w++ {
		h.Width = w
		out := HelpView(h, km)
		if got := lipgloss.Width(out); got > w {
			t.Errorf("at %d columns the short help is %d wide: %q", w, got, out)
		}
		if w < all && !strings.HasSuffix(out, "…") {
			t.Errorf("at %d columns the cut help does not end in …: %q", w, out)
		}
		// ? lists the rest: it stays wherever the first key and it fit.
		if lipgloss.Width("enter claim & open • ? help …") <= w && !strings.Contains(out, "? help") {
			t.Errorf("at %d columns the help key is cut: %q", w, out)
		}
	}
}
