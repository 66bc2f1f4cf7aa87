package review

import (
	"fmt"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pageText is the plain text of page p, as the PDF reader's GetPlainText
// reads it, but with a line's end where the text moves to another line
// (Td or TD up or down, Tm to another baseline, T*, ' and ") and a space
// where it moves along the line past a word's gap (pen). The reader joined
// everything: lines placed with Td, the usual way, read "TeacherKeoni", and
// words placed one at a time "byKalaniMahoe", so a name beside another
// word reached neither the redactor nor the leak scan; and its " panicked,
// losing the page.
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
	var (
		b   strings.Builder
		pen pen
		enc pdf.TextEncoding = rawEncoding{}
	)
	// apart ends the text so far with sep, unless it ends in white space.
	apart := func(sep byte) {
		if s := b.String(); s != "" && !strings.ContainsAny(s[len(s)-1:], " \n\t") {
			b.WriteByte(sep)
		}
	}
	// moveTo goes on at (x, y): a new line off the baseline, a space past
	// a word's gap along it.
	moveTo := func(x, y float64) {
		switch {
		case y != pen.y:
			apart('\n')
		case x-pen.x > pen.wordGap():
			apart(' ')
		}
		pen.lineX, pen.x, pen.y = x, x, y
	}
	show := func(v pdf.Value) {
		if v.Kind() == pdf.String {
			raw := v.RawString()
			text := enc.Decode(raw)
			b.WriteString(text)
			pen.advance(raw, text)
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
			pen.lineX, pen.x, pen.y, pen.scale = 0, 0, 0, 1
		case "Tf":
			enc, pen.font, pen.size = rawEncoding{}, nil, arg(1).Float64()
			if f, ok := fonts[arg(0).Name()]; ok {
				enc, pen.font = f.Encoder(), f
			}
		case "Td", "TD":
			moveTo(pen.lineX+arg(0).Float64()*pen.scale, pen.y+arg(1).Float64()*pen.scale)
		case "Tm":
			if s := arg(0).Float64(); s > 0 {
				pen.scale = s
			}
			moveTo(arg(4).Float64(), arg(5).Float64())
		case "T*":
			apart('\n')
			pen.x = pen.lineX
		case "'":
			apart('\n')
			pen.x = pen.lineX
			show(arg(0))
		case "\"":
			apart('\n')
			pen.x = pen.lineX
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
					pen.x -= x.Float64() / 1000 * pen.size * pen.scale
				}
			}
		}
	})
	return b.String(), nil
}

// pen is where the text drawn so far ends, in the page's units: the
// start of its line, its end, its baseline, and the font and size it is
// drawn in (scale: the text matrix's, when Tm sizes the text).
type pen struct {
	lineX, x, y float64
	scale, size float64
	font        *pdf.Font
	last        int // the glyphs the last text drawn held
}

// wordGap is how far along a line the next text must start past the end
// of the last for a space between them: under a space's width (0.278 em
// in Helvetica) and over the slack of pieces of a word placed apart; after
// a glyph or two placed alone, half an em, as some writers set a word a
// glyph at a time on a fixed pitch ("K" "a" "l" 7 points apart).
func (p pen) wordGap() float64 {
	if p.last <= 2 {
		return p.size * p.scale / 2
	}
	return p.size * p.scale * 0.22
}

// advance moves the pen past raw, shown as text: by the font's widths
// where it gives them, else by widths like Helvetica's (the standard fonts
// carry none).
func (p *pen) advance(raw, text string) {
	em := 0.0
	if p.font != nil && p.font.V.Key("Widths").Len() > 0 && len(raw) == len([]rune(text)) {
		for i := 0; i < len(raw); i++ {
			em += p.font.Width(int(raw[i])) / 1000
		}
	} else {
		for _, r := range text {
			em += glyphWidth(r)
		}
	}
	p.x += em * p.size * p.scale
	p.last = len([]rune(text))
}

// glyphWidth is what r's glyph measures in Helvetica, in ems: the
// standard fonts carry no widths, and Helvetica's stand for any font's
// well enough to tell a word's gap from a glyph's.
func glyphWidth(r rune) float64 {
	if r >= ' ' && r <= '~' {
		return float64(helvetica[r-' ']) / 1000
	}
	return 0.556
}

// helvetica are Helvetica's widths of ' ' to '~', in thousandths of an em
// (its Adobe font metrics).
var helvetica = [95]int16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// rawEncoding reads a string's bytes as they are, as the PDF reader does
// for a font it does not know.
type rawEncoding struct{}

func (rawEncoding) Decode(raw string) string { return raw }
