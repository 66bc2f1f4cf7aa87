package review

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// The lists and maps of an import line that the format bounds (a
// candidate's fields, the parts, a part's files, a decision's levels and
// feedback) are read item by item
// from the line's bytes, so that a line past a bound is refused before it
// is built: decoded whole first, one 60 MB line of empty objects
// ("parts":[{},{},…] or "candidate":{"x":[{},{},…]}) took 3 GB to refuse.

// fieldError is a field the format refuses (past a bound, a file name
// with hidden characters), found while the line decodes.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }

// rawCandidate is a line's candidate: its fields with string values (a
// null says nothing, as an empty value does, and is left out).
type rawCandidate map[string]string

func (c *rawCandidate) UnmarshalJSON(b []byte) error {
	if ok, err := opens(b, '{', reflect.TypeFor[map[string]string]()); !ok {
		return err
	}
	if n := countItems(b); n > MaxCandidateFields {
		return &fieldError{"candidate", fmt.Errorf("%d fields, over the limit of %d", n, MaxCandidateFields)}
	}
	m := rawCandidate{}
	*c = m
	return eachItem(b, func(k, v []byte) error {
		switch v[0] {
		case 'n':
			return nil
		case '"':
			m[jsonString(k)] = jsonString(v)
			return nil
		}
		return &fieldError{"candidate", fmt.Errorf("%s: must be a string", jsonString(k))}
	})
}

// rawParts is a submission's parts, at most MaxParts.
type rawParts []rawPart

func (p *rawParts) UnmarshalJSON(b []byte) error {
	if ok, err := opens(b, '[', reflect.TypeFor[[]rawPart]()); !ok {
		return err
	}
	*p = rawParts{}
	files := 0
	return eachItem(b, func(_, v []byte) error {
		if len(*p) == MaxParts { // counted only then: parts are read once
			return &fieldError{"parts", fmt.Errorf("%d parts, over the limit of %d", countItems(b), MaxParts)}
		}
		part, err := decodePart(v)
		if err != nil {
			// A file's field knows its index in the part, not the part's.
			if le := (*fieldError)(nil); errors.As(err, &le) {
				return &fieldError{fmt.Sprintf("parts[%d].%s", len(*p), le.field), le.err}
			}
			return err
		}
		if files += len(part.Files); files > MaxFiles {
			return &fieldError{fmt.Sprintf("parts[%d].files", len(*p)), errTooManyFiles}
		}
		*p = append(*p, part)
		return nil
	})
}

// decodePart reads the part v where it lies, not copied into a Decoder of
// its own, as the line's Decoder would: a key matches a field in any case
// (EqualFold), and the first unknown field or value of the wrong type is
// the error, in encoding/json's words.
func decodePart(v []byte) (rawPart, error) {
	var p rawPart
	if v[0] != '{' {
		return p, json.Unmarshal(v, &p) // null, or a type error
	}
	var first error
	err := eachItem(v, func(k, val []byte) error {
		key := jsonString(k)
		var to any
		switch {
		case strings.EqualFold(key, "title"):
			key, to = "title", &p.Title
		case strings.EqualFold(key, "text"):
			key, to = "text", &p.Text
		case strings.EqualFold(key, "files"):
			key, to = "files", &p.Files
		default:
			first = cmp.Or(first, fmt.Errorf("json: unknown field %q", key))
			return nil
		}
		var err error
		switch to := to.(type) {
		case **string:
			if val[0] == '"' { // the line is valid JSON: read, not parsed again
				s := jsonString(val)
				*to = &s
				return nil
			}
			err = json.Unmarshal(val, to)
		case *rawFiles:
			err = to.UnmarshalJSON(val)
		}
		if te := (*json.UnmarshalTypeError)(nil); errors.As(err, &te) {
			te.Field = key
			first = cmp.Or(first, error(te))
			return nil
		}
		return err
	})
	return p, cmp.Or(err, first)
}

type rawPart struct {
	Title *string  `json:"title"`
	Text  *string  `json:"text"`
	Files rawFiles `json:"files"`
}

// rawFiles is a part's file names, each checked as it is read. A null
// reads as the empty name, which is refused.
type rawFiles []string

func (f *rawFiles) UnmarshalJSON(b []byte) error {
	if ok, err := opens(b, '[', reflect.TypeFor[[]string]()); !ok {
		return err
	}
	*f = rawFiles{}
	return eachItem(b, func(_, v []byte) error {
		if len(*f) == MaxFiles {
			return &fieldError{"files", errTooManyFiles}
		}
		var name string
		switch v[0] {
		case 'n':
		case '"':
			name = jsonString(v)
		default:
			return &json.UnmarshalTypeError{Value: jsonKind(v), Type: reflect.TypeFor[string]()}
		}
		if len(name) > MaxFileName { // by its length alone, before its characters are checked
			return &fieldError{fmt.Sprintf("files[%d]", len(*f)), fmt.Errorf("%d bytes, over the limit of %d for a file name", len(name), MaxFileName)}
		}
		if err := checkImportFileName(name); err != nil {
			return &fieldError{fmt.Sprintf("files[%d]", len(*f)), fmt.Errorf("%s: %w", Quoted(name), err)}
		}
		*f = append(*f, name)
		return nil
	})
}

// errTooManyFiles is the error of an attempt whose parts name more than
// MaxFiles files.
var errTooManyFiles = fmt.Errorf("the attempt's parts name over %d files, the limit per attempt", MaxFiles)

// rawLevels and rawFeedback are a decision's levels and feedback, keyed by
// criterion, each at most MaxDecisionKeys keys. A null value reads as "",
// as encoding/json reads it into a map.
type (
	rawLevels   map[string]string
	rawFeedback map[string]string
)

func (m *rawLevels) UnmarshalJSON(b []byte) error {
	return readStrings((*map[string]string)(m), b, "levels")
}

func (m *rawFeedback) UnmarshalJSON(b []byte) error {
	return readStrings((*map[string]string)(m), b, "feedback")
}

// readStrings reads the JSON object b of text values into *m, refusing it
// as field at the first key past MaxDecisionKeys.
func readStrings(m *map[string]string, b []byte, field string) error {
	if ok, err := opens(b, '{', reflect.TypeFor[map[string]string]()); !ok {
		return err
	}
	*m = map[string]string{}
	return eachItem(b, func(k, v []byte) error {
		if len(*m) == MaxDecisionKeys {
			return &fieldError{field, fmt.Errorf("%d keys, over the limit of %d", countItems(b), MaxDecisionKeys)}
		}
		switch v[0] {
		case 'n':
			(*m)[jsonString(k)] = ""
		case '"':
			(*m)[jsonString(k)] = jsonString(v)
		default:
			return &json.UnmarshalTypeError{Value: jsonKind(v), Type: reflect.TypeFor[string]()}
		}
		return nil
	})
}

// checkImportFileName refuses a file name an import line may not give,
// whether its files are read or not (--no-files): one that could reach
// outside the files folder (CheckFileName), or one with characters a
// reviewer's screen would not show. Stripped, the name would not be the
// file's; kept, it would reach a reviewer's screen. Evidence text keeps
// line breaks and tabs; a file name may not.
func checkImportFileName(name string) error {
	if Sanitize(name) != name || strings.ContainsAny(name, "\n\t") {
		return ErrFileNameChars
	}
	return CheckFileName(name)
}

// opens reports whether the JSON value b opens with open ('{', '['), to
// be read item by item; false for null, which leaves it empty, and false
// with encoding/json's type error, naming typ, for any other kind.
func opens(b []byte, open byte, typ reflect.Type) (bool, error) {
	switch b[0] {
	case 'n':
		return false, nil
	case open:
		return true, nil
	}
	return false, &json.UnmarshalTypeError{Value: jsonKind(b), Type: typ}
}

// jsonKind names the kind of the JSON value v as encoding/json's type
// errors do, for wrongType.
func jsonKind(v []byte) string {
	switch v[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

// countItems is the number of elements of the JSON list b, or of members
// of the object b.
func countItems(b []byte) int {
	n := 0
	_ = eachItem(b, func(_, _ []byte) error { n++; return nil })
	return n
}

// eachItem calls fn with each element of the JSON list b (key nil), or
// with each member's quoted key and value of the object b, in order, up to
// fn's first error. b must be one valid JSON value, as encoding/json hands
// an UnmarshalJSON; it is read without allocating.
func eachItem(b []byte, fn func(key, value []byte) error) error {
	obj := b[0] == '{'
	i := skipSpace(b, 1)
	if b[i] == '}' || b[i] == ']' {
		return nil
	}
	for {
		var key []byte
		if obj {
			end := stringEnd(b, i)
			key = b[i : end+1]
			i = skipSpace(b, skipSpace(b, end+1)+1) // past the colon
		}
		end := valueEnd(b, i)
		if err := fn(key, b[i:end]); err != nil {
			return err
		}
		if i = skipSpace(b, end); b[i] != ',' {
			return nil
		}
		i = skipSpace(b, i+1)
	}
}

// valueEnd is the index just past the valid JSON value that starts at i.
func valueEnd(b []byte, i int) int {
	depth := 0
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			if i = stringEnd(b, i); depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i // a number or literal's end
			}
			if depth--; depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return len(b)
}

// skipSpace is the index of the first byte of b from i that is not JSON
// white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
