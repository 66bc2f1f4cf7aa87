package review

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// OneForm is s in the one form two spellings that read the same are
// compared in: composed (NFC), its runs of spaces of any kind (no-break
// ones too) one space, and none around it. A name decomposed, as macOS
// and many web forms send it, or with a no-break space or a double one,
// as a spreadsheet's export may give it, is drawn as it is typed here.
func OneForm(s string) string { return strings.Join(strings.Fields(norm.NFC.String(s)), " ") }
