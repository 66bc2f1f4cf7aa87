package markdown

import (
	"reflect"
	"sync"

	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"

	uistyles "assessor/ui/styles"
)

// noColorStyle names the style colourless is.
const noColorStyle = uistyles.GlamourNoColor

// colourless is styles.GlamourNoColor: glamour's dark style without a colour: headings, emphasis
// and code keep their bold, italic and layout; the title, which colour
// marks with a background, is drawn in reverse video.
// Built on first use, not at start-up: most programs never draw it.
var colourless = sync.OnceValue(func() ansi.StyleConfig {
	cfg := styles.DarkStyleConfig // a copy: only its own fields are changed
	dropColours(reflect.ValueOf(&cfg).Elem())
	cfg.CodeBlock.Chroma = nil
	reverse := true
	cfg.H1.Inverse = &reverse
	return cfg
})

// dropColours sets every Color and BackgroundColor field in v, a struct
// held by value, to nil. Pointers are not followed: they are shared with
// glamour's own style.
func dropColours(v reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	for i := range v.NumField() {
		f, name := v.Field(i), v.Type().Field(i).Name
		if (name == "Color" || name == "BackgroundColor") && f.Kind() == reflect.Pointer {
			f.Set(reflect.Zero(f.Type()))
			continue
		}
		dropColours(f)
	}
}
