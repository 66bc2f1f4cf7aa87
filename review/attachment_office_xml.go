package review

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// xmlText appends the text of one XML part of kind k to b: the runs of a
// paragraph (elements named t, as Word, PowerPoint and Excel name them)
// joined as they are, since a word is often split over runs ("Mari"
// "sol"), with a line end at each paragraph (p) or cell string (si); any
// other element's text (metadata: dc:creator, Company) on a line of its
// own. With all, a worksheet gives only its strings (not its numbers or
// formulas), a relationships part only where its links point, and the
// attributes that name a person (personAttr) follow the part's text, each
// value once.
func xmlText(b *strings.Builder, r io.Reader, max int, k officePart, all bool) error {
	d := xml.NewDecoder(r)
	d.Strict = false
	inRun, open := false, false // open: b's last line holds runs not yet ended
	strCell, inValue, inHeader := false, false, false
	var people attrValues
	endLine := func() {
		if open {
			b.WriteByte('\n')
			open = false
		}
	}
	line := func(text string) {
		if text = strings.TrimSpace(text); text != "" {
			endLine()
			b.WriteString(text + "\n")
		}
	}
	for {
		if b.Len()+people.size > max {
			people.write(line)
			return errTextFull // no need to parse what will not be read
		}
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			endLine()
			people.write(line)
			return nil
		}
		if err != nil {
			return err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			inRun = tok.Name.Local == "t"
			if !all {
				break
			}
			people.add(k, tok)
			switch name := tok.Name.Local; {
			case k != partSheet:
			case name == "c":
				strCell = attr(tok, "t") == "str" // a formula's string
			case name == "v":
				inValue = strCell
			case sheetHeaders[name]:
				inHeader = true
			}
		case xml.CharData:
			switch {
			case inRun:
				b.Write(tok)
				open = open || len(tok) > 0
			case !all || k == partText || k == partMeta:
				line(string(tok))
			case inValue:
				line(string(tok))
			case inHeader:
				for _, l := range strings.Split(sheetHeaderText(string(tok)), "\n") {
					line(l)
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "t":
				inRun = false
			case "p", "si":
				endLine()
			case "is", "comment": // an inline string; a workbook's comment
				if all {
					endLine()
				}
			case "v":
				inValue = false
			case "c":
				strCell = false
			default:
				inHeader = inHeader && !sheetHeaders[tok.Name.Local]
			}
		}
	}
}

// attr is the value of e's attribute named local, in any namespace.
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// personAttrs are the attributes that name a person or show one: who wrote
// a comment or a tracked change (w:author), their display name and
// account (userId often is an e-mail address), and a picture's alt text.
var personAttrs = map[string]bool{"author": true, "displayName": true, "userId": true, "descr": true}

// attrValues are the distinct values of the attributes read from one part,
// in the order met: a change's author is on each of its changes.
type attrValues struct {
	seen   map[string]bool
	values []string
	size   int
}

// add keeps what e's attributes say of people: personAttrs, the name of a
// listed author (ppt/commentAuthors.xml, ppt/authors.xml), and in a
// relationships part a link's target outside the file.
func (v *attrValues) add(k officePart, e xml.StartElement) {
	if k == partLinks {
		if e.Name.Local == "Relationship" && attr(e, "TargetMode") == "External" {
			v.put(attr(e, "Target"))
		}
		return
	}
	for _, a := range e.Attr {
		if personAttrs[a.Name.Local] || a.Name.Local == "name" && (e.Name.Local == "cmAuthor" || e.Name.Local == "author") {
			v.put(a.Value)
		}
	}
}

func (v *attrValues) put(s string) {
	if s = strings.TrimSpace(s); s == "" || v.seen[s] {
		return
	}
	if v.seen == nil {
		v.seen = map[string]bool{}
	}
	v.seen[s] = true
	v.values = append(v.values, s)
	v.size += len(s) + 1
}

// write hands each value to line, once.
func (v *attrValues) write(line func(string)) {
	for _, s := range v.values {
		line(s)
	}
	*v = attrValues{}
}

// sheetHeaders are a worksheet's printed headers and footers.
var sheetHeaders = map[string]bool{"oddHeader": true, "oddFooter": true, "evenHeader": true,
	"evenFooter": true, "firstHeader": true, "firstFooter": true}

// sheetHeaderText is an Excel header or footer as printed: &L, &C and &R
// start a section (a line here); its other codes (&"font,style", &K and a
// colour, &12 a size, &B bold, &P a page number…) are dropped, so a name
// styled inside ("Da&Bna") reads whole; && is an ampersand.
func sheetHeaderText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '&' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; {
		case c == '&':
			b.WriteByte('&')
		case c == 'L' || c == 'C' || c == 'R':
			b.WriteByte('\n')
		case c == '"': // a font, up to its closing quote
			if j := strings.IndexByte(s[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(s)
			}
		case c == 'K': // a colour: six hex digits, or a theme's 01+033
			for n := 0; n < 6 && i+1 < len(s) && strings.IndexByte("0123456789abcdefABCDEF+-", s[i+1]) >= 0; n++ {
				i++
			}
		case c >= '0' && c <= '9': // a font size
			for i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
			}
		}
	}
	return b.String()
}
