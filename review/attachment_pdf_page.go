package review

import (
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pageText is the plain text of page p, as the PDF reader's GetPlainText
// reads it, but with a line's end where the text moves to another line
// (Td or TD down or up, Tm to another baseline, T*, ' and ") and a space at
// a wide gap inside TJ. The reader joins lines placed with
// Td, the usual way ("Teacher" over "Keoni" read "TeacherKeoni"), so a name
// at a line's edge reached neither the redactor nor the leak scan; and its
// " panicked, losing the page.
func pageText(p pdf.Page) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("%v", r)
		}
	}()
	if p.V.IsNull() || p.V.Key("Contents").Kind() == pdf.Null {
		return "", nil
	}
	fonts := map[string]*pdf.Font{}
	for _, name := range p.Fonts() {
		f := p.Font(name)
		fonts[name] = &f
	}
	var enc pdf.TextEncoding = rawEncoding{}
	lineY := 0.0 // the baseline Tm last set
	var b strings.Builder
	show := func(v pdf.Value) {
		if v.Kind() == pdf.String {
			b.WriteString(enc.Decode(v.RawString()))
		}
	}
	// apart ends the text so far with sep, unless it ends in white space.
	apart := func(sep byte) {
		if s := b.String(); s != "" && !strings.ContainsAny(s[len(s)-1:], " \n\t") {
			b.WriteByte(sep)
		}
	}
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		arg := func(i int) pdf.Value {
			if i >= len(args) {
				panic("bad " + op + " operator")
			}
			return args[i]
		}
		switch op {
		case "BT": // a text object starts a line, as the reader has it
			b.WriteByte('\n')
		case "Tf":
			enc = rawEncoding{}
			if f, ok := fonts[arg(0).Name()]; ok {
				enc = f.Encoder()
			}
		case "Td", "TD":
			// A move along the line is not a space: some writers place a
			// word a glyph or a piece at a time ("Kal" then "ani"), and a
			// name run together is still read whole.
			if arg(1).Float64() != 0 {
				apart('\n')
			}
		case "Tm": // a new line only if it leaves the line's baseline
			if y := arg(5).Float64(); y != lineY {
				apart('\n')
				lineY = y
			}
		case "T*":
			apart('\n')
		case "'":
			apart('\n')
			show(arg(0))
		case "\"":
			apart('\n')
			show(arg(2))
		case "Tj":
			show(arg(0))
		case "TJ":
			a := arg(0)
			for i := 0; i < a.Len(); i++ {
				switch x := a.Index(i); x.Kind() {
				case pdf.String:
					show(x)
				case pdf.Integer, pdf.Real:
					// A gap of over a fifth of the font's size between
					// glyphs is a word's end.
					if x.Float64() < -200 {
						apart(' ')
					}
				}
			}
		}
	})
	return b.String(), nil
}

// rawEncoding reads a string's bytes as they are, as the PDF reader does
// for a font it does not know.
type rawEncoding struct{}

func (rawEncoding) Decode(raw string) string { return raw }
