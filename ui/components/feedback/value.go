package feedback

import "github.com/charmbracelet/bubbles/textarea"

// keptText is a textarea's text as the Drawer last saw it change.
type keptText struct {
	of *textarea.Model // the textarea it is the text of; nil: none kept
	s  string
}

// Value is ta's text. bubbles builds the string anew from its rows on
// each call, and one key asked for it three times (scrolling, the copy
// into the feedback, drawing): the Drawer keeps it from one change of the
// text to the next, all of which go through Update and SetValue.
func (d *Drawer) Value(ta *textarea.Model) string {
	if d.text.of != ta {
		d.text = keptText{of: ta, s: ta.Value()}
	}
	return d.text.s
}

// changed forgets the text kept: ta's text may have changed.
func (d *Drawer) changed() { d.text = keptText{} }
