package reviewer

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestCSVDiffChangePastColumn100Labelled: attempt 2 changed one cell in
// column 120 of a 150-column CSV. The file list says the file changed, so
// the diff labels the row changed and says the change is past the
// columns shown, rather than reading as no change.
func TestCSVDiffChangePastColumn100Labelled(t *testing.T) {
	row := func(v string) string {
		c := make([]string, 150)
		for j := range c {
			c[j] = "c"
		}
		c[119] = v
		return strings.Join(c, ",")
	}
	head := "h" + strings.Repeat(",h", 149) + "\n"
	m, msg := shownDiff(t, "wide.csv", []byte(head+row("2")+"\n"), []byte(head+row("3")+"\n"))
	m, _, _ = m.update(msg)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "changed (change past column 100)") {
		t.Errorf("diff of a CSV whose column 120 changed labels no row:\n%s", strings.Join(strings.Split(v, "\n")[:8], "\n"))
	}
}
