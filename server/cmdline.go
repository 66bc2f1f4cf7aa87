package server

import (
	"errors"
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// maxCommandLine bounds the SSH command line: no command of assessor takes
// more than a few short arguments, and the parser must not be handed a
// megabyte to chew on.
const maxCommandLine = 8 << 10

// errNotOneCommand is the refusal of a line that a shell would run as more
// than one plain command.
var errNotOneCommand = errors.New("over ssh the command line is one assessor command: no ; | & < > or VAR=value; quote them ('a;b') to pass them as text")

// parseCommand splits the command line a client sent (ssh HOST 'reveal
// CE-YA97 --reason "a b"') into arguments by POSIX shell quoting, parsed by
// mvdan.cc/sh, so quotes, backslashes and --flag="a b" mean what they mean
// in a local shell. Nothing is expanded: the server is no shell, so
// $VAR, $(…), `…` and {a,b} are refused (the client's shell has already
// expanded what it should), while * ? and ~ stay literal text.
func parseCommand(raw string) ([]string, error) {
	if len(raw) > maxCommandLine {
		return nil, fmt.Errorf("the command line is over %d bytes", maxCommandLine)
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(raw), "")
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		// "1:25: reached EOF without closing quote", in the user's words:
		// the line is one line, and EOF is its end.
		return nil, fmt.Errorf("command line, at character %d: %s", pe.Pos.Col(), strings.Replace(pe.Text, "reached EOF", "reached the end", 1))
	}
	if err != nil {
		return nil, fmt.Errorf("command line: %v", err)
	}
	switch {
	case len(f.Stmts) == 0:
		return nil, nil
	case len(f.Stmts) > 1:
		return nil, errNotOneCommand
	}
	st := f.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || st.Negated || st.Background || st.Coprocess || len(st.Redirs) > 0 || len(call.Assigns) > 0 {
		return nil, errNotOneCommand
	}
	args := make([]string, 0, len(call.Args))
	for _, w := range call.Args {
		if err := literalOnly(raw, w); err != nil {
			return nil, err
		}
		// Fields removes quotes and backslashes; with no ReadDir it does
		// not glob, and asText quotes what it would still expand (~, {);
		// a word must stay one argument.
		fs, err := expand.Fields(&expand.Config{}, asText(w))
		if err != nil {
			return nil, fmt.Errorf("command line: %v", err)
		}
		if len(fs) != 1 {
			return nil, notExpanded(typed(raw, w))
		}
		args = append(args, fs[0])
	}
	return args, nil
}

// asText is w with its leading ~ and every { quoted ('~', '{'), \{ too,
// the rest of the word read as ever. A ~ stays as typed: expand would ask
// the host's user database for ~root, and tell a reviewer its home. A {
// stays as typed once braceExpansion found none that a shell expands:
// expand would split \{a,b\}, which a shell leaves as {a,b}.
func asText(w *syntax.Word) *syntax.Word {
	var parts []syntax.WordPart
	for i, p := range w.Parts {
		lit, ok := p.(*syntax.Lit)
		if !ok {
			parts = append(parts, p)
			continue
		}
		v, from := lit.Value, 0
		for j := 0; j < len(v); j++ {
			at := j
			switch {
			case v[j] == '\\' && j+1 < len(v) && v[j+1] == '{':
				j++
			case v[j] == '\\':
				j++ // an escaped character stays as it is
				continue
			case v[j] == '{', v[j] == '~' && i == 0 && j == 0:
			default:
				continue
			}
			if at > from {
				parts = append(parts, &syntax.Lit{Value: v[from:at]})
			}
			parts = append(parts, &syntax.SglQuoted{Value: v[j : j+1]})
			from = j + 1
		}
		if from < len(v) {
			parts = append(parts, &syntax.Lit{Value: v[from:]})
		}
	}
	return &syntax.Word{Parts: parts}
}

// errDollarQuote refuses $'…' and $"…": bash reads escapes in the one and
// translates the other, POSIX keeps the $ as text, so the user's shell
// and the server would give the command different words.
var errDollarQuote = errors.New(`over ssh $'…' and $"…" are not read as bash reads them: drop the $, or quote it ('$') to pass it as text`)

// literalOnly refuses a word with anything a shell would expand or run.
func literalOnly(raw string, w *syntax.Word) error {
	for i, p := range w.Parts[:len(w.Parts)-1] {
		lit, ok := p.(*syntax.Lit)
		if !ok || !strings.HasSuffix(lit.Value, "$") || escaped(lit.Value) {
			continue
		}
		switch w.Parts[i+1].(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			return errDollarQuote
		}
	}
	var bad syntax.Node
	syntax.Walk(w, func(n syntax.Node) bool {
		switch n.(type) {
		case *syntax.ParamExp, *syntax.CmdSubst, *syntax.ArithmExp, *syntax.ProcSubst, *syntax.ExtGlob:
			if bad == nil {
				bad = n
			}
			return false
		}
		return true
	})
	if bad != nil {
		return notExpanded(typed(raw, bad))
	}
	// Braces are found before anything is expanded: {1..9999999} or
	// {a,b}{a,b}… would make millions of words out of a few bytes.
	if braceExpansion(w) {
		return notExpanded(typed(raw, w))
	}
	return nil
}

// maxBraces is the most { a word may hold before it is refused as braces a
// shell would expand, without reading them: finding braces costs far more
// than the word's length on many nested {.
const maxBraces = 8

// braceExpansion reports whether a shell would make more than one word of
// w's braces ({a,b}, {1..3}, {a,"b"}), not of {x}, {} or \{a,b\}. Quoted
// and escaped characters can neither open, split nor close one, so they
// are read as a plain letter, and the word's own parts are left as they
// are (SplitBraces rewrites what it reads).
func braceExpansion(w *syntax.Word) bool {
	var b strings.Builder
	for _, p := range w.Parts {
		lit, ok := p.(*syntax.Lit)
		if !ok { // quoted text (literalOnly refused the rest)
			b.WriteByte('x')
			continue
		}
		for i := 0; i < len(lit.Value); i++ {
			if lit.Value[i] == '\\' {
				b.WriteByte('x')
				i++
				continue
			}
			b.WriteByte(lit.Value[i])
		}
	}
	text := b.String()
	if n := strings.Count(text, "{"); n == 0 || n > maxBraces {
		return n > 0
	}
	read := &syntax.Word{Parts: []syntax.WordPart{&syntax.Lit{Value: text}}}
	if !syntax.SplitBraces(read) {
		return false
	}
	many := false
	syntax.Walk(read, func(n syntax.Node) bool {
		if be, ok := n.(*syntax.BraceExp); ok && (be.Sequence || len(be.Elems) > 1) {
			many = true
		}
		return !many
	})
	return many
}

// notExpanded refuses what a shell would have expanded, shown as written
// (its first 64 bytes: a line may hold 8 KiB of it).
func notExpanded(src string) error {
	if len(src) > 64 {
		src = strings.ToValidUTF8(src[:64], "") + "…"
	}
	return fmt.Errorf("over ssh nothing is expanded: %s would be; quote it with '…' to pass it as text", src)
}

// escaped reports whether the last character of lit, as written, follows
// an odd run of backslashes (\$ is a $, and \\$ a backslash and a $).
func escaped(lit string) bool {
	n := 0
	for i := len(lit) - 2; i >= 0 && lit[i] == '\\'; i-- {
		n++
	}
	return n%2 == 1
}

// typed is n as the user typed it in the command line raw, for an error
// message.
func typed(raw string, n syntax.Node) string {
	from, to := int(n.Pos().Offset()), int(n.End().Offset())
	if from > to || to > len(raw) {
		return "the line" // not from raw: no such node is made
	}
	return raw[from:to]
}
