package ui

import (
	"io"

	"assessor/ui/common"
)

// RenderRubric draws a rubric as the review screen's rubric pane does
// (common.RenderRubric), for the command line.
func RenderRubric(md string, width int, w io.Writer, noColor bool) string {
	return common.RenderRubric(md, width, w, noColor)
}
