package review

import (
	"encoding/base64"
	"fmt"
	"strings"
)

// placeholderImage is a data URI of a simple SVG badge for issuers with no
// images of their own: a disc with the letters, a second ring for a stack.
// It is built from the letters alone, so it is the same on every export.
func placeholderImage(letters string, stack bool) string {
	fill, ring := "#1f4e79", ""
	if stack {
		fill = "#5b2a86"
		ring = `<circle cx="100" cy="100" r="74" fill="none" stroke="#c9a227" stroke-width="4"/>`
	}
	svg := fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200">`+
		`<circle cx="100" cy="100" r="92" fill="%s" stroke="#c9a227" stroke-width="8"/>%s`+
		`<text x="100" y="118" font-family="sans-serif" font-size="52" font-weight="bold" fill="#ffffff" text-anchor="middle">%s</text></svg>`,
		fill, ring, letters)
	return "data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString([]byte(svg))
}

// initials are the capitals (A–Z) and digits that start up to three
// words of a name: "Descriptive Feedback of Student Learning" → "DFS",
// "Assessment Literacy" → "AL"; fallback when there are none. Only those
// characters reach the SVG, so no escaping is needed.
func initials(name, fallback string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if r := w[0]; r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteByte(r)
		}
		if b.Len() == 3 {
			break
		}
	}
	if b.Len() == 0 {
		return fallback
	}
	return b.String()
}
