package feedback

import (
	"testing"

	"github.com/charmbracelet/bubbles/textarea"
)

// TestPlaceholderKeptAsDrawn: the placeholder a Drawer shows is bubbles'
// own drawing, for each mode the program runs in, size and focus, the
// first time and when kept; each mode's drawing is kept apart from the
// others' (ascii and no-colour differ only in what their styles write),
// and a second round of new textareas draws nothing new.
func TestPlaceholderKeptAsDrawn(t *testing.T) {
	sizes := [][2]int{{24, 4}, {60, 12}, {156, 20}, {3, 1}}
	round := func() {
		for _, c := range drawConfigs() {
			for _, size := range sizes {
				for _, focus := range []bool{true, false} {
					var d Drawer
					ta, ref := c.make(), c.make()
					for _, m := range []*textarea.Model{&ta, &ref} {
						m.SetWidth(size[0])
						m.SetHeight(size[1])
						if focus {
							m.Focus()
						}
					}
					if got, want := d.View(&ta), ref.View(); got != want {
						t.Fatalf("%s %dx%d focused %v: placeholder drawn\n%s\nbubbles\n%s", c.name, size[0], size[1], focus, got, want)
					}
				}
			}
		}
	}
	round()
	kept := placeholders.Len()
	if kept == 0 {
		t.Fatal("no placeholder drawing was kept")
	}
	round()
	if again := placeholders.Len(); again != kept {
		t.Errorf("a second round of new textareas kept %d drawings, had %d", again, kept)
	}
	want := 3 * len(sizes) * 2 // the fast configs, each size and focus
	if kept < want {
		t.Errorf("%d drawings kept, want one for each of %d (mode, size, focus)", kept, want)
	}
}
