package rubrics

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// blocks is what the Markdown reader the review screen draws rubrics with
// (goldmark, under glamour) makes of a rubric's body, where reading it line
// by line would differ from what the reviewer sees: which lines are inside
// an HTML comment or code, and so hold no heading (an author retires a
// criterion by commenting it out, and the screen draws nothing of it), and
// which paragraphs a line of '=' or '-' turns into headings, and which
// headings are inside a block quote or a list item.
type blocks struct {
	hidden   map[int]bool       // line numbers inside an HTML comment or code
	unclosed map[int]int        // line number inside a "<!--" never closed -> the comment's first line
	setext   map[int]underlined // first line number -> the heading
	nested   map[int]nested     // first line number -> a heading in a quote or list
}

// nested is a heading inside a block quote or a list item, which the
// screen draws as a heading but a line read alone is not.
type nested struct {
	in         string // "block quote" or "list item": the nearest around it
	title      string // its text as written, without the #s or the quote's '>'
	underlined bool   // written over '=' or '-', keyed by its last line
}

// underlined is a heading written as a paragraph with '=' or '-' under it.
type underlined struct {
	level int  // 1 for '=', 2 for '-'
	last  line // the line just above the underline
}

// readBlocks parses lines, the part of src whose headings are read. all
// says lines run to the end of the body: only then is a comment still
// open at their end known never to close.
func readBlocks(src string, lines []line, all bool) blocks {
	bl := blocks{hidden: map[int]bool{}, unclosed: map[int]int{}, setext: map[int]underlined{}, nested: map[int]nested{}}
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
	// Block structure only, with GitHub's tables as the screen reads them
	// (a table's last row over "---" is no heading): inline parsing
	// (links, emphasis, raw HTML) changes no block, and its time grows with
	// the square of a paragraph's length on hostile input. One parser a
	// call, as Parse is safe to call concurrently.
	doc := parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithParagraphTransformers(util.Prioritized(extension.NewTableParagraphTransformer(), 200)),
	).Parse(text.NewReader(body))
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
			// Only a comment: the screen draws the text of other HTML
			// (<div>, <details>) with its tags taken out.
			if n.HTMLBlockType != ast.HTMLBlockType2 {
				break
			}
			hide(n.Lines())
			segs := n.Lines()
			first := segs.At(0)
			switch {
			case n.HasClosure():
				bl.hidden[at(n.ClosureLine.Start).num] = true
			case all && !bytes.Contains(first.Value(body), []byte("-->")):
				for i := range segs.Len() {
					bl.unclosed[at(segs.At(i).Start).num] = at(first.Start).num
				}
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			hide(n.Lines())
		case *ast.Heading:
			segs := n.Lines()
			if segs.Len() == 0 {
				break
			}
			first := segs.At(0).Start
			l := at(first)
			// An ATX heading's text follows its '#'s; an underlined one's
			// starts its line, after any indent.
			atx := bytes.HasSuffix(bytes.TrimRight(body[l.start-base:first], " \t"), []byte("#"))
			last := segs.At(segs.Len() - 1)
			switch {
			case n.Parent() != doc && atx:
				seg := segs.At(0)
				bl.nested[l.num] = nested{in: container(n), title: strings.TrimSpace(string(seg.Value(body)))}
			case n.Parent() != doc:
				// Underlined in a quote or list ("> C2. Name" over
				// "> ---") the screen draws a heading too. Its last line
				// is the one read, as for one outside.
				bl.nested[at(last.Start).num] = nested{in: container(n), title: strings.TrimSpace(string(last.Value(body))), underlined: true}
			case !atx:
				bl.setext[l.num] = underlined{level: n.Level, last: at(last.Start)}
			}
		}
		return ast.WalkContinue, nil
	})
	return bl
}

// container names the block quote or list item nearest around n.
func container(n ast.Node) string {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindBlockquote {
			return "block quote"
		}
		if p.Kind() == ast.KindListItem {
			return "list item"
		}
	}
	return "block"
}
