package evidence

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/sergi/go-diff/diffmatchpatch"

	"assessor/ui/styles"
)

// DiffStyles are how the evidence diff marks changed words: inserted words
// green and underlined, deleted ones red and struck through. The colours
// come from the program's styles, so they use its renderer (an SSH
// session's own colour profile) and follow NO_COLOR without a second switch.
type DiffStyles struct {
	ins, del lipgloss.Style // colour only, see insAttr

	// insAttr and delAttr open underline and strikethrough in front of a
	// coloured word; the colour's closing reset ends them. lipgloss would
	// draw these attributes one rune at a time (about 25 bytes a letter),
	// which matters for a pane of changed text repainted over SSH.
	insAttr, delAttr string

	// markers wraps changed runs in [+ … +] and [- … -]. It is on when
	// colour does not show (NO_COLOR, or a terminal without colour),
	// because a diff whose changes are invisible reads as the new text
	// with the old words mixed in.
	markers bool
}

// Markers around a run of inserted or deleted words in marker mode.
const (
	insOpen, insClose = "[+", "+]"
	delOpen, delClose = "[-", "-]"
)

// NewDiffStyles derives the diff styles from st.
func NewDiffStyles(st *styles.Styles) DiffStyles {
	// meets is the palette's green and errStatus its red; copying them
	// keeps the renderer they were built on.
	ds := DiffStyles{ins: st.Meets, del: st.ErrStatus.Bold(false)}
	ds.markers = st.NoColor || ds.ins.Render("x") == "x"
	if !ds.markers {
		ds.insAttr = ansi.Style{}.Underline(true).String()
		ds.delAttr = ansi.Style{}.Strikethrough(true).String()
	}
	return ds
}

// style draws one word (never a space, see render) as op says.
func (ds DiffStyles) style(op diffmatchpatch.Operation, word string) string {
	switch op {
	case diffmatchpatch.DiffInsert:
		return ds.insAttr + ds.ins.Render(word)
	case diffmatchpatch.DiffDelete:
		return ds.delAttr + ds.del.Render(word)
	}
	return word
}
