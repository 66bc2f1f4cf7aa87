package common

import (
	"strconv"
	"strings"
)

// The window a list longer than its room shows around its cursor, shared
// by the screens whose lists scroll so the row enter acts on stays drawn.

// ScrollTop is the first of n rows to draw in room lines so the cursor's
// row shows: once past the first room rows, the cursor's is the last line.
func ScrollTop(cursor, room, n int) int { return max(0, min(cursor-room+1, n-room)) }

// CentreTop is the first of n rows to draw in room lines with the
// cursor's row in the middle where it can be, so rows on both sides of it
// show.
func CentreTop(cursor, room, n int) int { return max(0, min(cursor-room/2, n-room)) }

// MoreHint says how many rows a window leaves out above and below it, as
// "↑ 3 more above · ↓ 12 more below", or "" when it leaves out none.
func MoreHint(above, below int) string {
	var s string
	if above > 0 {
		s = "↑ " + strconv.Itoa(above) + " more above"
	}
	if below > 0 {
		if s != "" {
			s += " · "
		}
		s += "↓ " + strconv.Itoa(below) + " more below"
	}
	return s
}

// CutLines keeps the first n lines, ending the last with "…" when it
// dropped any.
func CutLines(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	if n <= 0 {
		return nil
	}
	out := append([]string(nil), lines[:n]...)
	out[n-1] = strings.TrimRight(out[n-1], " ") + "…"
	return out
}
