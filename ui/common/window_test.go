package common

import (
	"strings"
	"testing"
)

// TestScrollWindow: the window keeps the cursor's row among the room
// lines and never runs past either end of the list.
func TestScrollWindow(t *testing.T) {
	for _, tc := range []struct{ cursor, room, n, scroll, centre int }{
		{0, 5, 3, 0, 0},     // fits: no scrolling
		{4, 5, 20, 0, 2},    // still on the first screen
		{5, 5, 20, 1, 3},    // one past it
		{19, 5, 20, 15, 15}, // the last row: the window ends with the list
		{10, 5, 20, 6, 8},
	} {
		for _, got := range []struct {
			name     string
			top, exp int
		}{{"ScrollTop", ScrollTop(tc.cursor, tc.room, tc.n), tc.scroll}, {"CentreTop", CentreTop(tc.cursor, tc.room, tc.n), tc.centre}} {
			if got.top != got.exp {
				t.Errorf("%s(%d, %d, %d) = %d, want %d", got.name, tc.cursor, tc.room, tc.n, got.top, got.exp)
			}
			if tc.n > tc.room && (tc.cursor < got.top || tc.cursor >= got.top+tc.room) {
				t.Errorf("%s(%d, %d, %d) = %d leaves the cursor out", got.name, tc.cursor, tc.room, tc.n, got.top)
			}
		}
	}
	for _, tc := range []struct {
		above, below int
		want         string
	}{{0, 0, ""}, {3, 0, "↑ 3 more above"}, {0, 12, "↓ 12 more below"}, {3, 12, "↑ 3 more above · ↓ 12 more below"}} {
		if got := MoreHint(tc.above, tc.below); got != tc.want {
			t.Errorf("MoreHint(%d, %d) = %q, want %q", tc.above, tc.below, got, tc.want)
		}
	}
}

// TestCutLines: a cut keeps the first lines and says it dropped some.
func TestCutLines(t *testing.T) {
	lines := []string{"one", "two  ", "three"}
	for _, tc := range []struct {
		n    int
		want string
	}{{0, ""}, {1, "one…"}, {2, "one|two…"}, {3, "one|two  |three"}, {5, "one|two  |three"}} {
		if got := strings.Join(CutLines(lines, tc.n), "|"); got != tc.want {
			t.Errorf("CutLines(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
