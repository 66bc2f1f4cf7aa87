package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrNotUTF8 means a line holds bytes that are not UTF-8. Go's JSON reader
// would turn each into U+FFFD and the text would be stored garbled, so the
// line is refused with the field that holds them: the file was most
// likely saved in another encoding.
var ErrNotUTF8 = errors.New("not valid UTF-8: save the file as UTF-8")

// ErrLoneSurrogate means a string holds a \uD800–\uDFFF escape that is
// not half of a pair: no character, which Go's JSON reader would store as
// U+FFFD, as it does bytes that are not UTF-8.
var ErrLoneSurrogate = errors.New(`holds a \u escape of half a UTF-16 pair, which is no character`)

// loneSurrogate returns the offset in data (a JSON line) of its first
// \u escape of a surrogate that is not half of a high-then-low pair, and
// false when it has none.
func loneSurrogate(data []byte) (int, bool) {
	for i := bytes.IndexByte(data, '\\'); i >= 0 && i+1 < len(data); {
		if data[i+1] == 'u' {
			if r, ok := hex4(data[i+2:]); ok && utf16.IsSurrogate(r) {
				low, ok := rune(0), false
				if r < 0xdc00 && bytes.HasPrefix(data[i+6:], []byte(`\u`)) {
					low, ok = hex4(data[i+8:])
				}
				if !ok || low < 0xdc00 || low > 0xdfff {
					return i, true
				}
				i += 6 // onto the low half's escape, which the step below passes
			}
		}
		next := bytes.IndexByte(data[i+2:], '\\')
		if next < 0 {
			break
		}
		i += 2 + next // past the escaped character, so \\u is no escape
	}
	return 0, false
}

// hex4 reads the four hex digits a \u escape holds.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	return rune(n), err == nil
}

// checkUTF8 returns the field of data (a JSON line) that holds its first
// byte that is not UTF-8, and false when every byte is; the field is ""
// when the bytes are outside any value's string.
func checkUTF8(data []byte) (string, bool) {
	if utf8.Valid(data) {
		return "", true
	}
	at := len(data)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			at = i
			break
		}
		i += n
	}
	return fieldAt(data, at), false
}

// fieldAt names the value of the JSON in data that holds byte at, as an
// import error names fields ("parts[1].text", "candidate.name"): it reads
// the tokens in order, keeping the path, until one ends past at.
func fieldAt(data []byte, at int) string {
	type frame struct {
		array bool
		index int
		key   string
		inKey bool // an object's next string is a key
	}
	var path []frame
	name := func() string {
		var b bytes.Buffer
		for _, f := range path {
			if f.array {
				b.WriteString("[" + strconv.Itoa(f.index) + "]")
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		}
		return b.String()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err != nil {
			return name()
		}
		top := len(path) - 1
		key, isKey := tok.(string)
		isKey = isKey && top >= 0 && !path[top].array && path[top].inKey
		switch {
		case isKey:
			path[top].key, path[top].inKey = key, false
		case top >= 0 && path[top].array && tok != json.Delim(']'):
			path[top].index++
		}
		if dec.InputOffset() > int64(at) {
			return name()
		}
		switch tok {
		case json.Delim('{'):
			path = append(path, frame{inKey: true})
		case json.Delim('['):
			path = append(path, frame{array: true, index: -1})
		case json.Delim('}'), json.Delim(']'):
			path = path[:top]
			top--
		}
		// A value ends its object's pair: the next string is a key.
		if !isKey && top >= 0 && !path[top].array && tok != json.Delim('{') && tok != json.Delim('[') {
			path[top].inKey = true
		}
	}
}
