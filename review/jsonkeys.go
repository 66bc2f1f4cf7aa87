package review

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// encoding/json keeps the last of a key given twice in one object, and
// matches a struct's fields whatever their case: {"name":"A","name":"B"}
// and {"application":"A-1","Application":"A-9"} would each import one
// value and drop the other without a word (a candidate's name dropped so
// is neither vaulted nor looked for in the evidence). repeatedKey finds
// them first.

// maxKeysByScan is the keys an object is checked against one by one; an
// object with more is checked through a map, so that a line of many keys
// costs no more than its length.
const maxKeysByScan = 16

// keyFrame is an object or a list being read: its path, and an object's
// keys so far.
type keyFrame struct {
	path  string
	list  bool
	index int // a list's next element
	keys  []string
	folds map[string]bool
}

// repeatedKey returns the path of the first key given twice in one object
// of data ("candidate.name", "parts[1].title"), comparing keys as
// encoding/json matches fields (ignoring case), or "" if there is none.
// data must be one valid JSON value (ParseLine decoded it first); it stops
// at anything after it.
func repeatedKey(data []byte) string {
	var stack []*keyFrame
	wantKey := false // the next string is a key
	path := ""       // the path of the value about to start
	for i := 0; i < len(data); i++ {
		if len(stack) == 0 && i > 0 && strings.IndexByte("}],\"", data[i]) >= 0 {
			return "" // past the value: not ours to read
		}
		switch data[i] {
		case '{', '[':
			f := &keyFrame{path: path, list: data[i] == '['}
			stack = append(stack, f)
			wantKey = !f.list
			if f.list {
				path = f.path + "[0]"
			}
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			if f := stack[len(stack)-1]; f.list {
				f.index++
				path = f.path + "[" + strconv.Itoa(f.index) + "]"
			} else {
				wantKey = true
			}
		case '"':
			end := stringEnd(data, i)
			if wantKey {
				f := stack[len(stack)-1]
				k := jsonString(data[i : end+1])
				if f.seen(k) {
					return joinPath(f.path, k)
				}
				path, wantKey = joinPath(f.path, k), false
			}
			i = end
		}
	}
	return ""
}

// seen reports whether the object has key k already (any case), and adds it.
func (f *keyFrame) seen(k string) bool {
	fold := strings.ToLower(k)
	if f.folds != nil {
		if f.folds[fold] {
			return true
		}
		f.folds[fold] = true
		return false
	}
	for _, old := range f.keys {
		if strings.EqualFold(old, k) {
			return true
		}
	}
	f.keys = append(f.keys, k)
	if len(f.keys) > maxKeysByScan {
		f.folds = make(map[string]bool, 2*len(f.keys))
		for _, old := range f.keys {
			f.folds[strings.ToLower(old)] = true
		}
		f.keys = nil
	}
	return false
}

// stringEnd is the index of the quote that closes the string opening at i.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return len(data) - 1
}

// jsonString is the quoted JSON string q (a key, a value) as text:
// escapes ("\u006eame") read as the letters do. q must be valid.
func jsonString(q []byte) string {
	if bytes.IndexByte(q, '\\') < 0 {
		return string(q[1 : len(q)-1])
	}
	var k string
	_ = json.Unmarshal(q, &k) // valid: the line decoded
	return k
}

func joinPath(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}
