package feedback

import (
	"reflect"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
)

// typed inserts a typed key's runes as the textarea's Update would (its
// default case: runes no binding claims), without the rest of Update,
// and reports whether it did. Update measures the cursor's row before
// and after every key, wrapping every line above it again and hashing
// each with SHA-256, for a blinking cursor (ours is static) and a
// viewport Drawer does not draw: for feedback a few lines long, twice
// the cost of the insertion and the drawing together. Anything else (a
// paste, alt, a bound key, a blurred textarea, a rune no UTF-8 could
// carry) goes through Update.
func (d *Drawer) typed(ta *textarea.Model, msg tea.Msg) bool {
	k, ok := msg.(tea.KeyMsg)
	if !ok || k.Type != tea.KeyRunes || k.Alt || k.Paste || len(k.Runes) == 0 || !ta.Focused() {
		return false
	}
	for _, r := range k.Runes {
		if !utf8.ValidRune(r) {
			return false // InsertString would get U+FFFD where Update gets r
		}
	}
	if key.Matches(k, d.bindings(ta)...) {
		return false
	}
	ta.InsertString(string(k.Runes))
	d.changed()
	d.reposition(ta)
	d.typedN++
	return true
}

// bindings are every key binding of ta's KeyMap, found once: a binding
// bubbles adds later is seen without a change here.
func (d *Drawer) bindings(ta *textarea.Model) []key.Binding {
	if d.keys == nil {
		v := reflect.ValueOf(ta.KeyMap)
		for i := range v.NumField() {
			if b, ok := v.Field(i).Interface().(key.Binding); ok {
				d.keys = append(d.keys, b)
			}
		}
	}
	return d.keys
}
