package review

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"unicode/utf8"
)

// ErrNotUTF8 means a line holds bytes that are not UTF-8. Go's JSON reader
// would turn each into U+FFFD and the text would be stored garbled, so the
// line is refused with the field that holds them: the file was most
// likely saved in another encoding.
var ErrNotUTF8 = errors.New("not valid UTF-8: save the file as UTF-8")

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
