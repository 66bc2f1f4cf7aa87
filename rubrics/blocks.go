package rubrics

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// blocks is what the Markdown reader the review screen draws rubrics with
// (goldmark, under glamour) makes of a rubric's body, where reading it line
// by line would differ from what the reviewer sees: which lines are inside
// an HTML block or code, and so hold no heading (an author retires a
// criterion by commenting it out, and the screen draws nothing of it), and
// which paragraphs a line of '=' or '-' turns into headings.
type blocks struct {
	hidden   map[int]bool       // line numbers inside an HTML block or code
	setext   map[int]underlined // first line number -> the heading
	unclosed int                // line of the first "<!--" never closed, or 0
}

// underlined is a heading written as a paragraph with '=' or '-' under it.
type underlined struct {
	level int    // 1 for '=', 2 for '-'
	lines []line // its text, a line each as written
}

// readBlocks parses lines, the part of src whose headings are read, with
// the extensions glamour uses.
func readBlocks(src string, lines []line) blocks {
	bl := blocks{hidden: map[int]bool{}, setext: map[int]underlined{}}
	if len(lines) == 0 {
		return bl
	}
	base := lines[0].start
	end := len(src)
	last := lines[len(lines)-1]
	if i := strings.IndexByte(src[last.start:], '\n'); i >= 0 {
		end = last.start + i + 1
	}
	body := []byte(src[base:end])
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.DefinitionList))
	doc := md.Parser().Parse(text.NewReader(body))
	// at is the line holding byte off of body.
	at := func(off int) line {
		i := sort.Search(len(lines), func(i int) bool { return lines[i].start > base+off }) - 1
		return lines[max(i, 0)]
	}
	hide := func(segs *text.Segments) {
		for i := range segs.Len() {
			bl.hidden[at(segs.At(i).Start).num] = true
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			hide(n.Lines())
			if n.HasClosure() {
				bl.hidden[at(n.ClosureLine.Start).num] = true
			} else if first := n.Lines().At(0); n.HTMLBlockType == ast.HTMLBlockType2 &&
				!bytes.Contains(first.Value(body), []byte("-->")) && bl.unclosed == 0 {
				// It hides the rest of its list item or of the rubric.
				bl.unclosed = at(first.Start).num
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			hide(n.Lines())
		case *ast.Heading:
			segs := n.Lines()
			if n.Parent() != doc || segs.Len() == 0 {
				break
			}
			first := segs.At(0).Start
			l := at(first)
			// An ATX heading's text follows its '#'s; an underlined one's
			// starts its line, after any indent.
			if prefix := bytes.TrimRight(body[l.start-base:first], " \t"); bytes.HasSuffix(prefix, []byte("#")) {
				break
			}
			h := underlined{level: n.Level}
			for i := range segs.Len() {
				h.lines = append(h.lines, at(segs.At(i).Start))
			}
			bl.setext[l.num] = h
		}
		return ast.WalkContinue, nil
	})
	return bl
}
