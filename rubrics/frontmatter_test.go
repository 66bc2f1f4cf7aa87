package rubrics

import (
	"strings"
	"testing"
)

// TestBadFrontMatterSearchBounded: finding the line a bad front matter
// stops parsing at parses its leading lines again, each try all the lines
// before it. Those tries parse a bounded number of bytes in all: a
// front matter of 199 long lines (4 MiB, a rubric's limit) with a syntax
// error at its end was parsed some 200 times over, seconds to refuse. It
// is refused on the line yaml.v3 names instead; a small one still gets
// the line it stops parsing at.
func TestBadFrontMatterSearchBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\ntitle: t\n")
	long := strings.Repeat("a", (MaxFileSize-1000)/196)
	for i := range 195 {
		b.WriteString("k" + strings.Repeat("z", i%7) + ": \"" + long + "\"\n")
	}
	b.WriteString("levels: [a, b\n")
	text := b.String()
	if n, ok := yamlErrorLine(text); ok {
		t.Errorf("a %d-byte front matter was searched for its error line (%d): its leading lines were parsed again, hundreds of MB", len(text), n)
	}
	_, err := Parse("big.md", []byte("---\n"+text+"---\n### C1. N\n"))
	// yaml.v3's line, here the one before the list left open.
	if want := "big.md:198: front matter: did not find expected ',' or ']'"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}

	small := "id: x\ntitle: t\nversion: 2\nlevels: [not-yet, meets\n"
	if n, ok := yamlErrorLine(small); !ok || n != 4 {
		t.Errorf("small front matter: error line %d %v, want 4, the list left open", n, ok)
	}
}
